package io.gannet.transports.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.patterns.delivery.Consumer;
import io.gannet.patterns.delivery.Delivery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer with a durable outbox ({@code FsyncPolicy.OS}) in a child JVM is killed with
 * SIGKILL mid-stream and started again on the same file: every message it had accepted and
 * flushed is delivered, and with the consumer's dedup window each reaches the application
 * exactly once. Messages accepted after the last flush may be lost; the test counts them.
 * Scale with {@code -Dgannet.sigkill.producer.messages=...}.
 */
class SigkillDurableProducerTest {
    private static final int MESSAGES = Integer.getInteger("gannet.sigkill.producer.messages", 6000);

    @TempDir
    Path dir;

    /** What a child producer said: the last message accepted, the last flushed, and whether it finished. */
    private static final class Said {
        volatile int accepted = -1;
        volatile int flushed = -1;
        final CountDownLatch halfway = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
    }

    private static Thread read(Process child, Said said, int killAt) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    if (line.startsWith("A ")) {
                        said.accepted = Integer.parseInt(line.substring(2));
                        if (said.accepted >= killAt) {
                            said.halfway.countDown();
                        }
                    } else if (line.startsWith("F ")) {
                        said.flushed = Integer.parseInt(line.substring(2));
                    } else if (line.equals("DONE")) {
                        said.done.countDown();
                    } else {
                        System.err.println("child producer said: " + line);
                    }
                }
            } catch (IOException e) {
                // The child is gone; what it printed has been read.
            }
        }, "child-producer-reader");
        t.start();
        return t;
    }

    @Test
    void everyFlushedMessageOfAKilledProducerIsDeliveredOnceAfterItsRestart() throws Exception {
        Path file = dir.resolve("outbox.mv");
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        try (Context ctx = new Context();
                Consumer consumer = Consumer.builder(ctx).prefetch(100).dedupWindow(MESSAGES)
                        .heartbeat(Duration.ofMillis(100), Duration.ofMillis(500)).build()) {
            String endpoint = consumer.bind("tcp://127.0.0.1:*");
            Thread worker = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Delivery d = consumer.receive(Duration.ofMillis(50));
                        if (d != null) {
                            processed.computeIfAbsent(d.id(), k -> new AtomicInteger()).incrementAndGet();
                            d.ack();
                        }
                    }
                } catch (InterruptedException e) {
                    // Done.
                }
            }, "consumer-worker");
            worker.start();

            Said first = new Said();
            Process one = ChildProducer.start(file, endpoint, 0, MESSAGES);
            Thread r1 = read(one, first, MESSAGES / 2);
            try {
                assertTrue(first.halfway.await(120, TimeUnit.SECONDS), "the first producer did not get halfway");
            } finally {
                one.destroyForcibly().waitFor(); // SIGKILL on Linux
            }
            r1.join(10_000);
            int accepted = first.accepted;
            int flushed = first.flushed;
            assertTrue(flushed >= 0 && accepted < MESSAGES - 1, "killed too late: accepted " + accepted);

            Said second = new Said();
            Process two = ChildProducer.start(file, endpoint, accepted + 1, MESSAGES);
            Thread r2 = read(two, second, Integer.MAX_VALUE);
            try {
                assertTrue(second.done.await(180, TimeUnit.SECONDS), "the restarted producer did not confirm everything");
                assertTrue(two.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, two.exitValue());
            } finally {
                two.destroyForcibly();
            }
            r2.join(10_000);
            worker.interrupt();
            worker.join(10_000);

            int lostUnflushed = 0;
            for (int i = 0; i < MESSAGES; i++) {
                AtomicInteger n = processed.get("m-" + i);
                if (i > flushed && i <= accepted) {
                    lostUnflushed += n == null ? 1 : 0;
                    assertTrue(n == null || n.get() == 1, "m-" + i + " processed " + n);
                    continue;
                }
                assertTrue(n != null, "m-" + i + " was accepted and flushed, and never delivered");
                assertEquals(1, n.get(), "m-" + i + " reached the application more than once despite the dedup window");
            }
            System.out.printf("sigkill producer: %d messages; killed after accepting %d (flushed %d); "
                    + "%d accepted but unflushed lost; consumer %s%n",
                    MESSAGES, accepted + 1, flushed + 1, lostUnflushed, consumer.stats());
        }
    }
}
