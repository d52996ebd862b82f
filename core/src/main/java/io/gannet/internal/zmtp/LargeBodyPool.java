package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.MpscArrayQueue;

/**
 * Recycles the direct buffers that {@link FrameDecoder}s gather large split bodies in (from
 * the copy threshold up to {@value #MAX_BODY} bytes), the counterpart of
 * {@link SmallBodyPool}. One pool serves every decoder of an I/O thread.
 *
 * <p><b>Why not Netty's pooled allocator.</b> Such a body is allocated on the I/O thread and
 * released on the application thread that received it. Netty's pool pays for that
 * cross-thread free in allocation: its recycler grows a queue for objects returned by other
 * threads, buffers above its thread cache's 32 KB limit go back to the arena so that chunks
 * empty and are rebuilt, and its leak detector samples one buffer in 128 with a stack trace.
 * Here a release is one atomic decrement, one budget update and one lock-free offer; taking
 * a buffer is one poll and one budget update. Neither allocates while the pool holds the
 * backlog.
 *
 * <p><b>Size classes.</b> Powers of two from {@value #MIN_CLASS} bytes to {@value #MAX_BODY};
 * a body gets the smallest that fits. The buffer handed out looks like a buffer of exactly
 * the body's size (capacity = the size, so its writable bytes are exactly the missing
 * body); it may grow in place up to its class ({@code maxCapacity}), never beyond.
 *
 * <p><b>Memory.</b> The pool keeps at most {@link #DEFAULT_BUDGET} bytes of idle buffers
 * (all classes together): 64 MiB per I/O thread in the worst case, however many connections
 * it serves. That is one default RCVHWM (1000) of 64 KB messages, the backlog a receiver
 * behind a fast sender drains and refills in bursts; a smaller budget frees and reallocates
 * on every burst. A buffer released while the budget is spent is freed at once. Idle buffers
 * cost no heap, only their direct memory; a buffer taken and never released is unreachable
 * from the pool and its memory goes back through the JDK's cleaner when it is collected.
 *
 * <p><b>Leak detection.</b> At Netty's {@code ADVANCED} and {@code PARANOID} levels every
 * (respectively sampled) buffer is tracked from take to release with Netty's detector, so a
 * forgotten release is reported like one of a Netty buffer. At the default {@code SIMPLE}
 * level pooled bodies are not tracked: sampling would cost a stack trace per 128 messages,
 * the largest allocation left on this path. Small bodies are not tracked at any level.
 *
 * <p><b>Closing.</b> {@link #close} (when the I/O thread ends) frees every idle buffer;
 * buffers released afterwards free themselves. A release racing with close offers its
 * buffer and then sees the closed flag, and drains the queue itself, so no buffer stays
 * queued: see {@link LargeBody#deallocate}.
 *
 * <p><b>Without Unsafe</b> (Netty's {@code PlatformDependent.hasUnsafe()} false) the pool
 * hands out plain unpooled direct buffers of the body's size and keeps nothing.
 *
 * <p><b>Threads.</b> {@link #take} and {@link #close} on the owning I/O thread only (the
 * single consumer of the queues); buffers may be released on any thread.
 */
public final class LargeBodyPool {
    /** The smallest size class: bodies below it share its buffers. */
    public static final int MIN_CLASS = 4096;
    /** Bodies must be at most this large to come from the pool (the largest class). */
    public static final int MAX_BODY = 1 << 20;
    /** Idle bytes kept for reuse per pool (per I/O thread), all classes together. */
    public static final long DEFAULT_BUDGET = 64L << 20;

    /**
     * Whether buffers are recycled: only where Netty can use Unsafe, without which a direct
     * buffer allocates views for every copy (see {@link LargeBody}).
     */
    static final boolean RECYCLES = PlatformDependent.hasUnsafe();

