package io.gannet.internal;

import io.gannet.spi.Transport;
import java.util.function.Supplier;

/**
 * Stream endpoints (tcp, ipc): a {@link Transport} resolves the address and opens the
 * channel, and the context's stream engine ({@link NetworkEndpoints}: I/O threads, started on
 * first use) runs the listeners, connecters and connections.
 */
final class StreamEndpointKind implements EndpointKind {
    private final Supplier<NetworkEndpoints> engine;

    StreamEndpointKind(Supplier<NetworkEndpoints> engine) {
        this.engine = engine;
    }

    @Override
    public EndpointHandle bind(SocketPort socket, Endpoint endpoint) {
        return engine.get().bind(socket, transport(endpoint), endpoint);
    }

    @Override
    public EndpointHandle connect(SocketPort socket, Endpoint endpoint) {
        return engine.get().connect(socket, transport(endpoint), endpoint);
    }

    // EndpointKinds chose this kind because the transport is there, before the engine started.
    private static Transport transport(Endpoint endpoint) {
        return Transports.findStream(endpoint.scheme());
    }
}
