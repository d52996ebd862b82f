package io.gannet.internal.zmtp;

import io.gannet.internal.alloc.RecycledLeaks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledUnsafeDirectByteBuf;
import io.netty.util.ResourceLeakTracker;

/**
 * A direct buffer of a {@link LargeBodyPool} size class that goes back to its pool, instead
 * of freeing its memory, when its last reference is released.
 *
 * <p><b>Capacity.</b> The memory is the whole class; {@link #capacity()} is the body size
 * set by {@link #reuse}, so every bound check and the writable bytes stop at the body.
 * Growing (by {@link #capacity(int)} or {@code ensureWritable}) moves that limit, up to the
 * class ({@code maxCapacity}); the memory is never reallocated.
 *
 * <p><b>Life cycle.</b> Taken (count 1, empty, capacity = size) on the pool's thread;
 * released on any thread; idle on its pool's stack with count 0, so a stale reference fails as on a
 * freed buffer until the next take. Freed for good when the pool is over budget or closed.
 * The NIO buffer underneath has a JDK cleaner: a body that is never released and becomes
 * unreachable still gives its memory back.
 *
 * <p><b>Why the Unsafe flavour.</b> Netty's plain NIO direct buffer copies from another
 * buffer through freshly made {@code ByteBuffer} views (an array and duplicates per copy);
 * the Unsafe flavour copies memory directly, like the pooled buffers it replaces. The pool
 * is used only where Netty has Unsafe ({@link LargeBodyPool#take}).
 */
final class LargeBody extends UnpooledUnsafeDirectByteBuf {
    private final LargeBodyPool pool;
    /** The pool's size class index; -1 when a release must free it (pool was closed). */
    private final int sizeClass;
    private final int classSize;
    /** The next idle buffer below this one on the pool's stack; written before the push. */
    LargeBody next;
    /** The body size, or what it grew to: the capacity seen by users. */
    private int limit;
    /** Written by the taker, cleared by the releaser (the pipe orders the two). */
    private ResourceLeakTracker<ByteBuf> leak;
    /** Set by the thread that freed the memory (tests read it after joining that thread). */
    private boolean freed;

    LargeBody(LargeBodyPool pool, int sizeClass, int classSize) {
        super(UnpooledByteBufAllocator.DEFAULT, classSize, classSize);
        this.pool = pool;
        this.sizeClass = sizeClass;
        this.classSize = classSize;
    }

    /** Makes this buffer look new, with capacity {@code size}. Taker's thread only. */
    LargeBody reuse(int size) {
        resetRefCnt();
        limit = size;
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
        return limit;
    }

    @Override
    public ByteBuf capacity(int newCapacity) {
        checkNewCapacity(newCapacity);
        if (newCapacity < limit) {
            trimIndicesToCapacity(newCapacity);
        }
        limit = newCapacity;
        return this;
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
     * The count reached zero: close the leak record, then hand the buffer to the pool (it
     * may free it). After the hand-over another thread may already own it.
     */
    @Override
    protected void deallocate() {
        ResourceLeakTracker<ByteBuf> l = leak;
        leak = null;
        RecycledLeaks.close(l, this);
        pool.recycle(this, sizeClass);
    }

    /** Gives the memory back for good; the buffer is unusable afterwards. */
    void freeMemory() {
        freed = true;
        super.deallocate();
    }

    /** Whether the memory was given back, for tests. */
    boolean isFreed() {
        return freed;
    }
}
