package io.gannet;

import io.gannet.internal.Backoff;
import io.gannet.internal.ContextCore;
import io.gannet.internal.engine.IoThreads;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
 * <p><b>Closing.</b> {@link #close()} is libzmq's {@code zmq_ctx_term} without its hang:
 * <ol>
 *   <li>calls blocked in any thread end with {@link ContextClosedException}, and the context
 *       closes every socket itself (no need to find and close them first);</li>
 *   <li>messages still queued get each socket's {@link SocketOption#LINGER}, to peers that
 *       are connected and to peers not connected yet alike (connecting sockets keep trying),
 *       as libzmq does. A socket whose LINGER is -1 (the default: "for ever") waits at most
 *       the context's {@linkplain Builder#lingerLimit linger limit}, 30 seconds unless set
 *       otherwise. A wait longer than a second is logged at WARN: which endpoint holds how
 *       many messages, and how much longer the context will wait;</li>
 *   <li>{@link #close(Duration)} bounds the whole wait, and interrupting the closing thread
 *       stops it at once (the interrupt status stays set);</li>
 *   <li>what is still unsent when a wait ends is dropped: counted in the socket's
 *       {@link Socket#droppedMessages()} and logged at WARN. Inproc connects still waiting
 *       for a bind are dropped and counted at once (no bind can come any more).</li>
 * </ol>
 * Then the I/O threads stop. See "Closing and LINGER" in the guide's concepts page.
 *
 * <p><b>Waiting.</b> By default a thread with nothing to do sleeps until it is woken
 * ({@link WaitStrategy#BLOCKING}). For the lowest latency, at the price of a busy core per
 * waiting thread, {@link Builder#waitStrategy(WaitStrategy)} makes the application's blocking
 * calls and the I/O threads spin, then yield, before they sleep.
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

    /**
     * How long {@link #close()} waits for the messages of a socket whose LINGER is -1, unless
     * the builder says otherwise: 30 seconds.
     */
    public static final Duration DEFAULT_LINGER_LIMIT = Duration.ofSeconds(30);

    private final ContextCore core;
    private final WaitStrategy waitStrategy;

    /** A context with one I/O thread. */
    public Context() {
        this(DEFAULT_IO_THREADS);
    }

    /** A context with {@code ioThreads} I/O threads (at least 1). */
    public Context(int ioThreads) {
        this(ioThreads, DEFAULT_MAX_SOCKETS, DEFAULT_LINGER_LIMIT.toMillis(), WaitStrategy.BLOCKING);
    }

    private Context(int ioThreads, int maxSockets, long lingerLimitMs, WaitStrategy waitStrategy) {
        if (ioThreads < 1) {
            throw new GannetException(ErrorCode.EINVAL, "ioThreads must be at least 1, not " + ioThreads);
        }
        if (maxSockets < 1) {
            throw new GannetException(ErrorCode.EINVAL, "maxSockets must be at least 1, not " + maxSockets);
        }
        this.waitStrategy = waitStrategy;
        Backoff backoff = Backoff.of(waitStrategy);
        this.core = new ContextCore(ioThreads, maxSockets, lingerLimitMs, backoff,
                (threads, alloc) -> new IoThreads(threads, alloc, backoff));
    }

    /** A builder for contexts with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Makes a socket of the given type. Throws {@link ContextClosedException} after {@link #close()}. */
    public Socket socket(SocketType type) {
        return core.socket(type);
    }

    /**
     * The allocator to make the messages you send with
     * {@link Socket#send(io.netty.buffer.ByteBuf, int)} from: the zero-copy path, and the
     * fastest. A message is usually allocated on the sending thread and released on another
     * (the receiver's, or an I/O thread's once the bytes are written); this allocator's
     * direct buffers of up to 8 KB go back to the allocating thread's pool from any thread
     * without a lock, so a steady stream allocates nothing. Larger and heap buffers come from
     * Netty's {@code PooledByteBufAllocator.DEFAULT}. A buffer's capacity is exactly what was
     * asked for. At Netty's {@code ADVANCED} and {@code PARANOID} leak detection levels every
     * pooled buffer is tracked; at the default {@code SIMPLE} level none is. The same
     * allocator serves every context, and its sockets' I/O threads.
     */
    public ByteBufAllocator alloc() {
        return core.alloc();
    }

    /** The number of I/O threads. */
    public int ioThreads() {
        return core.ioThreads();
    }

    /** The largest number of sockets this context allows at once. */
    public int maxSockets() {
        return core.maxSockets();
    }

    /** How this context's threads wait when they have nothing to do ({@link Builder#waitStrategy}). */
    public WaitStrategy waitStrategy() {
        return waitStrategy;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return core.isClosed();
    }

    /**
     * How long {@link #close()} waits for the messages of sockets whose LINGER is -1; empty
     * when it waits for ever (libzmq's behaviour).
     */
    public Optional<Duration> lingerLimit() {
        long ms = core.lingerLimitMs();
        return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    }

    /**
     * Closes every socket, lets queued messages linger as the class doc says, and stops the
     * I/O threads. Idempotent; a second caller returns at once. Interrupting the calling
     * thread stops the wait for lingering messages: what is left is dropped and counted, the
     * call returns, and the thread's interrupt status is set again.
     */
    @Override
    public void close() {
        core.close(-1);
    }

    /**
     * As {@link #close()}, waiting at most {@code timeout} for lingering messages whatever the
     * sockets' LINGER says; what is unsent then is dropped and counted
     * ({@link Socket#droppedMessages()}). {@link Duration#ZERO} drops at once.
     */
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new GannetException(ErrorCode.EINVAL, "the close timeout cannot be negative: " + timeout);
        }
        core.close(saturatedNanos(timeout));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** Settings for a {@link Context}. */
    public static final class Builder {
        private int ioThreads = DEFAULT_IO_THREADS;
        private int maxSockets = DEFAULT_MAX_SOCKETS;
        private long lingerLimitMs = DEFAULT_LINGER_LIMIT.toMillis();
        private WaitStrategy waitStrategy = WaitStrategy.BLOCKING;

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

        /**
         * How long {@link Context#close()} waits for the messages of a socket whose LINGER is
         * -1 (default {@link #DEFAULT_LINGER_LIMIT}, 30 s); {@code null} waits for ever, as
         * libzmq's {@code zmq_ctx_term} does. Limits beyond {@link Integer#MAX_VALUE} ms (about
         * 24.8 days, LINGER's own range) count as that. Sockets with a LINGER of their own (0 or
         * more) get exactly that, this limit does not shorten it.
         */
        public Builder lingerLimit(Duration limit) {
            if (limit == null) {
                this.lingerLimitMs = -1;
                return this;
            }
            if (limit.isNegative()) {
                throw new GannetException(ErrorCode.EINVAL, "the linger limit cannot be negative: " + limit);
            }
            long ms;
            try {
                ms = limit.toMillis();
            } catch (ArithmeticException e) {
                ms = Integer.MAX_VALUE;
            }
            // LINGER's own range (an int of ms, about 24.8 days) is plenty, and keeps timers in range.
            this.lingerLimitMs = Math.min(ms, Integer.MAX_VALUE);
            return this;
        }

        /**
         * How threads with nothing to do wait (default {@link WaitStrategy#BLOCKING}): the
         * application threads in this context's blocking socket calls and polls, and its I/O
         * threads. {@link WaitStrategy#backoff(int, int)} trades a busy CPU core per waiting
         * thread for fewer wake-ups; read {@link WaitStrategy} before choosing it.
         */
        public Builder waitStrategy(WaitStrategy strategy) {
            this.waitStrategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /** Makes the context with these settings. */
        public Context build() {
            return new Context(ioThreads, maxSockets, lingerLimitMs, waitStrategy);
        }
    }
}
