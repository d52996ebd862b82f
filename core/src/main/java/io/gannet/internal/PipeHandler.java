package io.gannet.internal;

/**
 * The owner of a {@link PipeEnd}: an application socket or a session on an I/O thread.
 * Called on the owner's thread when it processes its mailbox.
 */
public interface PipeHandler {
    void readActivated(PipeEnd end);

    void writeActivated(PipeEnd end);

    /** The connection behind the pipe was made again. */
    default void hiccuped(PipeEnd end) {
    }

    /** The pipe is finished; the handler must forget it. */
    void terminated(PipeEnd end);

    /**
     * A call into this handler for {@code end} threw on the owner's thread (a bug): close
     * what the handler serves and report it. Must not throw. By default nothing: an
     * application socket's failure reaches its caller as the exception itself.
     */
    default void failed(PipeEnd end, Throwable cause) {
    }
}
