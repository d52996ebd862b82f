package io.gannet.transports.pgm;

import io.gannet.SocketType;
import io.gannet.spi.DatagramRole;
import io.gannet.spi.DatagramSession;
import io.gannet.spi.DatagramTransport;
import io.gannet.spi.OptionSource;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * {@code epgm-standin://}: the real epgm glue over {@link StandInProtocol}, registered for the
 * tests (test resources' {@code META-INF/services}), so sockets can be tested end to end
 * over real multicast channels on loopback, independently of the PGM state machines.
 */
public final class StandInEpgmTransport implements DatagramTransport {
    static final String SCHEME = "epgm-standin";
    private final EpgmTransport glue = new EpgmTransport(SCHEME, StandInProtocol.INSTANCE);

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public DatagramRole role(SocketType type, boolean binding) {
        return glue.role(type, binding);
    }

    @Override
    public SocketAddress resolveBind(String address, OptionSource options) {
        return glue.resolveBind(address, options);
    }

    @Override
    public SocketAddress resolveConnect(String address, OptionSource options) {
        return glue.resolveConnect(address, options);
    }

    @Override
    public DatagramSession session(SocketAddress address, DatagramRole role, OptionSource options)
            throws IOException {
        return glue.session(address, role, options);
    }

    @Override
    public String endpoint(SocketAddress boundAddress) {
        return glue.endpoint(boundAddress);
    }
}
