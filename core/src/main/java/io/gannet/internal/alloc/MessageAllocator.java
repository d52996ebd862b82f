package io.gannet.internal.alloc;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;

/**
 * The contexts' allocator: small direct buffers come from a pool of the allocating thread
 * and go back to it from whichever thread releases them; everything else comes from Netty's
 * pooled allocator.
 *
 * <p><b>Why not Netty's pooled allocator alone.</b> A message is typically allocated on the
 * sending thread and released on another: the receiver's (inproc) or an I/O thread's (tcp,
 * ipc). Netty 4.1 gives threads that are not its own no thread cache, so every allocation
 * and every release takes a lock of the same arena, from two threads; with its thread
 * caches on, the release still goes through the allocating thread's cache queue, a recycled
 * entry and a chunk lock once that cache is full. Here a release is one atomic decrement and
 * one lock-free offer into the allocating thread's queue ({@link ThreadBuffers}); an
 * allocation is a thread-local lookup and one poll. Neither allocates on the heap once the
 * pool holds the messages in flight.
 *
 * <p><b>What is pooled.</b> Direct buffers of at most {@value ThreadBuffers#MAX_POOLED}
 * bytes asked for (a buffer may still grow past that; see {@link MessageBuffer}). Larger
 * direct buffers and all heap buffers come from {@link PooledByteBufAllocator#DEFAULT}.
 * Without Unsafe (Netty's {@code PlatformDependent.hasUnsafe()} false) everything does.
 *
 * <p><b>Leak detection.</b> At Netty's {@code PARANOID} level every pooled buffer, at
 * {@code ADVANCED} a sample, is tracked from allocation to release with Netty's detector
 * ({@link RecycledLeaks}), so a forgotten release is reported like one of a Netty buffer. At the default {@code SIMPLE} level pooled
 * buffers are not tracked (sampling would cost a stack trace every 128 messages, the only
 * allocation left on the path); a buffer that is never released is not lost either: its
 * memory goes back through the JDK's cleaner when the buffer is collected.
 *
 * <p>Thread-safe; one instance, {@link #DEFAULT}, serves every context.
 */
public final class MessageAllocator extends AbstractByteBufAllocator {
    /** The allocator every context uses. */
    public static final MessageAllocator DEFAULT = new MessageAllocator(PooledByteBufAllocator.DEFAULT);

    /** Whether small direct buffers are pooled: only where Netty's Unsafe buffers work. */
    static final boolean POOLS = PlatformDependent.hasUnsafe();

    private final ByteBufAllocator fallback;
    private final ThreadLocal<ThreadBuffers> buffers = ThreadLocal.withInitial(() -> new ThreadBuffers(this));

    /** @param fallback serves heap buffers and direct buffers too large for the pools */
    MessageAllocator(ByteBufAllocator fallback) {
        super(true);
        this.fallback = fallback;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        if (!POOLS || initialCapacity > ThreadBuffers.MAX_POOLED) {
            return fallback.directBuffer(initialCapacity, maxCapacity);
        }
        return buffers.get().take(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return fallback.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }

    /** This thread's pools, for tests. */
    ThreadBuffers threadBuffers() {
        return buffers.get();
    }

    @Override
    public String toString() {
        return "MessageAllocator(pooled direct up to " + ThreadBuffers.MAX_POOLED + " B)";
    }
}
