package io.gannet.transports.tcp;

import io.gannet.SocketOption;
import io.gannet.spi.OptionSource;
import io.gannet.spi.Transport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code tcp://host:port}: IPv4 and IPv6 (literals in brackets, {@code tcp://[::1]:5555}),
 * host names, {@code *} for any interface, {@code *} or {@code 0} for an ephemeral port, and
 * interface names when binding. TCP_NODELAY is always on (ZMTP batches itself); SNDBUF,
 * RCVBUF, BACKLOG, IPV6, TOS and the TCP_KEEPALIVE options apply as in libzmq.
 * Connect endpoints may name a source address first, as libzmq allows:
 * {@code tcp://127.0.0.1:0;server:5555} connects from 127.0.0.1 (any port) to server:5555. Stateless; any
 * thread.
 */
public final class TcpTransport implements Transport {

    @Override
    public String scheme() {
        return "tcp";
    }

    @Override
    public SocketAddress resolveBind(String address, OptionSource options) throws IOException {
        return TcpAddress.forBind(address, options.option(SocketOption.IPV6));
    }

    @Override
    public SocketAddress resolveConnect(String address, OptionSource options) throws IOException {
        return TcpAddress.forConnect(address, options.option(SocketOption.IPV6));
    }

    @Override
    public SocketAddress peerAddress(SocketAddress resolved) {
        return resolved instanceof SourcedAddress ? ((SourcedAddress) resolved).destination() : resolved;
    }

    @Override
    public ServerSocketChannel listen(SocketAddress address, OptionSource options) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(family(address));
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            int rcvbuf = options.option(SocketOption.RCVBUF);
            if (rcvbuf > 0) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
            }
            ch.bind(address, Math.max(1, options.option(SocketOption.BACKLOG)));
            ch.configureBlocking(false);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public SocketChannel open(SocketAddress address, OptionSource options) throws IOException {
        SocketChannel ch = SocketChannel.open(family(peerAddress(address)));
        try {
            ch.configureBlocking(false);
            if (address instanceof SourcedAddress) {
                // As libzmq: SO_REUSEADDR, so one source port may connect to several servers
                // and be taken again at once after a reconnect.
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                ch.bind(((SourcedAddress) address).source());
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void configure(SocketChannel channel, OptionSource options) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        int tos = options.option(SocketOption.TOS);
        if (tos != 0) {
            channel.setOption(StandardSocketOptions.IP_TOS, tos);
        }
        int sndbuf = options.option(SocketOption.SNDBUF);
        if (sndbuf > 0) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, sndbuf);
        }
        int rcvbuf = options.option(SocketOption.RCVBUF);
        if (rcvbuf > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
        }
        int keepalive = options.option(SocketOption.TCP_KEEPALIVE);
        if (keepalive >= 0) {
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, keepalive == 1);
        }
        if (keepalive == 1) {
            setExtended(channel, "TCP_KEEPIDLE", options.option(SocketOption.TCP_KEEPALIVE_IDLE));
            setExtended(channel, "TCP_KEEPCOUNT", options.option(SocketOption.TCP_KEEPALIVE_CNT));
            setExtended(channel, "TCP_KEEPINTERVAL", options.option(SocketOption.TCP_KEEPALIVE_INTVL));
        }
    }

    /**
     * Sets one of jdk.net.ExtendedSocketOptions by name when the platform supports it, so
     * this module needs no compile-time dependency on jdk.net.
     */
    @SuppressWarnings("unchecked")
    private static void setExtended(NetworkChannel channel, String name, int value) throws IOException {
        if (value < 0) {
            return;
        }
        for (java.net.SocketOption<?> o : channel.supportedOptions()) { // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.SocketOption
            if (o.name().equals(name) && o.type() == Integer.class) {
                channel.setOption((java.net.SocketOption<Integer>) o, value); // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.SocketOption
                return;
            }
        }
    }

    /**
     * An IPv4 address gets an IPv4 socket: Java's default dual-stack socket would report a
     * wildcard bind as {@code [::]} and accept IPv6 peers that IPV6=false should refuse.
     */
    private static StandardProtocolFamily family(SocketAddress address) {
        InetAddress ip = address instanceof InetSocketAddress ? ((InetSocketAddress) address).getAddress() : null;
        return ip instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    @Override
    public String endpoint(SocketAddress boundAddress) {
        return TcpAddress.format((InetSocketAddress) boundAddress);
    }
}
