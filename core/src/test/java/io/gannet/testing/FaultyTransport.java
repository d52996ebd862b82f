package io.gannet.testing;

import io.gannet.spi.OptionSource;
import io.gannet.spi.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tcp-like stream transport for core's tests that can be told to fail like a bug:
 * {@code faulty://npe@127.0.0.1:0} binds a port whose accepted connections make
 * {@link #configure} throw a {@link NullPointerException} on the I/O thread;
 * {@code faulty://127.0.0.1:0} is plain loopback tcp. Registered for ServiceLoader in core's
 * test resources only.
 */
public final class FaultyTransport implements Transport {
    private static final String NPE = "npe@";
    /** Local ports of the listeners whose accepted connections fail. */
    private static final Set<Integer> FAILING_PORTS = ConcurrentHashMap.newKeySet();

    @Override
    public String scheme() {
        return "faulty";
    }

    @Override
    public SocketAddress resolveBind(String address, OptionSource options) {
        boolean failing = address.startsWith(NPE);
        InetSocketAddress a = parse(failing ? address.substring(NPE.length()) : address);
        return failing ? new Failing(a) : a;
    }

    @Override
    public SocketAddress resolveConnect(String address, OptionSource options) {
        return parse(address);
    }

    private static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + address + "' has no port");
        }
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    @Override
    public ServerSocketChannel listen(SocketAddress address, OptionSource options) throws IOException {
        boolean failing = address instanceof Failing;
        ServerSocketChannel ch = ServerSocketChannel.open();
        ch.bind(failing ? ((Failing) address).address : address);
        ch.configureBlocking(false);
        if (failing) {
            FAILING_PORTS.add(((InetSocketAddress) ch.getLocalAddress()).getPort());
        }
        return ch;
    }

    @Override
    public SocketChannel open(SocketAddress address, OptionSource options) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        return ch;
    }

    @Override
    public void configure(SocketChannel channel, OptionSource options) throws IOException {
        SocketAddress local = channel.getLocalAddress();
        if (local != null && FAILING_PORTS.contains(((InetSocketAddress) local).getPort())) {
            Object missing = null;
            missing.hashCode(); // the bug: a NullPointerException on the I/O thread
        }
    }

    @Override
    public String endpoint(SocketAddress boundAddress) {
        InetSocketAddress a = (InetSocketAddress) boundAddress;
        return "faulty://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public void unlisten(SocketAddress boundAddress) {
        FAILING_PORTS.remove(((InetSocketAddress) boundAddress).getPort());
    }

    /** A bind address whose accepted connections fail. */
    private static final class Failing extends SocketAddress {
        private static final long serialVersionUID = 1L;
        final InetSocketAddress address;

        Failing(InetSocketAddress address) {
            this.address = address;
        }
    }
}
