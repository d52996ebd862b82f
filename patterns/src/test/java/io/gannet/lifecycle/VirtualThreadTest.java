package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Blocking calls park, so they suit virtual threads: a thousand receivers each blocked on its
 * own socket, all released by messages. On Java 21+ they are virtual threads; on Java 17 the
 * same scenario runs on platform threads (the message says which ran).
 */
class VirtualThreadTest {
    private static final int RECEIVERS = 1000;

    @Test
    void aThousandBlockedReceiversAreAllReleasedByMessages() throws Exception {
        String mode = TestSupport.virtualThreadsAvailable() ? "virtual threads" : "platform threads (Java < 21)";
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            push.bind(ep);
            Socket[] pulls = new Socket[RECEIVERS];
            for (int i = 0; i < RECEIVERS; i++) {
                pulls[i] = ctx.socket(SocketType.PULL);
                pulls[i].connect(ep);
            }
            CountDownLatch started = new CountDownLatch(RECEIVERS);
            CountDownLatch done = new CountDownLatch(RECEIVERS);
            AtomicInteger received = new AtomicInteger();
            AtomicInteger virtual = new AtomicInteger();
            for (int i = 0; i < RECEIVERS; i++) {
                Socket pull = pulls[i];
                TestSupport.startVirtualOrPlatform("receiver-" + i, () -> {
                    if (TestSupport.isVirtual(Thread.currentThread())) {
                        virtual.incrementAndGet();
                    }
                    started.countDown();
                    try {
                        if (pull.recvString().equals("go")) {
                            received.incrementAndGet();
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertTrue(started.await(30, TimeUnit.SECONDS), mode + ": receivers started");
            // PUSH round-robins over its 1000 peers: each receiver gets exactly one message
            // (the receivers stay connected until all are sent, so the order holds).
            for (int i = 0; i < RECEIVERS; i++) {
                assertTrue(push.send("go"), mode);
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), mode + ": every receiver was released");
            assertEquals(RECEIVERS, received.get(), mode);
            for (Socket pull : pulls) {
                pull.close(); // after done.await(): a happens-before edge hands each socket back
            }
            assertEquals(TestSupport.virtualThreadsAvailable() ? RECEIVERS : 0, virtual.get(),
                    "the receivers ran on " + mode);
        }
    }
}
