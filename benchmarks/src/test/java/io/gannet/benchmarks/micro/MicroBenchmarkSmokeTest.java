package io.gannet.benchmarks.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * Runs each micro benchmark's set-up, a few invocations and tear-down directly (not under
 * JMH) for both libraries, checking what the invocations return, so {@code mvn verify}
 * proves the benchmarks measure what they claim and leak nothing (paranoid leak detection).
 */
class MicroBenchmarkSmokeTest {
    private static final Blackhole BH = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @ParameterizedTest
    @CsvSource({"gannet,1", "gannet,64", "gannet,1024", "jeromq,1", "jeromq,64", "jeromq,1024"})
    void frameCodecEncodesWholeFramesAndDecodesEveryFrame(String lib, int size) {
        FrameCodec b = new FrameCodec();
        b.lib = lib;
        b.size = size;
        b.setUp();
        try {
            int header = size > 255 ? 9 : 2;
            // Enough frames to wrap the 64 KB output buffer at least once.
            for (int i = 0; i < 100; i++) {
                assertEquals(header + size, b.encode());
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(FrameCodec.BATCH, b.decode(BH));
            }
        } finally {
            b.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gannet", "jeromq"})
    void pipeRoundTripReturnsEachMessageWithoutWakeUps(String lib) {
        PipeWriteRead b = new PipeWriteRead();
        b.lib = lib;
        b.setUp();
        try {
            for (int i = 0; i < 3 * PipeWriteRead.HWM; i++) {
                assertEquals(64, b.roundTrip());
            }
            if ("gannet".equals(lib)) {
                assertTrue(b.mailboxesEmpty(), "a reader that never runs dry is never woken");
            }
        } finally {
            b.tearDown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gannet", "jeromq"})
    void pipeTransferCrossesThreadsPastTheHighWaterMark(String lib) throws Exception {
        PipeWriteRead b = new PipeWriteRead();
        b.lib = lib;
        b.setUp();
        int messages = 10 * PipeWriteRead.HWM;
        Control control = new Control();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < messages; i++) {
                    b.writer(control);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "pipe-writer");
        try {
            writer.start();
            for (int i = 0; i < messages; i++) {
                b.reader(control, BH);
            }
            writer.join(10_000);
            assertFalse(writer.isAlive(), "the writer finished");
            assertEquals(null, failure.get());
        } finally {
            control.stopMeasurement = true;
            writer.join();
            b.tearDown();
        }
    }

    @ParameterizedTest
    @CsvSource({"gannet,1", "gannet,100", "gannet,10000", "jeromq,1", "jeromq,100", "jeromq,10000"})
    void subscriptionMatchHitsOnceAndMissesCleanly(String lib, int subscriptions) {
        SubscriptionMatch b = new SubscriptionMatch();
        b.lib = lib;
        b.subscriptions = subscriptions;
        b.setUp();
        try {
            assertTrue(b.subHit());
            assertFalse(b.subMiss());
            assertEquals(1, b.xpubHit());
            assertEquals(0, b.xpubMiss());
        } finally {
            b.tearDown();
        }
    }

    @ParameterizedTest
    @CsvSource({"gannet,64", "gannet,1024", "jeromq,64", "jeromq,1024"})
    void msgLifecycleCreatesAndReleases(String lib, int size) {
        MsgLifecycle b = new MsgLifecycle();
        MsgLifecycle.Twin s = new MsgLifecycle.Twin();
        s.lib = lib;
        s.size = size;
        s.setUp();
        b.pooled(s, BH);
        long used = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
        for (int i = 0; i < 10_000; i++) {
            b.pooled(s, BH);
            b.ofBytes(s, BH);
        }
        assertEquals(used, PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory(),
                "every pooled buffer went back to the pool");
        MsgLifecycle.Reused r = new MsgLifecycle.Reused();
        r.size = size;
        r.setUp();
        try {
            for (int i = 0; i < 10; i++) {
                assertEquals(size, b.reuse(r));
                assertEquals(0, r.msg.size(), "closed again");
            }
        } finally {
            r.tearDown();
        }
    }
}
