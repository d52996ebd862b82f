package io.gannet.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.benchmarks.baseline.SocketChannelBaseline;
import io.gannet.benchmarks.e2e.AllocatedPushPull;
import io.gannet.benchmarks.e2e.PubSubFanout;
import io.gannet.benchmarks.e2e.PushPullThroughput;
import io.gannet.benchmarks.e2e.ReqRepLatency;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark's set-up, a few invocations and tear-down directly (not under JMH), so
 * {@code mvn verify} proves the benchmarks work and stop cleanly, in well under a second each.
 * Gannet runs over inproc until its tcp and ipc transports are merged.
 */
class BenchmarkSmokeTest {

    @Test
    void jeromqPushPullOverTcpReceivesWholeBatches() {
        assertPushPullReceivesBatches("jeromq", "tcp");
    }

    @Test
    void gannetPushPullOverInprocReceivesWholeBatches() {
        assertPushPullReceivesBatches("gannet", "inproc");
    }

    @Test
    void pooledMessagesAllocatedPerSendArriveWholeOverInprocAndTcp() {
        assertAllocatedPushPullReceivesBatches("pooled", "inproc");
        assertAllocatedPushPullReceivesBatches("pooled", "tcp");
    }

    @Test
    void copiedMessagesArriveWholeAndSoDoJeromqs() {
        assertAllocatedPushPullReceivesBatches("bytes", "inproc");
        assertAllocatedPushPullReceivesBatches("jeromq", "inproc");
    }

    @Test
    void jeromqReqRepOverTcpEchoesTheRequestSize() {
        ReqRepLatency b = new ReqRepLatency();
        b.lib = "jeromq";
        b.transport = "tcp";
        b.size = 1024;
        b.setUp();
        try {
            for (int i = 0; i < 10; i++) {
                assertEquals(1024, b.roundTrip());
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void jeromqPubSubFanoutDeliversEachBatchToEverySubscriber() throws Exception {
        PubSubFanout b = new PubSubFanout();
        b.lib = "jeromq";
        b.transport = "inproc";
        b.subscribers = 3;
        b.size = 64;
        b.setUp();
        try {
            // publish() returns only once all three subscribers counted the whole batch.
            for (int i = 0; i < 3; i++) {
                b.publish();
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void socketChannelBaselineCountsLongFrames() throws Exception {
        SocketChannelBaseline b = new SocketChannelBaseline();
        b.size = 65536;
        b.setUp();
        try {
            assertEquals(SocketChannelBaseline.BATCH, b.readFrames());
            assertEquals(SocketChannelBaseline.BATCH, b.readFrames());
        } finally {
            b.tearDown();
        }
    }

    private static void assertPushPullReceivesBatches(String lib, String transport) {
        PushPullThroughput b = new PushPullThroughput();
        b.lib = lib;
        b.transport = transport;
        b.size = 64;
        b.setUp();
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(64L * PushPullThroughput.BATCH, b.pull());
            }
        } finally {
            b.tearDown();
        }
    }

    private static void assertAllocatedPushPullReceivesBatches(String api, String transport) {
        AllocatedPushPull b = new AllocatedPushPull();
        b.api = api;
        b.transport = transport;
        b.size = 64;
        b.setUp();
        try {
            // Each batch is whole: BATCH messages of exactly 64 bytes.
            for (int i = 0; i < 3; i++) {
                assertEquals(64L * AllocatedPushPull.BATCH, b.pull());
            }
        } finally {
            b.tearDown();
        }
    }
}
