package io.gannet.patterns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The producer/consumer contract over inproc: confirms, fair credit, either side binding, back-pressure. */
class AcknowledgedDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Receives and acks until {@code n} deliveries were seen, recording their ids. */
    private static Thread acker(Consumer c, Set<String> ids, int n) {
        Thread t = new Thread(() -> {
            try {
                while (ids.size() < n) {
                    Delivery d = c.receive(Duration.ofMillis(50));
                    if (d != null) {
                        ids.add(d.id());
                        d.ack();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }

    @Test
    void everyMessageIsConfirmedPositivelyOnceAcknowledged() throws Exception {
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).name("p").build();
                Consumer a = Consumer.builder(ctx).prefetch(10).build();
                Consumer b = Consumer.builder(ctx).prefetch(10).build()) {
            p.bind("inproc://ack-all");
            a.connect("inproc://ack-all");
            b.connect("inproc://ack-all");
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Thread ta = acker(a, seen, 1000);
            Thread tb = acker(b, seen, 1000);
            List<CompletableFuture<Confirm>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                futures.add(p.publish(Message.of("m" + i).withHeader("n", Integer.toString(i))));
            }
            for (CompletableFuture<Confirm> f : futures) {
                Confirm c = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(c.acknowledged(), c.toString());
                assertEquals(1, c.deliveryCount());
            }
            ta.join();
            tb.join();
            assertEquals(1000, seen.size());
            assertEquals(1000, p.stats().acknowledged());
            assertEquals(0, p.stats().unconfirmed());
            assertTrue(a.stats().received() > 0 && b.stats().received() > 0, "both consumers got work: " + a.stats() + b.stats());
            assertEquals(1000, a.stats().received() + b.stats().received());
        }
    }

    @Test
    void confirmListenerGetsEveryConfirmInBatches() throws Exception {
        List<Confirm> confirms = new CopyOnWriteArrayList<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).confirms(batch -> {
                    confirms.addAll(batch);
                    batchSizes.add(batch.size());
                }).build();
                Consumer c = Consumer.builder(ctx).prefetch(50).build()) {
            p.bind("inproc://batch");
            c.connect("inproc://batch");
            for (int i = 0; i < 500; i++) {
                p.publish(Message.of("x").withId("id-" + i));
            }
            Thread t = acker(c, ConcurrentHashMap.newKeySet(), 500);
            assertTrue(p.awaitConfirms(WAIT));
            t.join();
            Await.until("500 confirms", () -> confirms.size() == 500);
            assertEquals(500, confirms.stream().map(Confirm::id).distinct().count());
            assertEquals(500, batchSizes.stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void prefetchBoundsUnsettledDeliveriesAndAcksBringTheNext() throws Exception {
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).build();
                Consumer c = Consumer.builder(ctx).prefetch(5).build()) {
            p.bind("inproc://prefetch");
            c.connect("inproc://prefetch");
            for (int i = 0; i < 20; i++) {
                p.publish(Message.of("m" + i));
            }
            Await.until("5 delivered, 15 queued", () -> p.stats().deliveries() == 5 && p.stats().queued() == 15);
            List<Delivery> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                held.add(c.receive(WAIT));
            }
            assertNull(c.receive(Duration.ZERO), "a sixth delivery arrived with prefetch 5");
            assertEquals(5, p.stats().deliveries(), "the producer sent beyond the credit");
            held.get(0).ack();
            Delivery sixth = c.receive(WAIT);
            assertNotNull(sixth);
            assertEquals("m5", sixth.bodyText(), "the next in publish order follows the ack");
            assertEquals(5, c.stats().maxUnsettledPerProducer());
        }
    }

    @Test
    void consumerMayBindAndManyProducersConnect() throws Exception {
        try (Context ctx = new Context();
                Consumer c = Consumer.builder(ctx).prefetch(3).build();
                Producer p1 = Producer.builder(ctx).name("one").build();
                Producer p2 = Producer.builder(ctx).name("two").build()) {
            c.bind("inproc://consumer-binds");
            p1.connect("inproc://consumer-binds");
            p2.connect("inproc://consumer-binds");
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Thread t = acker(c, seen, 200);
            for (int i = 0; i < 100; i++) {
                p1.publish(Message.of("a"));
                p2.publish(Message.of("b"));
            }
            assertTrue(p1.awaitConfirms(WAIT) && p2.awaitConfirms(WAIT));
            t.join();
            assertEquals(200, seen.size());
            assertTrue(c.stats().maxUnsettledPerProducer() <= 3);
        }
    }

    @Test
    void aFullOutboxFailsFastOrAfterTheWait() throws Exception {
        try (Context ctx = new Context();
                Producer fast = Producer.builder(ctx).outboxCapacity(3).failWhenFull().build();
                Producer slow = Producer.builder(ctx).outboxCapacity(1).blockWhenFull(Duration.ofMillis(20)).build()) {
            for (int i = 0; i < 3; i++) {
                fast.publish(Message.of("x"));
            }
            assertThrows(OutboxFullException.class, () -> fast.publish(Message.of("x")));
            assertEquals(3, fast.stats().unconfirmed());
            slow.publish(Message.of("x"));
            assertThrows(OutboxFullException.class, () -> slow.publish(Message.of("x")));
        }
    }

    @Test
    void aBlockedPublishGoesOnWhenAConfirmFreesRoom() throws Exception {
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).outboxCapacity(2).build();
                Consumer c = Consumer.builder(ctx).prefetch(1).build()) {
            p.bind("inproc://blocked");
            p.publish(Message.of("1"));
            p.publish(Message.of("2"));
            CompletableFuture<CompletableFuture<Confirm>> third = CompletableFuture.supplyAsync(() -> p.publish(Message.of("3")));
            c.connect("inproc://blocked");
            Thread t = acker(c, ConcurrentHashMap.newKeySet(), 3);
            assertTrue(third.get(WAIT.toSeconds(), TimeUnit.SECONDS).get(WAIT.toSeconds(), TimeUnit.SECONDS).acknowledged());
            t.join();
        }
    }

    @Test
    void aDuplicateUnconfirmedIdIsRefused() throws Exception {
        try (Context ctx = new Context(); Producer p = Producer.builder(ctx).build()) {
            p.publish(Message.of("x").withId("same"));
            assertThrows(IllegalArgumentException.class, () -> p.publish(Message.of("y").withId("same")));
            assertEquals(1, p.stats().unconfirmed());
        }
    }

    @Test
    void closingWithUnconfirmedMessagesGivesNegativeConfirms() throws Exception {
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        CompletableFuture<Confirm> f;
        try (Context ctx = new Context(); Producer p = Producer.builder(ctx).deadLetters(dead::add).build()) {
            f = p.publish(Message.of("never consumed"));
        }
        Confirm c = f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertFalse(c.acknowledged());
        assertEquals(DeadLetterReason.PRODUCER_CLOSED, c.reason());
        assertEquals(1, dead.size());
    }

    @Test
    void aPublisherBlockedOnAFullOutboxIsReleasedByClose() throws Exception {
        try (Context ctx = new Context()) {
            Producer p = Producer.builder(ctx).outboxCapacity(1).build();
            p.publish(Message.of("fills the outbox"));
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    p.publish(Message.of("waits"));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Await.until("the publisher waits", () -> !blocked.isDone() && p.stats().unconfirmed() == 1);
            p.close();
            Throwable t = blocked.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(t instanceof IllegalStateException, String.valueOf(t));
            assertThrows(IllegalStateException.class, () -> p.publish(Message.of("after close")));
        }
    }
}
