package io.gannet.internal.alloc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import io.netty.util.ResourceLeakTracker;
import org.jctools.queues.MpscArrayQueue;

/**
 * A direct buffer of one of {@link ThreadBuffers}' size classes that goes back to the queue
 * of the thread that allocated it, instead of freeing its memory, when its last reference
 * is released (on any thread).
 *
 * <p><b>Capacity.</b> The memory is the whole class; {@link #capacity()} is what the caller
 * asked for, so a buffer looks exactly like one of that size. It grows in place up to its
 * class. Growing beyond the class (an unusual message that outgrew its first estimate)
 * moves it to new memory of its own, as Netty's unpooled buffers do; such a buffer is freed
 * when released, not recycled.
 *
 * <p><b>Life cycle.</b> Taken (count 1, empty) on the allocating thread; released on any
 * thread; idle in its queue with count 0, so a stale reference fails as on a freed buffer
 * until it is taken again. The NIO buffer underneath has a JDK cleaner: a buffer that is
 * never released and becomes unreachable still gives its memory back.
 */
final class MessageBuffer extends UnpooledUnsafeDirectByteBuf {
    /** The allocating thread's idle buffers of this class. */
    private final MpscArrayQueue<MessageBuffer> home;
    private final int classSize;
    /** The capacity users see while the buffer lives in its class's memory. */
    private int limit;
    /** Set when the buffer grew beyond its class: it then has memory of its own. */
    private boolean outgrown;
    /** Written by the taker, cleared by the releaser (the send hands the buffer over). */
    private ResourceLeakTracker<ByteBuf> leak;

    MessageBuffer(ByteBufAllocator alloc, MpscArrayQueue<MessageBuffer> home, int classSize) {
        super(alloc, classSize, classSize);
        this.home = home;
        this.classSize = classSize;
    }

    /** Makes this buffer look new: one reference, empty, the given capacities. Taker only. */
    MessageBuffer reuse(int capacity, int maxCapacity) {
        resetRefCnt();
        maxCapacity(maxCapacity);
        limit = capacity;
        setIndex(0, 0);
        markReaderIndex();
        markWriterIndex();
        leak = RecycledLeaks.track(this);
        return this;
    }

    int classSize() {
        return classSize;
    }

    @Override
    public int capacity() {
        return outgrown ? super.capacity() : limit;
    }

    @Override
    public ByteBuf capacity(int newCapacity) {
        checkNewCapacity(newCapacity);
        if (outgrown) {
            return super.capacity(newCapacity);
        }
        if (newCapacity <= classSize) {
            if (newCapacity < limit) {
                trimIndicesToCapacity(newCapacity);
            }
            limit = newCapacity;
            return this;
        }
        // Beyond the class: new memory, copied from the class's (Netty frees the old memory).
        outgrown = true;
        return super.capacity(newCapacity);
    }

    @Override
    public ByteBuf touch(Object hint) {
        RecycledLeaks.record(leak, hint);
        return this;
    }

    @Override
    public ByteBuf touch() {
        RecycledLeaks.record(leak);
        return this;
    }

    /**
     * The count reached zero: close the leak record, then hand the buffer back to its
     * allocating thread. After the offer that thread may already own it again. A full
     * queue, or a buffer that outgrew its class, frees the memory instead.
     */
    @Override
    protected void deallocate() {
        ResourceLeakTracker<ByteBuf> l = leak;
        leak = null;
        RecycledLeaks.close(l, this);
        if (outgrown || !home.offer(this)) {
            super.deallocate();
        }
    }
}
