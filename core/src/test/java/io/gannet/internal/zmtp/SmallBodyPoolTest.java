package io.gannet.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class SmallBodyPoolTest {

    @Test
    void releasedBufferComesBackEmptyWithOneReference() {
        SmallBodyPool pool = new SmallBodyPool();
        ByteBuf first = pool.take(64);
        first.writeBytes(new byte[] {1, 2, 3});
        first.release();

        ByteBuf again = pool.take(10);
        assertSame(first, again);
        assertEquals(1, again.refCnt());
        assertEquals(0, again.readableBytes());
        again.release();
    }

    @Test
    void bufferIsReusedOnlyAfterItsLastReferenceIsReleased() {
        SmallBodyPool pool = new SmallBodyPool();
        ByteBuf shared = pool.take(64).retain();
        shared.release();

        ByteBuf other = pool.take(64);
        assertNotSame(shared, other);
        shared.release();
        other.release();
    }

    @Test
    void largerBodiesGetTheLargerClass() {
        SmallBodyPool pool = new SmallBodyPool();
        ByteBuf small = pool.take(SmallBodyPool.SMALL);
        ByteBuf large = pool.take(SmallBodyPool.SMALL + 1);
        assertEquals(SmallBodyPool.SMALL, small.capacity());
        assertEquals(SmallBodyPool.MAX_BODY, large.capacity());
        small.release();
        large.release();
    }

    @Test
    void bufferReleasedOnAnotherThreadReturnsToThePool() throws InterruptedException {
        SmallBodyPool pool = new SmallBodyPool();
        ByteBuf body = pool.take(100);
        Thread releaser = new Thread(body::release);
        releaser.start();
        releaser.join();
        assertSame(body, pool.take(100));
        body.release();
    }

    @Test
    void decoderRejectsCopyThresholdAboveLargestPooledBody() {
        assertThrows(IllegalArgumentException.class,
                () -> new FrameDecoder(PooledByteBufAllocator.DEFAULT, -1, SmallBodyPool.MAX_BODY + 1));
    }
}
