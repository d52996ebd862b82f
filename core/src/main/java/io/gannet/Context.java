package io.gannet;

import io.gannet.internal.ContextCore;

/**
 * The container of a set of sockets: owns the I/O threads (started on first network use),
 * the {@code inproc://} names and the buffer pool. Thread-safe; one per application is usual.
 *
 * <pre>{@code
 * try (Context ctx = new Context();
 *      Socket push = ctx.socket(SocketType.PUSH)) {
 *     push.connect("tcp://127.0.0.1:5557");
 *     push.send("hello");
 * }
 * }</pre>
 *
 * <p>{@link #close()} is libzmq's {@code zmq_ctx_term} without its hang: calls blocked in any
 * thread end with {@link ContextClosedException}, the context closes every socket itself
 * (no need to find and close them first), lingering messages get up to each socket's
 * {@code LINGER}, then the I/O threads stop.
 */
public final class Context implements AutoCloseable {
    /**
     * The default maximum number of sockets a context allows at once: 65,536. libzmq's 1,023
     * comes from file descriptors (each libzmq socket holds one); a Gannet socket holds none,
     * only memory, so the default fits one socket per virtual thread for tens of thousands of
     * tasks. The limit is still there to turn a socket leak into an {@code EMFILE} error
     * instead of a slow memory leak; raise it with {@link Builder#maxSockets(int)}.
     * Connections still cost file descriptors: each {@code tcp://} or {@code ipc://}
     * connection holds one ({@code ulimit -n}); {@code inproc://} holds none.
     */
    public static final int DEFAULT_MAX_SOCKETS = 65_536;

    /** The default number of I/O threads: 1. */
    public static final int DEFAULT_IO_THREADS = 1;

    private final ContextCore core;

    /** A context with one I/O thread. */
    public Context() {
        this(DEFAULT_IO_THREADS);
    }

    /** A context with {@code ioThreads} I/O threads (at least 1). */
    public Context(int ioThreads) {
        this(ioThreads, DEFAULT_MAX_SOCKETS);
    }

    private Context(int ioThreads, int maxSockets) {
        if (ioThreads < 1) {
            throw new GannetException(ErrorCode.EINVAL, "ioThreads must be at least 1, not " + ioThreads);
        }
        if (maxSockets < 1) {
            throw new GannetException(ErrorCode.EINVAL, "maxSockets must be at least 1, not " + maxSockets);
        }
        this.core = new ContextCore(ioThreads, maxSockets);
    }

    /** A builder for contexts with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Makes a socket of the given type. Throws {@link ContextClosedException} after {@link #close()}. */
    public Socket socket(SocketType type) {
        return core.socket(type);
    }

    /** The number of I/O threads. */
    public int ioThreads() {
        return core.ioThreads();
    }

    /** The largest number of sockets this context allows at once. */
    public int maxSockets() {
        return core.maxSockets();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return core.isClosed();
    }

    /** Closes every socket and stops the I/O threads; see the class doc. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    /** Settings for a {@link Context}. */
    public static final class Builder {
        private int ioThreads = DEFAULT_IO_THREADS;
        private int maxSockets = DEFAULT_MAX_SOCKETS;

        private Builder() {
        }

        /** Number of I/O threads (default 1; libzmq's rule of thumb is one per gigabit per second). */
        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /**
         * Maximum number of sockets open at once (default {@link Context#DEFAULT_MAX_SOCKETS}, 65,536);
         * {@link Context#socket(SocketType)} fails with {@code EMFILE} past it.
         */
        public Builder maxSockets(int n) {
            this.maxSockets = n;
            return this;
        }

        /** Makes the context with these settings. */
        public Context build() {
            return new Context(ioThreads, maxSockets);
        }
    }
}
