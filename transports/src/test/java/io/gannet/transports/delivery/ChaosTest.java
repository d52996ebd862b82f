package io.gannet.transports.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.patterns.delivery.Consumer;
import io.gannet.patterns.delivery.Delivery;
import io.gannet.patterns.delivery.Message;
import io.gannet.patterns.delivery.Producer;
import io.gannet.transports.faults.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Zero loss under faults: producers publish while consumers are killed (their unsettled
 * deliveries abandoned) and the links through {@link FaultProxy}s are cut, reset and stalled.
 * Every message must be confirmed exactly once, none lost; duplicates are counted and must
 * all be redeliveries. Scale with {@code -Dgannet.chaos.messages=1000000}.
 */
class ChaosTest {
    private static final int MESSAGES = Integer.getInteger("gannet.chaos.messages", 40_000);
    private static final long CHAOS_EVERY_MS = Long.getLong("gannet.chaos.everyMillis", 150);
    private static final Duration HB = Duration.ofMillis(100);
    private static final Duration HB_TIMEOUT = Duration.ofMillis(500);

    /** One consumer place: its consumer is killed and replaced by the chaos thread. */
    private static final class Slot {
        private final Context ctx;
        private final List<String> endpoints;
        private final Ledger ledger;
        private Consumer consumer;
        private Thread worker;
        private volatile boolean dying;

        Slot(Context ctx, List<String> endpoints, Ledger ledger) {
            this.ctx = ctx;
            this.endpoints = endpoints;
            this.ledger = ledger;
        }

        void start() {
            dying = false;
            Consumer c = Consumer.builder(ctx).prefetch(64).heartbeat(HB, HB_TIMEOUT).build();
            endpoints.forEach(c::connect);
            consumer = c;
            worker = new Thread(() -> {
                try {
                    while (!dying) {
                        Delivery d = c.receive(Duration.ofMillis(20));
                        if (d != null) {
                            ledger.processed(d.id(), d.deliveryCount());
                            if (!dying) {
                                d.ack();
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    // Killed.
                }
            }, "chaos-consumer");
            worker.start();
        }

        /** Kills the consumer: what it received and did not ack yet is abandoned. */
        void kill() throws InterruptedException {
            dying = true;
            worker.interrupt();
            worker.join();
            consumer.close();
        }
    }

    @Test
    void everyMessageIsConfirmedOnceWhileConsumersDieAndLinksBreak() throws Exception {
        Ledger ledger = new Ledger();
        Random random = new Random(42);
        long started = System.nanoTime();
        int kills = 0;
        int cuts = 0;
        int resets = 0;
        int stalls = 0;
        try (Context ctx = new Context()) {
            List<Producer> producers = new ArrayList<>();
            List<FaultProxy> proxies = new ArrayList<>();
            List<Slot> slots = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Producer p = Producer.builder(ctx).name("p" + i).heartbeat(HB, HB_TIMEOUT)
                            .ackTimeout(Duration.ofSeconds(5)).maxDeliveries(0).outboxCapacity(10_000)
                            .confirms(ledger).build();
                    producers.add(p);
                    proxies.add(new FaultProxy(p.bind("tcp://127.0.0.1:*")));
                }
                List<String> endpoints = proxies.stream().map(FaultProxy::endpoint).toList();
                for (int i = 0; i < 3; i++) {
                    Slot s = new Slot(ctx, endpoints, ledger);
                    s.start();
                    slots.add(s);
                }
                List<Thread> publishers = new ArrayList<>();
                for (Producer p : producers) {
                    Thread t = new Thread(() -> {
                        for (int i = 0; i < MESSAGES / 2; i++) {
                            p.publish(Message.of(new byte[64]));
                        }
                    }, "chaos-publisher");
                    t.start();
                    publishers.add(t);
                }
                while (ledger.confirmed.size() < MESSAGES) {
                    Thread.sleep(CHAOS_EVERY_MS);
                    assertTrue(System.nanoTime() - started < Duration.ofMinutes(30).toNanos(), "no progress: " + ledger.summary());
                    FaultProxy proxy = proxies.get(random.nextInt(proxies.size()));
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            Slot s = slots.get(random.nextInt(slots.size()));
                            s.kill();
                            s.start();
                            kills++;
                        }
                        case 1 -> {
                            proxy.cut();
                            cuts++;
                        }
                        case 2 -> {
                            proxy.reset();
                            resets++;
                        }
                        default -> {
                            proxy.stall(true);
                            Thread.sleep(random.nextBoolean() ? 200 : 700); // the long one outlasts the heartbeat timeout
                            proxy.stall(false);
                            stalls++;
                        }
                    }
                }
                for (Thread t : publishers) {
                    t.join();
                }
                for (Producer p : producers) {
                    assertTrue(p.awaitConfirms(Duration.ofSeconds(60)), "unconfirmed: " + p.stats());
                }
                System.out.printf("chaos: %d messages, 2 producers, 3 consumers, %.1f s; %d consumer kills, %d cuts,"
                        + " %d resets, %d stalls; %s; producer stats %s%n", MESSAGES,
                        (System.nanoTime() - started) / 1e9, kills, cuts, resets, stalls, ledger.summary(),
                        producers.stream().map(Producer::stats).toList());
            } finally {
                for (Slot s : slots) {
                    s.kill();
                }
                for (Producer p : producers) {
                    p.close();
                }
                for (FaultProxy proxy : proxies) {
                    proxy.close();
                }
            }
        }
        assertEquals(MESSAGES, ledger.confirmed.size(), "every message confirmed");
        assertEquals(0, ledger.confirmedTwice.get(), "no message confirmed twice");
        assertEquals(0, ledger.negative.get(), "nothing dead-lettered (no limit, no TTL, no rejects)");
        assertEquals(0, ledger.lost(), "every positive confirm was processed by a consumer");
        assertEquals(0, ledger.sameDeliveryTwice.get(), "a duplicate is always a redelivery");
        assertTrue(kills + cuts + resets + stalls > 0, "the harness did something");
    }
}
