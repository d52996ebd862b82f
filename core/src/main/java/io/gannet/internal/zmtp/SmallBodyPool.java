package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import org.jctools.queues.MpscArrayQueue;

/**
 * Recycles the heap buffers a {@link FrameDecoder} copies small frame bodies into.
 *
 * <p><b>Why not Netty's pooled allocator.</b> A small body is allocated on the I/O thread
 * and released on the application thread that received it. Netty's pool handles that
 * cross-thread free through the allocating thread's cache queue, a recycled cache entry,
 * a subpage lock shared with the allocating thread and per-chunk {@code LongAdder}s: more
 * than the rest of a message's hop from socket to application. Here a release is one
 * atomic decrement plus one lock-free offer into this pool's queue, and taking a buffer is
 * one poll; neither allocates once the pool holds the connection's backlog.
 *
 * <p><b>Memory.</b> Every buffer has the same capacity ({@code bufferSize}), so any of them
 * fits any small body. The queue is bounded: buffers released while it is full, or never
 * released at all, are simply left to the garbage collector (they are heap memory, so a
 * forgotten release costs nothing but a later allocation).
 *
 * <p><b>Threads.</b> {@link #take} on the owning decoder's I/O thread only; buffers may be
 * released on any thread (the queue is multi-producer).
 */
final class SmallBodyPool {
    /** Buffers kept for reuse: about one default RCVHWM (1000 messages) of backlog. */
    static final int CAPACITY = 1024;

    private final MpscArrayQueue<SmallBody> free = new MpscArrayQueue<>(CAPACITY);
    private final int bufferSize;

    /** @param bufferSize capacity of each buffer: the largest body it will carry */
    SmallBodyPool(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    /** An empty buffer holding one reference, able to take {@code bufferSize} bytes. */
    ByteBuf take() {
        SmallBody b = free.relaxedPoll();
        return b != null ? b : new SmallBody(this, bufferSize);
    }

    private void giveBack(SmallBody b) {
        free.offer(b); // false when full: the buffer is dropped for the GC
    }

    /**
     * A heap buffer that returns to its pool instead of freeing its array when its last
     * reference is released. Its capacity is fixed, like the exact-size copies it replaces.
     */
    private static final class SmallBody extends UnpooledHeapByteBuf {
        private final SmallBodyPool pool;

        SmallBody(SmallBodyPool pool, int capacity) {
            super(UnpooledByteBufAllocator.DEFAULT, capacity, capacity);
            this.pool = pool;
        }

        @Override
        protected void deallocate() {
            // Keep the array; make the buffer look new (one reference, empty) before it
            // becomes visible to the next taker through the queue.
            resetRefCnt();
            clear();
            pool.giveBack(this);
        }
    }
}
