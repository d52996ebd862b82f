package io.gannet;

/**
 * Thrown by every blocked or later call on a socket whose {@link Context} was closed
 * (libzmq's {@code ETERM}). The socket is closed by the context; nothing is left to clean up.
 */
public final class ContextClosedException extends GannetException {
    private static final long serialVersionUID = 1L;

    /** The exception for a call on a socket whose context was closed. */
    public ContextClosedException() {
        super(ErrorCode.ETERM, "the context was closed");
    }
}
