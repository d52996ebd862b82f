package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
 * Here a release is one atomic decrement, one budget update and one compare-and-set push;
 * taking a buffer is one compare-and-set pop and one budget update. Neither allocates while
 * the pool holds the backlog.
 *
 * <p><b>Last in, first out.</b> Each class keeps its idle buffers on a lock-free stack linked
 * through the buffers themselves. A receiver that keeps up then reuses the few buffers it
 * just released, still in the CPU caches; a queue would cycle through every buffer the
 * largest backlog ever needed (64 MB of 64 KB bodies), each one cold, and measured about
 * 15 % slower at 64 KB. Only the owning thread pops, so the stack has no ABA problem: a
 * buffer cannot leave and re-enter the stack between a pop's read and its compare-and-set.
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
 * on every burst. Classes round sizes up, so the budget holds only 512 bodies just above
 * 64 KB: a larger backlog of those frees and reallocates the excess on each burst (correct,
 * only slower). A buffer released while the budget is spent is freed at once. Idle buffers
 * cost no heap, only their direct memory; a buffer taken and never released is unreachable
 * from the pool and its memory goes back through the JDK's cleaner when it is collected.
 *
 * <p><b>Leak detection.</b> At Netty's {@code PARANOID} level every buffer, at
 * {@code ADVANCED} a sample, is tracked from take to release with Netty's detector, so a
 * forgotten release is reported like one of a Netty buffer (with where it was taken). At the default {@code SIMPLE}
 * level pooled bodies are not tracked: sampling would cost a stack trace per 128 messages,
 * the largest allocation left on this path. Small bodies are not tracked at any level.
 *
 * <p><b>Closing.</b> {@link #close} (when the I/O thread ends) frees every idle buffer;
 * buffers released afterwards free themselves. A release racing with close offers its
 * buffer and then sees the closed flag, and drains the stack itself, so no buffer stays
 * idle: see {@link #recycle}.
 *
 * <p><b>Without Unsafe</b> (Netty's {@code PlatformDependent.hasUnsafe()} false) the pool
 * hands out plain unpooled direct buffers of the body's size and keeps nothing.
 *
 * <p><b>Threads.</b> {@link #take} and {@link #close} on the owning I/O thread only (the
 * single popper of the stacks); buffers may be released on any thread.
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
    /** The top of each class's stack of idle buffers (pushed by any thread, popped by the owner). */
    private final AtomicReferenceArray<LargeBody> idle = new AtomicReferenceArray<>(CLASSES);
    /** Bytes of the idle buffers in the stacks, or about to enter them (any thread). */
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
    LargeBodyPool(long budget) {
        if (budget < MAX_BODY) {
            throw new IllegalArgumentException("budget " + budget + " is below one buffer of " + MAX_BODY);
        }
        this.budget = budget;
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
            return new LargeBody(this, -1, MIN_CLASS << c).reuse(size);
        }
        LargeBody b = pop(c);
        if (b == null) {
            b = new LargeBody(this, c, MIN_CLASS << c);
        } else {
            idleBytes.addAndGet(-b.classSize());
        }
        return b.reuse(size);
    }

    /** The most recently released idle buffer of class {@code c}, or null. One popper at a time. */
    private LargeBody pop(int c) {
        for (;;) {
            LargeBody top = idle.get(c);
            if (top == null) {
                return null;
            }
            if (idle.compareAndSet(c, top, top.next)) {
                top.next = null;
                return top;
            }
        }
    }

    /** Makes {@code b} the top of class {@code c}'s stack. Any thread. */
    private void push(int c, LargeBody b) {
        LargeBody top;
        do {
            top = idle.get(c);
            b.next = top;
        } while (!idle.compareAndSet(c, top, b));
    }

    /** The size class index of a body of {@code size} bytes (0 for {@value #MIN_CLASS}). */
    static int classOf(int size) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1);
        return Math.max(0, shift - MIN_SHIFT);
    }

    /** Idle buffers of the size class of {@code size} bytes, for tests (call when no release runs). */
    int idle(int size) {
        int n = 0;
        for (LargeBody b = idle.get(classOf(size)); b != null; b = b.next) {
            n++;
        }
        return n;
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
        for (int c = 0; c < CLASSES; c++) {
            drainClosed(c);
        }
    }

    /**
     * Called by a releasing thread: keeps {@code b} if the budget allows, else frees it.
     * Returns normally in both cases; {@code b}'s reference count is already zero.
     */
    void recycle(LargeBody b, int sizeClass) {
        if (sizeClass < 0 || closed) {
            b.freeMemory();
            return;
        }
        int bytes = b.classSize();
        if (idleBytes.addAndGet(bytes) > budget) {
            idleBytes.addAndGet(-bytes);
            b.freeMemory();
            return;
        }
        push(sizeClass, b);
        // The push's compare-and-set comes before this volatile read, and close() sets the
        // flag before its drain reads the stack: either we see the flag and drain, or
        // close() sees our buffer on the stack and frees it. Nothing stays idle in a closed
        // pool.
        if (closed) {
            drainClosed(sizeClass);
        }
    }

    /**
     * Frees what a closed pool's stack holds. Once closed, the owning thread no longer
     * takes, so the lock makes each drainer the stack's single popper in turn; it is taken
     * only at close and by releases that race with it.
     */
    private synchronized void drainClosed(int sizeClass) {
        LargeBody b;
        while ((b = pop(sizeClass)) != null) {
            idleBytes.addAndGet(-b.classSize());
            b.freeMemory();
        }
    }
}
