package io.gannet.internal.alloc;

import io.netty.buffer.ByteBufAllocator;
import org.jctools.queues.MpscArrayQueue;

/**
 * One thread's idle {@link MessageBuffer}s, one queue per size class: the thread that
 * allocates polls them (the single consumer), any thread that releases a buffer offers it
 * back (the producers).
 *
 * <p><b>Size classes.</b> Powers of two from {@value #MIN_CLASS} to {@value #MAX_POOLED}
 * bytes; a request gets the smallest class that holds it.
 *
 * <p><b>Memory.</b> Each class keeps at most {@value #CLASS_BUDGET} bytes of idle buffers
 * (at most {@value #MAX_IDLE} buffers): for 64-byte messages 4,096 buffers, twice the
 * messages an inproc pipe holds at the default high-water marks, for 8 KB messages 512. So
 * a thread that sends keeps at most about 28 MB idle, and only in the classes it used, and
 * only as many as were once in flight. Buffers released while their queue is full are freed.
 * A thread's queues are unreachable once the thread and its buffers are gone, and the
 * garbage collector then frees their memory through the JDK's cleaners.
 */
final class ThreadBuffers {
    /** The smallest size class. */
    static final int MIN_CLASS = 64;
    /** Requests above this many bytes are not served by these pools. */
    static final int MAX_POOLED = 8192;
    /** Idle bytes kept per size class and thread. */
    static final int CLASS_BUDGET = 4 << 20;
    /** Idle buffers kept per size class and thread, whatever their size. */
    static final int MAX_IDLE = 4096;

    private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_CLASS);
    private static final int CLASSES = Integer.numberOfTrailingZeros(MAX_POOLED) - MIN_SHIFT + 1;

    private final ByteBufAllocator alloc;
    /** Made on first use of a class, by the owning thread only. */
    @SuppressWarnings("unchecked")
    private final MpscArrayQueue<MessageBuffer>[] idle = new MpscArrayQueue[CLASSES];

    /** @param alloc what the buffers report as their allocator */
    ThreadBuffers(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /**
     * An empty buffer holding one reference. Owning thread only.
     *
     * @param capacity at most {@link #MAX_POOLED}
     */
    MessageBuffer take(int capacity, int maxCapacity) {
        int c = classOf(capacity);
        MpscArrayQueue<MessageBuffer> queue = idle[c];
        if (queue == null) {
            queue = new MpscArrayQueue<>(idleLimit(MIN_CLASS << c));
            idle[c] = queue;
        }
        MessageBuffer b = queue.relaxedPoll();
        if (b == null) {
            b = new MessageBuffer(alloc, queue, MIN_CLASS << c);
        }
        return b.reuse(capacity, maxCapacity);
    }

    /** The size class index of a request of {@code size} bytes (0 for {@value #MIN_CLASS}). */
    static int classOf(int size) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1);
        return Math.max(0, shift - MIN_SHIFT);
    }

    /** How many idle buffers of {@code classSize} bytes a queue keeps. */
    static int idleLimit(int classSize) {
        return Math.min(MAX_IDLE, CLASS_BUDGET / classSize);
    }

    /** Idle buffers of the class of {@code size} bytes, for tests. Owning thread only. */
    int idle(int size) {
        MpscArrayQueue<MessageBuffer> queue = idle[classOf(size)];
        return queue == null ? 0 : queue.size();
    }
}
