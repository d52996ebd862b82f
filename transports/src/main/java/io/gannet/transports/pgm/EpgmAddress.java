package io.gannet.transports.pgm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Enumeration;

/**
 * An {@code epgm://interface;group:port} endpoint, resolved: the network interface (given by
 * its IPv4 address or by its name, such as {@code eth0} or {@code lo}) and its IPv4 address,
 * the IPv4 multicast group, and the port (both PGM's data-destination port and the UDP port,
 * as libzmq sets them). Immutable.
 *
 * <p>Names are resolved here, in Java ({@link NetworkInterface#getByName}). OpenPGM, which a
 * libzmq peer uses, resolves an interface name only outside a network namespace; give libzmq
 * the interface's address there.
 */
final class EpgmAddress extends SocketAddress {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final transient NetworkInterface networkInterface;
    private final Inet4Address interfaceAddress;
    private final Inet4Address group;
    private final int port;

    private EpgmAddress(String text, NetworkInterface networkInterface, Inet4Address interfaceAddress,
                        Inet4Address group, int port) {
        this.text = text;
        this.networkInterface = networkInterface;
        this.interfaceAddress = interfaceAddress;
        this.group = group;
        this.port = port;
    }

    /**
     * Parses and resolves the part after {@code epgm://}. Throws {@link IllegalArgumentException}
     * saying what is wrong: no {@code ;} or port, a group that is not an IPv4 multicast
     * address, an interface that does not exist or has no IPv4 address.
     */
    static EpgmAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        int semi = text.indexOf(';');
        if (semi < 0 || colon < semi) {
            throw new IllegalArgumentException("'" + text + "' is not of the form interface;group:port"
                    + " (e.g. epgm://eth0;239.192.1.1:5555 or epgm://192.168.1.2;239.192.1.1:5555)");
        }
        String iface = text.substring(0, semi);
        String groupText = text.substring(semi + 1, colon);
        int port = port(text.substring(colon + 1), text);
        if (iface.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no interface before ';'"
                    + " (give its name, e.g. eth0, or its IPv4 address)");
        }
        if (groupText.indexOf(',') >= 0 || groupText.indexOf(';') >= 0) {
            throw new IllegalArgumentException("'" + text + "': Gannet's epgm:// takes one multicast group");
        }
        Inet4Address group = ipv4Literal(groupText);
        if (group == null || !group.isMulticastAddress()) {
            throw new IllegalArgumentException("'" + groupText + "' is not an IPv4 multicast group"
                    + " (224.0.0.0 to 239.255.255.255, e.g. 239.192.1.1)");
        }
        Inet4Address ifAddress = ipv4Literal(iface);
        NetworkInterface nif;
        try {
            if (ifAddress != null) {
                nif = NetworkInterface.getByInetAddress(ifAddress);
                if (nif == null) {
                    throw new IllegalArgumentException("no network interface has the address " + iface);
                }
            } else {
                nif = NetworkInterface.getByName(iface);
                if (nif == null) {
                    throw new IllegalArgumentException("no network interface is named '" + iface + "'");
                }
                ifAddress = firstIpv4(nif);
                if (ifAddress == null) {
                    throw new IllegalArgumentException("the network interface '" + iface + "' has no IPv4 address");
                }
            }
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot look up the network interface '" + iface + "': "
                    + e.getMessage(), e);
        }
        return new EpgmAddress(text, nif, ifAddress, group, port);
    }

    private static int port(String s, String text) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' has no valid port after the last ':'");
        }
        int p = Integer.parseInt(s);
        if (p < 1 || p > 65_535) {
            throw new IllegalArgumentException("'" + text + "': port " + p + " is not 1 to 65535");
        }
        return p;
    }

    /** A dotted-quad IPv4 address, or null if {@code s} is not one (never a name lookup). */
    static Inet4Address ipv4Literal(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
    }

    private static Inet4Address firstIpv4(NetworkInterface nif) {
        for (Enumeration<InetAddress> e = nif.getInetAddresses(); e.hasMoreElements(); ) {
            InetAddress a = e.nextElement();
            if (a instanceof Inet4Address) {
                return (Inet4Address) a;
            }
        }
        return null;
    }

    /** The endpoint text after {@code epgm://}, as the application wrote it. */
    String text() {
        return text;
    }

    NetworkInterface networkInterface() {
        return networkInterface;
    }

    /** The interface's IPv4 address: where our packets come from, our NLA in PGM. */
    Inet4Address interfaceAddress() {
        return interfaceAddress;
    }

    Inet4Address group() {
        return group;
    }

    int port() {
        return port;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpgmAddress && ((EpgmAddress) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
