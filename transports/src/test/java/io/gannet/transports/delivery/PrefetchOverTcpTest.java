package io.gannet.transports.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.patterns.delivery.Consumer;
import io.gannet.patterns.delivery.Delivery;
import io.gannet.patterns.delivery.Message;
import io.gannet.patterns.delivery.Producer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Prefetch honoured exactly over tcp with 2 producers and 3 consumers: each consumer holds
 * deliveries as long as more arrive, so the credit is used to the full, and counts what it
 * holds from both producers together; the most is exactly the prefetch, never more.
 */
class PrefetchOverTcpTest {
    private static final int PREFETCH = 4;
    private static final int MESSAGES = 3000;

    @Test
    void noConsumerEverHoldsMoreThanItsPrefetchFromAllProducers() throws Exception {
        AtomicInteger maxHeld = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        try (Context ctx = new Context()) {
            List<Producer> producers = new ArrayList<>();
            List<Consumer> consumers = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    producers.add(Producer.builder(ctx).name("q" + i).build());
                }
                List<String> endpoints = new ArrayList<>();
                for (Producer p : producers) {
                    endpoints.add(p.bind("tcp://127.0.0.1:*"));
                }
                for (int i = 0; i < 3; i++) {
                    Consumer c = Consumer.builder(ctx).prefetch(PREFETCH).build();
                    endpoints.forEach(c::connect);
                    consumers.add(c);
                    Thread w = new Thread(() -> hold(c, maxHeld, received));
                    w.start();
                    workers.add(w);
                }
                for (int i = 0; i < MESSAGES; i++) {
                    producers.get(i % 2).publish(Message.of("m"));
                }
                for (Producer p : producers) {
                    assertTrue(p.awaitConfirms(Duration.ofSeconds(60)), p.stats().toString());
                }
            } finally {
                workers.forEach(Thread::interrupt);
                for (Thread w : workers) {
                    w.join();
                }
                consumers.forEach(Consumer::close);
                producers.forEach(Producer::close);
            }
            for (Consumer c : consumers) {
                assertTrue(c.stats().maxUnsettled() <= PREFETCH, c.stats().toString());
            }
        }
        System.out.printf("prefetch %d: %d deliveries, at most %d held by one consumer from both producers%n",
                PREFETCH, received.get(), maxHeld.get());
        assertEquals(MESSAGES, received.get());
        assertEquals(PREFETCH, maxHeld.get(), "the credit is used to the full and never exceeded");
    }

    /** Receives while deliveries keep coming, then acks all it holds; tracks the most held at once. */
    private static void hold(Consumer c, AtomicInteger maxHeld, AtomicInteger received) {
        List<Delivery> held = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Delivery d = c.receive(Duration.ofMillis(5));
                if (d != null) {
                    received.incrementAndGet();
                    held.add(d);
                    maxHeld.accumulateAndGet(held.size(), Math::max);
                }
                if (d == null || held.size() >= 2 * PREFETCH) {
                    held.forEach(Delivery::ack);
                    held.clear();
                }
            }
        } catch (InterruptedException e) {
            // Done.
        }
    }
}