    private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_CLASS);
    private static final int CLASSES = Integer.numberOfTrailingZeros(MAX_BODY) - MIN_SHIFT + 1;

    private final long budget;
    /** One queue per size class, created when its class is first used (owning thread only). */
    private final MpscArrayQueue<LargeBody>[] queues;
    /** Bytes of the idle buffers in the queues, or about to enter them (any thread). */
    private final AtomicLong idleBytes = new AtomicLong();
    /** Set once by {@link #close} (owning thread); read by releasing threads. */
    private volatile boolean closed;

    /** A pool keeping up to {@link #DEFAULT_BUDGET} idle bytes. */
    public LargeBodyPool() {
        this(DEFAULT_BUDGET);
    }

    /**
     * A pool keeping up to {@code budget} idle bytes, for tests of the bound.
     *
     * @param budget idle bytes kept, at least {@link #MAX_BODY}
     */
    @SuppressWarnings("unchecked")
    LargeBodyPool(long budget) {
        if (budget < MAX_BODY) {
            throw new IllegalArgumentException("budget " + budget + " is below one buffer of " + MAX_BODY);
        }
        this.budget = budget;
        this.queues = new MpscArrayQueue[CLASSES];
    }

    /**
     * An empty direct buffer holding one reference, with capacity {@code size} (it may grow
     * up to its size class, never beyond). Owning thread only.
     *
     * @param size the body size, at most {@link #MAX_BODY}
     */
    public ByteBuf take(int size) {
        if (size < 0 || size > MAX_BODY) {
            throw new IllegalArgumentException("body size " + size + " outside 0.." + MAX_BODY);
        }
        if (!RECYCLES) {
            return Unpooled.directBuffer(size, size);
        }
        int c = classOf(size);
        if (closed) {
            // Only while the I/O thread shuts down; released later, it frees itself.
            return new LargeBody(this, null, MIN_CLASS << c).reuse(size);
        }
        MpscArrayQueue<LargeBody> queue = queues[c];
        if (queue == null) {
            queue = new MpscArrayQueue<>((int) Math.max(2, Math.min(1 << 30, budget >> (MIN_SHIFT + c))));
            queues[c] = queue;
        }
        LargeBody b = queue.relaxedPoll();
        if (b == null) {
            b = new LargeBody(this, queue, MIN_CLASS << c);
        } else {
            idleBytes.addAndGet(-b.classSize());
        }
        return b.reuse(size);
    }

    /** The size class index of a body of {@code size} bytes (0 for {@value #MIN_CLASS}). */
    static int classOf(int size) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1);
        return Math.max(0, shift - MIN_SHIFT);
    }

    /** Idle buffers of the size class of {@code size} bytes, for tests. */
    int idle(int size) {
        MpscArrayQueue<LargeBody> queue = queues[classOf(size)];
        return queue == null ? 0 : queue.size();
    }

    /** Idle bytes kept, for tests. */
    long idleBytes() {
        return idleBytes.get();
    }

    /**
     * Frees every idle buffer and makes later releases free their buffer instead of keeping
     * it. Called once, on the owning thread, when it stops taking buffers.
     */
    public void close() {
        closed = true;
        for (MpscArrayQueue<LargeBody> queue : queues) {
            if (queue != null) {
                drainClosed(queue);
            }
        }
    }

    /**
     * Called by a releasing thread: keeps {@code b} if the budget allows, else frees it.
     * Returns normally in both cases; {@code b}'s reference count is already zero.
     */
    void recycle(LargeBody b, MpscArrayQueue<LargeBody> home) {
        if (home == null || closed) {
            b.freeMemory();
            return;
        }
        int bytes = b.classSize();
        if (idleBytes.addAndGet(bytes) > budget || !home.offer(b)) {
            idleBytes.addAndGet(-bytes);
            b.freeMemory();
            return;
        }
        // The offer is ordered before this read; close() sets the flag before it drains.
        // Either close() sees our buffer in the queue or we see the flag and drain.
        if (closed) {
            drainClosed(home);
        }
    }

    /**
     * Frees what a closed pool's queue holds. Once closed, the owning thread no longer
     * takes, so the lock makes each drainer the queue's single consumer in turn; it is
     * taken only at close and by releases that race with it.
     */
    private synchronized void drainClosed(MpscArrayQueue<LargeBody> queue) {
        LargeBody b;
        while ((b = queue.poll()) != null) {
            idleBytes.addAndGet(-b.classSize());
            b.freeMemory();
        }
    }
}
