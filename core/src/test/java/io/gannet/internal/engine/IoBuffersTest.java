package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoBuffersTest {
    private final IoBuffers buffers = new IoBuffers(PooledByteBufAllocator.DEFAULT);

    @Test
    void aReturnedReadBufferIsLentAgainCleared() {
        ByteBuf b = buffers.borrowReadBuffer();
        assertEquals(IoBuffers.READ_BUFFER_SIZE, b.capacity());
        b.writeBytes(new byte[100]).skipBytes(100);
        buffers.returnReadBuffer(b);

        ByteBuf again = buffers.borrowReadBuffer();
        assertSame(b, again);
        assertEquals(0, again.writerIndex(), "nobody else holds it: cleared");
        again.release();
        buffers.close();
    }

    @Test
    void bytesStillSlicedAreNeverOverwrittenByTheNextBorrower() {
        ByteBuf b = buffers.borrowReadBuffer();
        b.writeBytes(new byte[] {1, 2, 3, 4});
        ByteBuf slice = b.readRetainedSlice(4); // a frame still in a pipe
        buffers.returnReadBuffer(b);

        ByteBuf again = buffers.borrowReadBuffer();
        assertSame(b, again);
        assertEquals(4, again.writerIndex(), "filled further behind the slice");
        again.writeBytes(new byte[] {9, 9, 9, 9});
        assertEquals(1, slice.getByte(0));
        assertEquals(4, slice.getByte(3));
        slice.release();
        again.release();
        buffers.close();
    }

    @Test
    void aBufferTooFullBehindLiveSlicesIsReplaced() {
        ByteBuf b = buffers.borrowReadBuffer();
        int fill = IoBuffers.READ_BUFFER_SIZE - IoBuffers.MIN_READ_SPACE + 1;
        b.writeBytes(new byte[fill]);
        ByteBuf slice = b.readRetainedSlice(fill);
        buffers.returnReadBuffer(b); // too little room left: released, the slice keeps the memory

        ByteBuf fresh = buffers.borrowReadBuffer();
        assertNotSame(b, fresh);
        assertTrue(fresh.writableBytes() >= IoBuffers.MIN_READ_SPACE);
        assertEquals(1, slice.refCnt());
        slice.release();
        fresh.release();
        buffers.close();
    }

    @Test
    void onlyOneIdleReadBufferIsKept() {
        ByteBuf a = buffers.borrowReadBuffer();
        ByteBuf b = buffers.borrowReadBuffer();
        assertNotSame(a, b, "lent to one borrower at a time");
        buffers.returnReadBuffer(a);
        buffers.returnReadBuffer(b);
        assertEquals(0, b.refCnt(), "a second idle buffer is freed");
        assertSame(a, buffers.borrowReadBuffer());
        a.release();
        buffers.close();
    }

    @Test
    void batchesAreReusedUpToTheIdleLimitAndFreedBeyond() {
        List<OutputBatch> lent = new ArrayList<>();
        for (int i = 0; i < IoBuffers.IDLE_BATCHES + 2; i++) {
            lent.add(buffers.borrowBatch());
        }
        for (OutputBatch b : lent) {
            assertTrue(b.isEmpty());
            buffers.returnBatch(b);
        }
        OutputBatch reused = buffers.borrowBatch();
        assertTrue(lent.contains(reused));
        buffers.returnBatch(reused);
        buffers.close(); // frees the idle ones; the leak detector would report any left
    }

    @Test
    void afterCloseReturnsAreFreed() {
        ByteBuf b = buffers.borrowReadBuffer();
        OutputBatch batch = buffers.borrowBatch();
        buffers.close();
        buffers.returnReadBuffer(b);
        buffers.returnBatch(batch);
        assertEquals(0, b.refCnt());
        assertFalse(b.isReadable());
    }
}
