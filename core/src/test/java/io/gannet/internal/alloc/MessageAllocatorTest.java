package io.gannet.internal.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.IllegalReferenceCountException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageAllocatorTest {
    private final MessageAllocator alloc = new MessageAllocator(PooledByteBufAllocator.DEFAULT);

    @BeforeEach
    void needsUnsafe() {
        assumeTrue(MessageAllocator.POOLS, "without Unsafe nothing is pooled");
    }

    @Test
    void aBufferReleasedOnAnotherThreadComesBackToTheAllocatingThread() throws InterruptedException {
        ByteBuf first = alloc.directBuffer(64);
        first.writeLong(42);
        Thread releaser = new Thread(first::release);
        releaser.start();
        releaser.join();

        ByteBuf again = alloc.directBuffer(64);
        assertSame(first, again);
        assertEquals(1, again.refCnt());
        assertEquals(0, again.readerIndex());
        assertEquals(0, again.writerIndex());
        assertEquals(64, again.capacity());
        again.release();
    }

    @Test
    void aBufferLooksExactlyTheSizeAskedForAndGrowsInPlaceWithinItsClass() {
        ByteBuf b = alloc.directBuffer(100);
        assertInstanceOf(MessageBuffer.class, b);
        assertEquals(128, ((MessageBuffer) b).classSize());
        assertEquals(100, b.capacity());
        assertEquals(Integer.MAX_VALUE, b.maxCapacity());
        b.writeZero(100);
        b.writeZero(28);
        assertEquals(128, b.capacity());
        b.release();
        assertSame(b, alloc.directBuffer(120));
        b.release();
    }

    @Test
    void aBufferOutgrowingItsClassKeepsItsBytesAndIsNotRecycled() {
        ByteBuf b = alloc.directBuffer(64);
        for (int i = 0; i < 64; i++) {
            b.writeByte(i);
        }
        b.writeZero(1000);
        assertTrue(b.capacity() >= 1064);
        for (int i = 0; i < 64; i++) {
            assertEquals(i, b.getByte(i));
        }
        b.release();
        ByteBuf next = alloc.directBuffer(64);
        assertNotSame(b, next);
        next.release();
    }

    @Test
    void aSmallMaxCapacityIsHonoured() {
        ByteBuf b = alloc.directBuffer(50, 50);
        b.writeZero(50);
        assertThrows(IndexOutOfBoundsException.class, () -> b.writeByte(1));
        b.release();
        ByteBuf reused = alloc.directBuffer(10);
        assertSame(b, reused);
        assertEquals(Integer.MAX_VALUE, reused.maxCapacity());
        reused.release();
    }

    @Test
    void aReleasedBufferCannotBeUsedThroughAStaleReference() {
        ByteBuf b = alloc.directBuffer(64);
        b.writeInt(7);
        b.release();
        assertThrows(IllegalReferenceCountException.class, b::readInt);
        assertThrows(IllegalReferenceCountException.class, b::release);
    }

    @Test
    void largeAndHeapBuffersComeFromTheFallback() {
        ByteBuf large = alloc.directBuffer(ThreadBuffers.MAX_POOLED + 1);
        ByteBuf heap = alloc.heapBuffer(64);
        assertFalse(large instanceof MessageBuffer);
        assertTrue(large.isDirect());
        assertFalse(heap.isDirect());
        ByteBuf byDefault = alloc.buffer(64);
        assertInstanceOf(MessageBuffer.class, byDefault);
        byDefault.release();
        large.release();
        heap.release();
    }

    @Test
    void keepsNoMoreIdleBuffersThanItsLimitAndFreesTheRest() {
        int size = ThreadBuffers.MAX_POOLED;
        int limit = ThreadBuffers.idleLimit(size);
        List<ByteBuf> held = new ArrayList<>();
        for (int i = 0; i < limit + 10; i++) {
            held.add(alloc.directBuffer(size));
        }
        held.forEach(ByteBuf::release);
        assertEquals(limit, alloc.threadBuffers().idle(size));
    }

    @Test
    void buffersReleasedOnOtherThreadsAreReusedWithoutNewOnes() throws InterruptedException {
        // Warm: the pool holds as many buffers as are ever in flight at once.
        int inFlight = 100;
        List<ByteBuf> batch = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < inFlight; i++) {
                batch.add(alloc.directBuffer(64).writeLong(round));
            }
            List<ByteBuf> handed = new ArrayList<>(batch);
            batch.clear();
            Thread releaser = new Thread(() -> handed.forEach(ByteBuf::release));
            releaser.start();
            releaser.join();
            assertEquals(inFlight, alloc.threadBuffers().idle(64));
        }
    }

    @Test
    void classesArePowersOfTwoFromTheSmallest() {
        assertEquals(0, ThreadBuffers.classOf(0));
        assertEquals(0, ThreadBuffers.classOf(64));
        assertEquals(1, ThreadBuffers.classOf(65));
        assertEquals(7, ThreadBuffers.classOf(ThreadBuffers.MAX_POOLED));
        assertEquals(4096, ThreadBuffers.idleLimit(64));
        assertEquals(512, ThreadBuffers.idleLimit(8192));
    }
}
