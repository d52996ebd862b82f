package io.gannet.transports.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.patterns.delivery.Consumer;
import io.gannet.patterns.delivery.Delivery;
import io.gannet.patterns.delivery.FsyncPolicy;
import io.gannet.patterns.delivery.Message;
import io.gannet.patterns.delivery.Producer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A producer with a durable outbox is restarted on its file again and again while it
 * publishes over tcp to three consumers that bind (the producer connects to them): every
 * message is confirmed once by one of its incarnations, and every positive confirm was
 * processed. Messages in flight at a restart are delivered again (their count starts over).
 */
class DurableRestartTest {
    private static final int MESSAGES = Integer.getInteger("gannet.restart.messages", 6000);

    @TempDir
    Path dir;

    @Test
    void unconfirmedMessagesSurviveProducerRestarts() throws Exception {
        Ledger ledger = new Ledger();
        Path file = dir.resolve("outbox.mv");
        int restarts = 0;
        long recovered = 0;
        try (Context ctx = new Context()) {
            List<Consumer> consumers = new ArrayList<>();
            List<String> endpoints = new ArrayList<>();
            List<Thread> workers = new ArrayList<>();
            AtomicReference<Producer> current = new AtomicReference<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Consumer c = Consumer.builder(ctx).prefetch(32).build();
                    endpoints.add(c.bind("tcp://127.0.0.1:*"));
                    consumers.add(c);
                    Thread w = new Thread(() -> {
                        try {
                            while (!Thread.currentThread().isInterrupted()) {
                                Delivery d = c.receive(Duration.ofMillis(20));
                                if (d != null) {
                                    ledger.processed(d.id(), d.deliveryCount());
                                    d.ack();
                                }
                            }
                        } catch (InterruptedException e) {
                            // Done.
                        }
                    });
                    w.start();
                    workers.add(w);
                }
                current.set(start(ctx, file, endpoints, ledger));
                Thread publisher = new Thread(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        while (true) {
                            try {
                                current.get().publish(Message.of("m").withId("m-" + i));
                                break;
                            } catch (IllegalStateException closed) {
                                Thread.onSpinWait(); // the producer is being restarted: publish to the next one
                            }
                        }
                    }
                });
                publisher.start();
                while (publisher.isAlive() && restarts < 5) {
                    Thread.sleep(300);
                    Producer old = current.get();
                    old.close();
                    Producer next = start(ctx, file, endpoints, ledger);
                    recovered += next.recovered();
                    current.set(next);
                    restarts++;
                }
                publisher.join();
                assertTrue(current.get().awaitConfirms(Duration.ofSeconds(60)), current.get().stats().toString());
            } finally {
                workers.forEach(Thread::interrupt);
                for (Thread w : workers) {
                    w.join();
                }
                if (current.get() != null) {
                    current.get().close();
                }
                consumers.forEach(Consumer::close);
            }
        }
        System.out.printf("durable restarts: %d messages, %d restarts, %d recovered from the file; %s%n",
                MESSAGES, restarts, recovered, ledger.summary());
        assertEquals(MESSAGES, ledger.confirmed.size(), "every message confirmed by some incarnation");
        assertEquals(0, ledger.confirmedTwice.get());
        assertEquals(0, ledger.negative.get());
        assertEquals(0, ledger.lost());
    }

    private static Producer start(Context ctx, Path file, List<String> endpoints, Ledger ledger) {
        Producer p = Producer.builder(ctx).name("restarted").durableOutbox(file, FsyncPolicy.OS)
                .outboxCapacity(2000).confirms(ledger).build();
        endpoints.forEach(p::connect);
        return p;
    }
}
