package io.gannet.transports.interop;

/**
 * The far side of a loss-matrix case: round after round, a fresh socket that binds (or
 * connects), sends its messages (or answers requests) and closes with LINGER. Implemented by
 * a libzmq process ({@link LibzmqClosingPeer}) and by Gannet sockets ({@link GannetClosingPeer}).
 * Driven by the test thread only.
 */
public interface ClosingPeer extends AutoCloseable {
    /** Starts round {@code round} on a freshly bound endpoint, and returns that endpoint. */
    String bindRound(int round);

    /** Starts round {@code round} connecting to {@code endpoint}. */
    void connectRound(int round, String endpoint);

    /**
     * Whether round {@code round} is over on the peer's side: its socket closed and, where
     * the peer owns the context, LINGER's flush done. Never blocks; fails if the peer failed.
     */
    boolean closed(int round);

    /** Waits until {@link #closed} holds; fails after {@link GannetSide#WAIT}. */
    void awaitClosed(int round);

    /** Stops the peer, whatever it is doing. */
    @Override
    void close();
}
