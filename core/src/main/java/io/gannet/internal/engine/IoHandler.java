package io.gannet.internal.engine;

/**
 * Whatever sits behind a registered channel on an {@link IoThread}: a listener, a connecter
 * or an engine. Attached to its {@link java.nio.channels.SelectionKey}; called on the I/O
 * thread only.
 */
interface IoHandler {
    /** The channel is ready for the operations in {@code readyOps}. */
    void ready(int readyOps);

    /**
     * A call into this handler threw: close its connection or channel and report it. Must
     * not throw itself; the I/O thread goes on with its other handlers.
     */
    void failed(Throwable cause);
}
