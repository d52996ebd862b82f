package io.gannet;

/**
 * Thrown by a call on a socket that is closed (libzmq's {@code ENOTSOCK}), and by a call that
 * was blocked in one thread when another thread closed the socket, as a blocked
 * {@code java.net.Socket} read ends when another thread closes the socket. The socket is
 * closed (or closes as this call returns); nothing is left to clean up. Data given to a
 * {@code send} that throws it stays with the caller.
 */
public final class SocketClosedException extends GannetException {
    private static final long serialVersionUID = 1L;

    /** The exception for a call on a closed socket; {@code message} says which and how. */
    public SocketClosedException(String message) {
        super(ErrorCode.ENOTSOCK, message);
    }
}
