package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PayloadViewsTest {

    private static ByteBuf payload(int size, int seed) {
        return fill(PooledByteBufAllocator.DEFAULT.directBuffer(size + 10), size, seed);
    }

    /**
     * A root buffer made without the allocator, which under the tests' paranoid leak
     * detection would wrap it (and a wrapped buffer is a derived one).
     */
    private static ByteBuf rootPayload(int size, int seed) {
        return fill(new UnpooledDirectByteBuf(UnpooledByteBufAllocator.DEFAULT, size + 10, size + 10), size, seed);
    }

    private static ByteBuf fill(ByteBuf b, int size, int seed) {
        b.writeZero(10).readerIndex(10);
        for (int i = 0; i < size; i++) {
            b.writeByte(i * 7 + seed);
        }
        return b;
    }

    private static byte[] remaining(ByteBuffer view) {
        byte[] out = new byte[view.remaining()];
        view.duplicate().get(out);
        return out;
    }

    private static byte[] readable(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.getBytes(b.readerIndex(), out);
        return out;
    }

    @Test
    void soleOwnerLendsItsOwnReusableView() {
        PayloadViews views = new PayloadViews();
        ByteBuf body = rootPayload(5000, 1);
        ByteBuffer first = views.view(body);
        assertArrayEquals(readable(body), remaining(first));
        views.batchWritten();
        assertSame(first, views.view(body), "the buffer's internal view, no new object");
        body.release();
        views.release();
    }

    /**
     * One frame object handed by a PUB to several connections (one reference each), read by
     * engines on different I/O threads: none may lend the buffer's single internal view, whose
     * position another engine would be moving. The last holder may, once it is alone.
     */
    @Test
    void aFrameSharedByEnginesIsSeenThroughPrivateViewsUntilOneHolderIsLeft() {
        PayloadViews first = new PayloadViews();
        PayloadViews second = new PayloadViews();
        ByteBuf body = rootPayload(5000, 4);
        body.retain();
        ByteBuffer internal = body.internalNioBuffer(body.readerIndex(), body.readableBytes());
        ByteBuffer a = first.view(body);
        ByteBuffer b = second.view(body);
        assertNotSame(a, b);
        assertNotSame(internal, a);
        assertNotSame(internal, b);
        a.position(a.position() + 100);
        assertArrayEquals(readable(body), remaining(b), "one engine's progress is not the other's");
        assertEquals(10, body.readerIndex(), "nor the buffer's");
        body.release();
        first.batchWritten();
        second.batchWritten();
        assertSame(internal, second.view(body), "alone again: the buffer's own view, no allocation");
        body.release();
        first.release();
        second.release();
    }

    @Test
    void derivedOrSharedWritableBuffersGetAFreshViewEachTime() {
        PayloadViews views = new PayloadViews();
        ByteBuf root = rootPayload(5000, 2);
        ByteBuf slice = root.retainedSlice(root.readerIndex() + 100, 3000);
        ByteBuffer a = views.view(slice);
        ByteBuffer b = views.view(slice);
        assertNotSame(a, b);
        assertArrayEquals(readable(slice), remaining(a));
        assertArrayEquals(readable(slice), remaining(b));
        root.retain();
        assertNotSame(views.view(root), views.view(root), "two references: not ours alone");
        root.release();
        slice.release();
        root.release();
        views.release();
    }

    @Test
    void repeatedReadOnlyPayloadReusesCachedViewsOnceWritten() {
        PayloadViews views = new PayloadViews();
        ByteBuf backing = payload(4000, 3);
        ByteBuf constant = backing.asReadOnly();
        ByteBuffer seenOnce = views.view(constant);
        ByteBuffer cachedA = views.view(constant);
        ByteBuffer cachedB = views.view(constant);
        assertNotSame(seenOnce, cachedA);
        assertNotSame(cachedA, cachedB, "a view in the unwritten batch is not handed out twice");
        for (ByteBuffer v : new ByteBuffer[] {seenOnce, cachedA, cachedB}) {
            assertArrayEquals(readable(constant), remaining(v));
        }
        assertEquals(3, backing.refCnt(), "each cached view holds a reference");
        views.batchWritten();
        constant.skipBytes(1000);
        ByteBuffer again = views.view(constant);
        assertSame(cachedA, again);
        assertArrayEquals(readable(constant), remaining(again), "positioned on the current readable bytes");
        views.release();
        assertEquals(1, backing.refCnt());
        backing.release();
    }

    @Test
    void unreleasableConstantLikeTheBenchmarksNeedsNoNewViewOnceCached() {
        PayloadViews views = new PayloadViews();
        ByteBuffer memory = ByteBuffer.allocateDirect(65_536);
        ByteBuf constant = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(memory).asReadOnly());
        views.view(constant);
        ByteBuffer cached = views.view(constant);
        for (int i = 0; i < 100; i++) {
            views.batchWritten();
            assertSame(cached, views.view(constant));
            assertEquals(65_536, cached.remaining());
        }
        views.release();
    }
}
