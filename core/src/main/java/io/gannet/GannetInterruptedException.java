package io.gannet;

/**
 * Thrown when the calling thread is interrupted while blocked in a socket call. The socket
 * stays usable (an interrupt never closes a channel) and the thread's interrupt status is
 * set again, so the caller's own code still sees it.
 */
public final class GannetInterruptedException extends GannetException {
    private static final long serialVersionUID = 1L;

    /** The exception for {@code operation} (e.g. "recv") interrupted while blocked. */
    public GannetInterruptedException(String operation) {
        super(ErrorCode.EINTR, operation + " was interrupted; the socket is still usable");
    }
}
