package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import org.jctools.queues.MpscArrayQueue;

/**
 * Recycles the heap buffers that {@link FrameDecoder}s copy small frame bodies into. One
 * pool serves every decoder of an I/O thread.
 *
 * <p><b>Why not Netty's pooled allocator.</b> A small body is allocated on the I/O thread
 * and released on the application thread that received it. Netty's pool handles that
 * cross-thread free through the allocating thread's cache queue, a recycled cache entry,
 * a subpage lock shared with the allocating thread and per-chunk {@code LongAdder}s: more
 * than the rest of a message's hop from socket to application. Slicing the read buffer
 * instead costs a recycled slice object whose cross-thread recycling allocates, and keeps
 * the read buffer pinned. Here a release is one atomic decrement plus one lock-free offer
 * into this pool's queue, and taking a buffer is one poll; neither allocates once the pool
 * holds the backlog.
 *
 * <p><b>Memory.</b> Two classes of buffer, {@value #SMALL} and {@value #MAX_BODY} bytes,
 * each kept in a bounded queue of {@value #CAPACITY} (about one default RCVHWM of backlog),
 * so an I/O thread keeps at most about 2.3 MB, however many connections it serves. Buffers
 * released while their queue is full, or never released at all, are left to the garbage
 * collector: they are heap memory, so a forgotten release costs only a later allocation.
 *
 * <p><b>Threads.</b> {@link #take} on the owning I/O thread only (one consumer); buffers may
 * be released on any thread (the queues are multi-producer).
 */
public final class SmallBodyPool {
    /** Bodies must be smaller than this to come from the pool. */
    public static final int MAX_BODY = 2048;
    /** Capacity of the smaller buffer class. */
    static final int SMALL = 256;
    /** Buffers kept for reuse per class. */
    static final int CAPACITY = 1024;

    private final MpscArrayQueue<PooledBody> small = new MpscArrayQueue<>(CAPACITY);
    private final MpscArrayQueue<PooledBody> large = new MpscArrayQueue<>(CAPACITY);

    /**
     * An empty buffer holding one reference, able to take {@code size} bytes (its capacity
     * is that of its class, fixed).
     *
     * @param size the body size, below {@link #MAX_BODY}
     */
    public ByteBuf take(int size) {
        MpscArrayQueue<PooledBody> queue = size <= SMALL ? small : large;
        PooledBody b = queue.relaxedPoll();
        return b != null ? b : new PooledBody(queue, size <= SMALL ? SMALL : MAX_BODY);
    }

    /**
     * A heap buffer that returns to its queue instead of freeing its array when its last
     * reference is released.
     */
    private static final class PooledBody extends UnpooledHeapByteBuf {
        private final MpscArrayQueue<PooledBody> home;

        PooledBody(MpscArrayQueue<PooledBody> home, int capacity) {
            super(UnpooledByteBufAllocator.DEFAULT, capacity, capacity);
            this.home = home;
        }

        @Override
        protected void deallocate() {
            // Keep the array; make the buffer look new (one reference, empty) before it
            // becomes visible to the next taker through the queue. A full queue drops it.
            resetRefCnt();
            clear();
            home.offer(this);
        }
    }
}
