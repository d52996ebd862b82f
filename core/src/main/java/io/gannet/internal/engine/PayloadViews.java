package io.gannet.internal.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;

/**
 * The NIO views through which an {@link OutputBatch} hands large payloads to a gathering
 * write, made without allocating a {@code ByteBuffer} per frame where that is safe.
 *
 * <ul>
 *   <li>A payload the batch holds the only reference to (a root buffer, such as a received
 *       body sent on) lends its own reusable view ({@code internalNioBuffer}): nobody else
 *       can touch that view until the batch releases the buffer.</li>
 *   <li>A read-only payload sent again and again (one constant message shared by every
 *       send) gets a view of its whole memory once, kept with a reference to the buffer so
 *       that the memory cannot be freed or recycled under it, and reused for each later
 *       frame of that same buffer whose write has completed. Read-only, so the view cannot
 *       be made stale through the buffer itself; the capacity is compared as a last check.
 *       A repeat is recognised by the payload being the same object as the previous shared
 *       one.</li>
 *   <li>Anything else (derived writable buffers, shared across threads or connections, a
 *       payload seen once) gets a fresh {@code nioBuffer()}: their own reusable view may be
 *       in use by other buffers derived from the same memory, possibly on other threads.</li>
 * </ul>
 *
 * <p><b>Frames shared between connections.</b> A PUB hands the connections of its
 * subscribers the same buffer object, one reference each ({@code Pipe.framesShareable}), and
 * their engines may run on different I/O threads. Everything here reads such a buffer
 * without changing it (indexes, capacity, reference count are only read); the one piece of
 * mutable state a buffer carries for its readers, its internal NIO view, is lent only by
 * the sole-owner test: while two engines hold the buffer its count is at least 2, so each
 * gets a view of its own, and the engine left holding it alone may lend the internal one
 * because nobody can touch the buffer any more. Only the count says so, which is why a
 * wrapped or derived buffer (whose count may be another object's) never qualifies.
 *
 * <p>Owned by its batch's I/O thread.
 */
final class PayloadViews {
    /**
     * Cached views of repeated payloads: one per large payload a ZMTP batch can hold (each
     * takes a staging view for its header), so a batch full of one constant of any size
     * above the copy limit needs no new view. Each in-flight frame needs a view of its own:
     * its position moves while it is written.
     */
    private static final int CACHED = OutputBatch.VIEWS;

    private final ByteBuf[] owners = new ByteBuf[CACHED];
    private final ByteBuffer[] views = new ByteBuffer[CACHED];
    /** Whether a cached view is part of the batch being written (its position is in use). */
    private final boolean[] busy = new boolean[CACHED];
    private int next;
    /** The previous shared read-only payload, by identity only (no reference held). */
    private ByteBuf lastShared;

    /**
     * A view of {@code body}'s readable bytes, valid until {@link #batchWritten()}. The batch
     * must hold its reference to {@code body} until then; {@code body} has one NIO buffer.
     */
    ByteBuffer view(ByteBuf body) {
        int from = body.readerIndex();
        int size = body.readableBytes();
        if (isSoleOwner(body)) {
            return body.internalNioBuffer(from, size);
        }
        if (!body.isReadOnly()) {
            return body.nioBuffer();
        }
        for (int i = 0; i < CACHED; i++) {
            if (owners[i] == body && !busy[i] && views[i].capacity() == body.capacity()) {
                busy[i] = true;
                return select(views[i], from, size);
            }
        }
        if (body != lastShared) {
            lastShared = body;
            return body.nioBuffer();
        }
        int slot = freeSlot();
        if (slot < 0) {
            return body.nioBuffer();
        }
        if (owners[slot] != null) {
            owners[slot].release();
        }
        owners[slot] = body.retain();
        views[slot] = body.nioBuffer(0, body.capacity());
        busy[slot] = true;
        return select(views[slot], from, size);
    }

    /**
     * Whether the caller holds the only reference to {@code body}'s memory. Not for derived
     * buffers (slices, duplicates, wrappers), whose view is their parent's; not for
     * composites, whose view is a component's; not for a buffer queued twice, which would
     * count two references.
     */
    private static boolean isSoleOwner(ByteBuf body) {
        return body.unwrap() == null && !(body instanceof CompositeByteBuf) && body.refCnt() == 1;
    }

    private static ByteBuffer select(ByteBuffer view, int from, int size) {
        view.clear();
        view.limit(from + size).position(from);
        return view;
    }

    private int freeSlot() {
        for (int tries = 0; tries < CACHED; tries++) {
            int slot = next;
            next = (next + 1) % CACHED;
            if (!busy[slot]) {
                return slot;
            }
        }
        return -1;
    }

    /** The batch is written: every cached view may be used again. */
    void batchWritten() {
        for (int i = 0; i < CACHED; i++) {
            busy[i] = false;
        }
    }

    /** Releases the buffers behind the cached views; the object is unusable afterwards. */
    void release() {
        for (int i = 0; i < CACHED; i++) {
            if (owners[i] != null) {
                owners[i].release();
                owners[i] = null;
                views[i] = null;
            }
            busy[i] = false;
        }
        lastShared = null;
    }
}
