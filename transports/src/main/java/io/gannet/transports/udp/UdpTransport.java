package io.gannet.transports.udp;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.spi.DatagramRole;
import io.gannet.spi.DatagramTransport;
import io.gannet.spi.OptionSource;
import io.gannet.transports.tcp.TcpAddress;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;

/**
 * {@code udp://host:port}: one message per datagram, one way, from a PUB that connects to a
 * SUB that binds (unicast; no multicast, no groups). Addresses are written as for
 * {@code tcp://} ({@code *} for any interface, {@code *} or {@code 0} for an ephemeral port
 * when binding, IPv6 literals in brackets), without tcp's source-address form. SNDBUF, RCVBUF
 * and TOS apply. Stateless; any thread.
 */
public final class UdpTransport implements DatagramTransport {

    @Override
    public String scheme() {
        return "udp";
    }

    /** One-way and unreliable: only the pair for which that is the contract, a PUB connecting, a SUB binding. */
    @Override
    public DatagramRole role(SocketType type, boolean binding) {
        if (binding && type == SocketType.SUB) {
            return DatagramRole.RECEIVE;
        }
        if (!binding && type == SocketType.PUB) {
            return DatagramRole.SEND;
        }
        throw new GannetException(ErrorCode.ENOTSUP, "udp:// is one-way: a PUB connects and a SUB binds; a " + type
                + " cannot " + (binding ? "bind" : "connect") + " there");
    }

    @Override
    public SocketAddress resolveBind(String address, OptionSource options) throws IOException {
        return TcpAddress.forBind(address, options.option(SocketOption.IPV6));
    }

    @Override
    public SocketAddress resolveConnect(String address, OptionSource options) throws IOException {
        if (address.indexOf(';') >= 0) {
            throw new IllegalArgumentException("'" + address + "': udp:// has no source address form");
        }
        SocketAddress a = TcpAddress.forConnect(address, options.option(SocketOption.IPV6));
        if (((InetSocketAddress) a).isUnresolved()) {
            throw new UnknownHostException("cannot resolve " + ((InetSocketAddress) a).getHostString());
        }
        return a;
    }

    @Override
    public DatagramChannel bind(SocketAddress address, OptionSource options) throws IOException {
        DatagramChannel ch = DatagramChannel.open(family(address));
        try {
            int rcvbuf = options.option(SocketOption.RCVBUF);
            if (rcvbuf > 0) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
            }
            ch.bind(address);
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public DatagramChannel open(SocketAddress address, OptionSource options) throws IOException {
        DatagramChannel ch = DatagramChannel.open(family(address));
        try {
            int sndbuf = options.option(SocketOption.SNDBUF);
            if (sndbuf > 0) {
                ch.setOption(StandardSocketOptions.SO_SNDBUF, sndbuf);
            }
            int tos = options.option(SocketOption.TOS);
            if (tos != 0) {
                ch.setOption(StandardSocketOptions.IP_TOS, tos);
            }
            ch.configureBlocking(false);
            // Connected: the system then reports an unreachable port instead of dropping quietly.
            ch.connect(address);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** An IPv4 address gets an IPv4 channel, so a wildcard bind reports 0.0.0.0, not [::]. */
    private static StandardProtocolFamily family(SocketAddress address) {
        InetAddress ip = address instanceof InetSocketAddress ? ((InetSocketAddress) address).getAddress() : null;
        return ip instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    @Override
    public String endpoint(SocketAddress boundAddress) {
        return TcpAddress.format(scheme(), (InetSocketAddress) boundAddress);
    }
}
