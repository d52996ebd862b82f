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
    /** libzmq's default maximum number of sockets. */
    public static final int DEFAULT_MAX_SOCKETS = 1023;

    private final ContextCore core;

    /** A context with one I/O thread. */
    public Context() {
        this(1);
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
        private int ioThreads = 1;
        private int maxSockets = DEFAULT_MAX_SOCKETS;

        private Builder() {
        }

        /** Number of I/O threads (default 1; libzmq's rule of thumb is one per gigabit per second). */
        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /** Maximum number of sockets (default 1023, as libzmq). */
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
