package io.gannet.internal;

import io.gannet.spi.Transport;

/**
 * The ZMTP engine's entry point for binding and connecting over stream transports (tcp,
 * ipc). Called on the socket's thread; the work happens on I/O threads.
 */
public interface StreamEndpoints {
    EndpointHandle bind(SocketImpl socket, Transport transport, Endpoint endpoint);

    EndpointHandle connect(SocketImpl socket, Transport transport, Endpoint endpoint);

    /** Stops the I/O threads once every lingering connection is done or its linger expired. */
    void shutdown();
}
