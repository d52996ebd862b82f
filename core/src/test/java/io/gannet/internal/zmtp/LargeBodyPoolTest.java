package io.gannet.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Recycling of large split-body buffers: classes, reuse, the budget, other threads, close. */
class LargeBodyPoolTest {
    private static final int K64 = 64 * 1024;

    @Test
    void aReleasedBufferComesBackEmptyWithOneReference() {
        LargeBodyPool pool = new LargeBodyPool();
        ByteBuf first = pool.take(K64);
        first.writeZero(K64);
        first.readerIndex(100);
        assertTrue(first.release());
        assertEquals(0, first.refCnt(), "idle buffers look freed to stale holders");
        assertEquals(1, pool.idle(K64));
        ByteBuf again = pool.take(K64 - 10);
        assertSame(first, again);
        assertEquals(1, again.refCnt());
        assertEquals(0, again.readerIndex());
        assertEquals(0, again.writerIndex());
        assertEquals(K64 - 10, again.capacity());
        assertEquals(0, pool.idle(K64));
        again.release();
        pool.close();
    }

    @Test
    void theMostRecentlyReleasedBufferIsReusedFirst() {
        LargeBodyPool pool = new LargeBodyPool();
        ByteBuf older = pool.take(K64);
        ByteBuf newer = pool.take(K64);
        older.release();
        newer.release();
        ByteBuf first = pool.take(K64);
        ByteBuf second = pool.take(K64);
        assertSame(newer, first, "the buffer still warm in the caches");
        assertSame(older, second);
        first.release();
        second.release();
        pool.close();
    }

    @Test
    void aBodyGetsTheSmallestClassThatFitsAndLooksExactlyItsSize() {
        LargeBodyPool pool = new LargeBodyPool();
        int[] sizes = {1, 2048, 4096, 4097, 65_535, K64, K64 + 1, LargeBodyPool.MAX_BODY - 1, LargeBodyPool.MAX_BODY};
        int[] classes = {4096, 4096, 4096, 8192, K64, K64, 2 * K64, LargeBodyPool.MAX_BODY, LargeBodyPool.MAX_BODY};
        for (int i = 0; i < sizes.length; i++) {
            ByteBuf b = pool.take(sizes[i]);
            assertTrue(b.isDirect(), "direct, for reads straight from a channel");
            assertEquals(sizes[i], b.capacity(), "capacity of a " + sizes[i] + " byte body");
            assertEquals(sizes[i], b.writableBytes());
            assertEquals(classes[i], b.maxCapacity(), "class of a " + sizes[i] + " byte body");
            b.writeZero(sizes[i]);
            assertEquals(sizes[i], b.readableBytes());
            assertFalse(b.isWritable());
            b.release();
        }
        pool.close();
    }

    @Test
    void aBodyGrowsInPlaceUpToItsClassAndNoFurther() {
        LargeBodyPool pool = new LargeBodyPool();
        ByteBuf b = pool.take(5000);
        b.writeZero(5000);
        b.writeByte(7);
        assertEquals(8192, b.maxCapacity());
        b.writeZero(8192 - 5001);
        assertThrows(IndexOutOfBoundsException.class, () -> b.writeByte(1));
        assertThrows(IllegalArgumentException.class, () -> b.capacity(8193));
        assertEquals(7, b.getByte(5000));
        b.capacity(10);
        assertEquals(10, b.writerIndex(), "indices trimmed with the capacity");
        b.release();
        pool.close();
    }

    @Test
    void refusesBodiesAboveTheLargestClass() {
        LargeBodyPool pool = new LargeBodyPool();
        assertThrows(IllegalArgumentException.class, () -> pool.take(LargeBodyPool.MAX_BODY + 1));
        assertThrows(IllegalArgumentException.class, () -> new LargeBodyPool(LargeBodyPool.MAX_BODY - 1));
        pool.close();
    }

