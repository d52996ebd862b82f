package io.gannet.internal;

/**
 * One kind of endpoint, and the machinery that serves it: inproc (two sockets' pipes joined
 * in memory, {@link InprocRegistry}), stream (tcp, ipc: connections served by I/O threads,
 * {@link StreamEndpointKind}). {@link EndpointKinds} picks the kind from the endpoint's
 * scheme; nothing else looks at a scheme.
 *
 * <p>Both methods are called on the socket's thread, inside its call, and report a bad or
 * unusable endpoint with a {@link io.gannet.GannetException}.
 */
public interface EndpointKind {
    /** Accepts peers on {@code endpoint}; the handle's {@code close()} is {@code unbind}. */
    EndpointHandle bind(SocketPort socket, Endpoint endpoint);

    /** Reaches a peer at {@code endpoint}; the handle's {@code disconnect()} is {@code disconnect}. */
    EndpointHandle connect(SocketPort socket, Endpoint endpoint);
}
