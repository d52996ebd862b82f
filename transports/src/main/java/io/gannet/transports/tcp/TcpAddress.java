package io.gannet.transports.tcp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Enumeration;

/**
 * Parses the address part of {@code tcp://} (and {@code udp://}) endpoints as libzmq writes them:
 * {@code host:port}, {@code *:port} (any interface), {@code [v6-literal]:port}, a port of
 * {@code *} or {@code 0} for an ephemeral port when binding, and (for bind) an interface
 * name such as {@code lo}; for connect, libzmq's {@code source;destination} form. Stateless.
 */
public final class TcpAddress {
    private TcpAddress() {
    }

    /** The host part and the port, split; throws IllegalArgumentException when malformed. */
    static String[] split(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + address + "' has no port (expected host:port)");
        }
        String host = address.substring(0, colon);
        String port = address.substring(colon + 1);
        if (host.indexOf(';') >= 0) {
            throw new IllegalArgumentException("'" + address + "': a source address (source;host:port) is only "
                    + "allowed when connecting");
        }
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw new IllegalArgumentException("'" + address + "' has an unclosed '['");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("IPv6 address in '" + address + "' must be in brackets: [addr]:port");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + address + "' has no host");
        }
        return new String[] {host, port};
    }

    /** Parses a port: a number 0-65535, or {@code *} (0) when wildcards are allowed. */
    static int port(String text, boolean wildcardAllowed, String address) {
        if (text.equals("*")) {
            if (!wildcardAllowed) {
                throw new IllegalArgumentException("'" + address + "': a port of * is only allowed when binding");
            }
            return 0;
        }
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + address + "' has an invalid port '" + text + "'");
        }
        if (port < 0 || port > 65535 || (port == 0 && !wildcardAllowed)) {
            throw new IllegalArgumentException("'" + address + "' has a port out of range: " + port);
        }
        return port;
    }

    /** A bind address: {@code host:port}, {@code *:port}, an interface name; port {@code *} or 0 for any. */
    public static InetSocketAddress forBind(String address, boolean ipv6) throws UnknownHostException {
        String[] parts = split(address);
        int port = port(parts[1], true, address);
        String host = parts[0];
        if (host.equals("*")) {
            return new InetSocketAddress(anyAddress(ipv6), port);
        }
        InetAddress iface = interfaceAddress(host, ipv6);
        if (iface != null) {
            return new InetSocketAddress(iface, port);
        }
        return new InetSocketAddress(resolve(host, ipv6), port);
    }

    /**
     * A connect address: {@code host:port}, or libzmq's {@code source;host:port} where the
     * source is written as for bind (an address or interface name, {@code *}, and a port or
     * {@code 0}/{@code *} for any) and becomes a {@link SourcedAddress}.
     */
    public static SocketAddress forConnect(String address, boolean ipv6) throws UnknownHostException {
        int semicolon = address.lastIndexOf(';');
        if (semicolon < 0) {
            return destination(address, ipv6);
        }
        String source = address.substring(0, semicolon);
        String destination = address.substring(semicolon + 1);
        if (source.isEmpty()) {
            throw new IllegalArgumentException("'" + address + "' has an empty source address before ';'");
        }
        return new SourcedAddress(forBind(source, ipv6), destination(destination, ipv6));
    }

    private static InetSocketAddress destination(String address, boolean ipv6) {
        String[] parts = split(address);
        int port = port(parts[1], false, address);
        try {
            return new InetSocketAddress(resolve(parts[0], ipv6), port);
        } catch (UnknownHostException e) {
            // Retried at each connect attempt, as libzmq does.
            return InetSocketAddress.createUnresolved(parts[0], port);
        }
    }

    private static InetAddress anyAddress(boolean ipv6) throws UnknownHostException {
        return InetAddress.getByName(ipv6 ? "::" : "0.0.0.0");
    }

    /** An IP literal or a host name: IPv4 first unless IPV6 is on (then either, v6 first). */
    private static InetAddress resolve(String host, boolean ipv6) throws UnknownHostException {
        InetAddress[] all = InetAddress.getAllByName(host);
        for (InetAddress a : all) {
            if (ipv6 ? a instanceof Inet6Address : a instanceof Inet4Address) {
                return a;
            }
        }
        if (ipv6) {
            return all[0];
        }
        for (InetAddress a : all) {
            if (a instanceof Inet6Address && isLiteral(host)) {
                return a; // an explicit IPv6 literal is honoured even without the IPV6 option
            }
        }
        throw new UnknownHostException(host + " has no IPv4 address (set the IPV6 option for IPv6)");
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0;
    }

    private static InetAddress interfaceAddress(String name, boolean ipv6) {
        if (name.indexOf('.') >= 0 || name.indexOf(':') >= 0) {
            return null;
        }
        try {
            NetworkInterface ni = NetworkInterface.getByName(name);
            if (ni == null) {
                return null;
            }
            InetAddress fallback = null;
            for (Enumeration<InetAddress> e = ni.getInetAddresses(); e.hasMoreElements();) {
                InetAddress a = e.nextElement();
                if (a instanceof Inet4Address) {
                    if (!ipv6) {
                        return a;
                    }
                    fallback = fallback == null ? a : fallback;
                } else if (ipv6) {
                    return a;
                }
            }
            return fallback;
        } catch (SocketException e) {
            return null;
        }
    }

    /** The endpoint text for a bound or connected address: IPv6 in brackets, no scope. */
    static String format(InetSocketAddress a) {
        return format("tcp", a);
    }

    /** As {@link #format(InetSocketAddress)}, for the transport of {@code scheme}. */
    public static String format(String scheme, InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host;
        if (ip == null) {
            host = a.getHostString();
        } else if (ip instanceof Inet6Address) {
            String h = ip.getHostAddress();
            int pct = h.indexOf('%');
            host = "[" + compress(pct >= 0 ? h.substring(0, pct) : h) + "]";
        } else {
            host = ip.getHostAddress();
        }
        return scheme + "://" + host + ":" + a.getPort();
    }

    /** Java prints 0:0:0:0:0:0:0:1; libzmq prints ::1. */
    private static String compress(String v6) {
        String[] groups = v6.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length;) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return v6;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bestStart; i++) {
            sb.append(groups[i]).append(i < bestStart - 1 ? ":" : "");
        }
        sb.append("::");
        for (int i = bestStart + bestLen; i < groups.length; i++) {
            sb.append(groups[i]).append(i < groups.length - 1 ? ":" : "");
        }
        return sb.toString();
    }
}
