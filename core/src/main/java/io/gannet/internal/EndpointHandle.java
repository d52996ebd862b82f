package io.gannet.internal;

/** A network endpoint a socket bound or connected, owned by the engine on an I/O thread. */
public interface EndpointHandle {
    /** The endpoint text with wildcards resolved, for {@code lastEndpoint()} and unbind. */
    String endpoint();

    /** Stops listening or connecting; live connections linger as the socket's LINGER says. */
    void close();

    /** {@code disconnect()}: as {@link #close()}, for endpoints where the difference matters (RECONNECT_STOP). */
    default void disconnect() {
        close();
    }
}
