package io.gannet.internal;

import io.gannet.spi.DatagramTransport;
import java.util.function.Supplier;

/**
 * Datagram endpoints (udp): a {@link DatagramTransport} resolves the address and opens the
 * channel, and the context's I/O threads (started on first use) carry one message per
 * datagram, with no session, engine or handshake.
 */
final class DatagramEndpointKind implements EndpointKind {
    private final Supplier<NetworkEndpoints> io;

    DatagramEndpointKind(Supplier<NetworkEndpoints> io) {
        this.io = io;
    }

    @Override
    public EndpointHandle bind(SocketPort socket, Endpoint endpoint) {
        return io.get().bind(socket, transport(endpoint), endpoint);
    }

    @Override
    public EndpointHandle connect(SocketPort socket, Endpoint endpoint) {
        return io.get().connect(socket, transport(endpoint), endpoint);
    }

    // EndpointKinds chose this kind because the transport is there, before the threads started.
    private static DatagramTransport transport(Endpoint endpoint) {
        return Transports.findDatagram(endpoint.scheme());
    }
}
