package io.gannet.transports.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.patterns.delivery.Message;
import io.gannet.patterns.delivery.Producer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Consumers in child JVMs killed with SIGKILL mid-stream (no close, no goodbye: the kernel
 * closes their sockets) while two producers publish: every message confirmed once, none lost,
 * duplicates all redeliveries. Scale with {@code -Dgannet.sigkill.messages=...}.
 */
class SigkillConsumersTest {
    private static final int MESSAGES = Integer.getInteger("gannet.sigkill.messages", 10_000);

    @Test
    void everyMessageIsConfirmedOnceWhileChildConsumersAreKilled() throws Exception {
        Ledger ledger = new Ledger();
        Random random = new Random(7);
        long started = System.nanoTime();
        int kills = 0;
        List<Process> children = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        try (Context ctx = new Context()) {
            List<Producer> producers = new ArrayList<>();
            List<String> endpoints = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Producer p = Producer.builder(ctx).name("k" + i)
                            .heartbeat(Duration.ofMillis(100), Duration.ofMillis(500))
                            .maxDeliveries(0).outboxCapacity(5_000).confirms(ledger).build();
                    producers.add(p);
                    endpoints.add(p.bind("tcp://127.0.0.1:*"));
                }
                for (int i = 0; i < 3; i++) {
                    children.add(ChildConsumer.start(endpoints));
                    readers.add(ChildConsumer.reader(children.get(i), ledger, new CountDownLatch(1)));
                }
                List<Thread> publishers = new ArrayList<>();
                for (Producer p : producers) {
                    Thread t = new Thread(() -> {
                        for (int i = 0; i < MESSAGES / 2; i++) {
                            p.publish(Message.of(new byte[64]));
                        }
                    });
                    t.start();
                    publishers.add(t);
                }
                while (ledger.confirmed.size() < MESSAGES) {
                    Thread.sleep(1000);
                    assertTrue(System.nanoTime() - started < Duration.ofMinutes(30).toNanos(), "stuck: " + ledger.summary());
                    if (ledger.confirmed.size() < MESSAGES) {
                        int victim = random.nextInt(children.size());
                        children.get(victim).destroyForcibly().waitFor(); // SIGKILL on Linux
                        children.set(victim, ChildConsumer.start(endpoints));
                        CountDownLatch up = new CountDownLatch(1);
                        readers.add(ChildConsumer.reader(children.get(victim), ledger, up));
                        kills++;
                        // Kill a consumer at work, not one still starting its JVM.
                        assertTrue(up.await(60, TimeUnit.SECONDS), "a child consumer did not start");
                    }
                }
                for (Thread t : publishers) {
                    t.join();
                }
                for (Producer p : producers) {
                    assertTrue(p.awaitConfirms(Duration.ofSeconds(60)), "unconfirmed: " + p.stats());
                }
                for (Process child : children) {
                    child.destroyForcibly().waitFor();
                }
                for (Thread r : readers) {
                    r.join(10_000);
                }
                System.out.printf("sigkill: %d messages, 2 producers, 3 child consumers, %.1f s; %d SIGKILLs; %s; %s%n",
                        MESSAGES, (System.nanoTime() - started) / 1e9, kills, ledger.summary(),
                        producers.stream().map(Producer::stats).toList());
            } finally {
                for (Process child : children) {
                    child.destroyForcibly();
                }
                for (Producer p : producers) {
                    p.close();
                }
            }
        }
        assertEquals(MESSAGES, ledger.confirmed.size());
        assertEquals(0, ledger.confirmedTwice.get());
        assertEquals(0, ledger.negative.get());
        assertEquals(0, ledger.lost(), "every positive confirm was processed by a consumer");
        assertEquals(0, ledger.sameDeliveryTwice.get(), "a duplicate is always a redelivery");
    }
}