    @Test
    void keepsNoMoreIdleBytesThanItsBudgetAndFreesTheRest() {
        LargeBodyPool pool = new LargeBodyPool(LargeBodyPool.MAX_BODY);
        int fit = LargeBodyPool.MAX_BODY / K64;
        List<LargeBody> taken = new ArrayList<>();
        for (int i = 0; i < fit + 4; i++) {
            taken.add((LargeBody) pool.take(K64));
        }
        for (LargeBody b : taken) {
            b.release();
        }
        assertEquals(fit, pool.idle(K64));
        assertEquals(LargeBodyPool.MAX_BODY, pool.idleBytes());
        for (int i = 0; i < taken.size(); i++) {
            assertEquals(0, taken.get(i).refCnt());
            assertEquals(i >= fit, taken.get(i).isFreed(), "buffer " + i);
        }
        ByteBuf big = pool.take(LargeBodyPool.MAX_BODY);
        big.release();
        assertTrue(((LargeBody) big).isFreed(), "no room left in the budget for another class either");
        Set<ByteBuf> again = identitySet();
        for (int i = 0; i < fit; i++) {
            again.add(pool.take(K64));
        }
        Set<ByteBuf> kept = identitySet();
        kept.addAll(taken.subList(0, fit));
        assertEquals(kept, again, "the kept buffers are the ones reused");
        assertEquals(0, pool.idleBytes());
        for (ByteBuf b : again) {
            b.release();
        }
        pool.close();
    }

    @Test
    void buffersReleasedOnOtherThreadsAreReused() throws InterruptedException {
        LargeBodyPool pool = new LargeBodyPool();
        List<ByteBuf> taken = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            taken.add(pool.take(K64));
        }
        List<Thread> releasers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            List<ByteBuf> mine = taken.subList(t * 16, (t + 1) * 16);
            Thread thread = new Thread(() -> {
                awaitQuietly(go);
                for (ByteBuf b : mine) {
                    b.release();
                }
            });
            thread.start();
            releasers.add(thread);
        }
        go.countDown();
        for (Thread thread : releasers) {
            thread.join();
        }
        assertEquals(64, pool.idle(K64));
        Set<ByteBuf> again = identitySet();
        for (int i = 0; i < 64; i++) {
            again.add(pool.take(K64));
        }
        Set<ByteBuf> all = identitySet();
        all.addAll(taken);
        assertEquals(64, again.size());
        assertEquals(all, again);
        for (ByteBuf b : again) {
            b.release();
        }
        pool.close();
    }

    @Test
    void closeFreesIdleBuffersAndLaterReleasesFreeTheirs() {
        LargeBodyPool pool = new LargeBodyPool();
        LargeBody idle = (LargeBody) pool.take(K64);
        LargeBody inUse = (LargeBody) pool.take(LargeBodyPool.MAX_BODY);
        idle.release();
        assertFalse(idle.isFreed());
        pool.close();
        assertTrue(idle.isFreed());
        assertEquals(0, pool.idle(K64));
        assertEquals(0, pool.idleBytes());
        assertFalse(inUse.isFreed());
        inUse.release();
        assertTrue(inUse.isFreed());
        assertEquals(0, pool.idle(LargeBodyPool.MAX_BODY));
        LargeBody late = (LargeBody) pool.take(K64);
        late.release();
        assertTrue(late.isFreed(), "taken after close, freed on release");
    }

    @Test
    void releasesRacingWithCloseLeaveNothingIdle() throws InterruptedException {
        for (int round = 0; round < 50; round++) {
            LargeBodyPool pool = new LargeBodyPool();
            List<LargeBody> taken = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                taken.add((LargeBody) pool.take(4096 << (i % 3)));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> releasers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                List<LargeBody> mine = taken.subList(t * 16, (t + 1) * 16);
                Thread thread = new Thread(() -> {
                    awaitQuietly(go);
                    for (ByteBuf b : mine) {
                        b.release();
                    }
                });
                thread.start();
                releasers.add(thread);
            }
            go.countDown();
            pool.close();
            for (Thread thread : releasers) {
                thread.join();
            }
            for (LargeBody b : taken) {
                assertTrue(b.isFreed(), "round " + round);
            }
            assertEquals(0, pool.idleBytes());
        }
    }

    @Test
    void aDecoderAloneOnItsThreadHasItsOwnPool() {
        FrameDecoder decoder = new FrameDecoder(TestBuffers.allocator(), -1, FrameDecoder.DEFAULT_COPY_THRESHOLD);
        ByteBuf in = TestBuffers.allocator().heapBuffer();
        FrameEncoder.writeHeader(in, K64, false, false);
        in.writeZero(10);
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, new RecordingHandler()));
        in.release();
        ByteBuf target = decoder.directReadTarget();
        assertEquals(K64 - 10, target.writableBytes());
        assertNotSame(null, target);
        decoder.release();
        assertEquals(0, target.refCnt());
    }

    /** ByteBuf equality compares contents; these sets compare buffers. */
    private static Set<ByteBuf> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
