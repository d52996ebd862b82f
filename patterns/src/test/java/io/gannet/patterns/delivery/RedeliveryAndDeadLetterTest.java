package io.gannet.patterns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What happens to messages that are not simply acknowledged: requeue, redelivery, dead letters. */
class RedeliveryAndDeadLetterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration HB = Duration.ofMillis(50);
    private static final Duration HB_TIMEOUT = Duration.ofMillis(250);

    private static Confirm get(CompletableFuture<Confirm> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aRejectWithoutRequeueIsDeadLetteredWithReasonCountAndHeaders() throws Exception {
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).deadLetters(dead::add).build();
                Consumer c = Consumer.builder(ctx).build()) {
            p.bind("inproc://reject");
            c.connect("inproc://reject");
            CompletableFuture<Confirm> f = p.publish(Message.of("bad").withId("m1").withHeader("tenant", "acme"));
            c.receive(WAIT).reject(false, "cannot parse");
            Confirm confirm = get(f);
            assertFalse(confirm.acknowledged());
            assertEquals(DeadLetterReason.REJECTED, confirm.reason());
            assertEquals("cannot parse", confirm.detail());
            assertEquals(1, dead.size());
            DeadLetter letter = dead.get(0);
            assertEquals("m1", letter.id());
            assertEquals(1, letter.deliveryCount());
            assertEquals("acme", letter.deathHeaders().get("tenant"));
            assertEquals("rejected", letter.deathHeaders().get("x-death-reason"));
            assertEquals("1", letter.deathHeaders().get("x-death-count"));
            assertEquals("cannot parse", letter.deathHeaders().get("x-death-detail"));
        }
    }

    @Test
    void aRequeuedMessageComesBackFlaggedUntilMaxDeliveries() throws Exception {
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).maxDeliveries(3).build();
                Consumer c = Consumer.builder(ctx).build()) {
            p.bind("inproc://requeue");
            c.connect("inproc://requeue");
            CompletableFuture<Confirm> f = p.publish(Message.of("flaky"));
            for (int n = 1; n <= 3; n++) {
                Delivery d = c.receive(WAIT);
                assertEquals(n, d.deliveryCount());
                assertEquals(n > 1, d.redelivered());
                d.reject(true, "try later");
            }
            Confirm confirm = get(f);
            assertFalse(confirm.acknowledged());
            assertEquals(DeadLetterReason.MAX_DELIVERIES, confirm.reason());
            assertEquals(3, confirm.deliveryCount());
        }
    }

    @Test
    void aSilentConsumersDeliveriesGoToAnotherInOrder() throws Exception {
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).heartbeat(HB, HB_TIMEOUT).build();
                Consumer b = Consumer.builder(ctx).prefetch(10).heartbeat(HB, HB_TIMEOUT).build()) {
            p.bind("inproc://silent");
            List<CompletableFuture<Confirm>> futures = new ArrayList<>();
            try (Consumer a = Consumer.builder(ctx).prefetch(4).heartbeat(HB, HB_TIMEOUT).build()) {
                a.connect("inproc://silent");
                for (int i = 0; i < 4; i++) {
                    futures.add(p.publish(Message.of("m" + i)));
                }
                for (int i = 0; i < 4; i++) {
                    assertNotNull(a.receive(WAIT)); // held, never settled: a dies with them
                }
            }
            b.connect("inproc://silent");
            for (int i = 0; i < 4; i++) {
                Delivery d = b.receive(WAIT);
                assertEquals("m" + i, d.bodyText(), "redelivered in their original order");
                assertTrue(d.redelivered());
                assertEquals(2, d.deliveryCount());
                d.ack();
            }
            for (CompletableFuture<Confirm> f : futures) {
                assertTrue(get(f).acknowledged());
            }
            assertEquals(1, p.stats().sessionsLost());
        }
    }

    @Test
    void anAckTimeoutMovesDeliveriesAndALateAckStillConfirmsOnce() throws Exception {
        List<Confirm> confirms = new CopyOnWriteArrayList<>();
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).ackTimeout(Duration.ofMillis(200)).confirms(confirms::addAll).build();
                Consumer slow = Consumer.builder(ctx).prefetch(1).build()) {
            p.bind("inproc://ack-timeout");
            slow.connect("inproc://ack-timeout");
            CompletableFuture<Confirm> f = p.publish(Message.of("m"));
            Delivery first = slow.receive(WAIT);
            // The session ends on the timeout; the consumer says READY again and gets the message back.
            Delivery second = slow.receive(WAIT);
            assertNotNull(second);
            assertEquals(first.id(), second.id());
            assertEquals(2, second.deliveryCount());
            first.ack();
            assertTrue(get(f).acknowledged());
            second.ack();
            Await.until("the second ack is in", () -> slow.stats().acked() == 2);
            p.awaitConfirms(WAIT);
            assertEquals(1, confirms.size(), "one confirm for one message, however many acks");
            assertTrue(p.stats().sessionsLost() >= 1);
        }
    }

    @Test
    void aMessageOlderThanItsTtlIsDeadLettered() throws Exception {
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        try (Context ctx = new Context(); Producer p = Producer.builder(ctx).deadLetters(dead::add).build()) {
            CompletableFuture<Confirm> f = p.publish(Message.of("stale").withTtl(Duration.ofMillis(30)));
            Confirm confirm = get(f);
            assertEquals(DeadLetterReason.EXPIRED, confirm.reason());
            assertEquals(0, confirm.deliveryCount());
            assertEquals("expired", dead.get(0).deathHeaders().get("x-death-reason"));
        }
    }

    @Test
    void deadLettersCanGoToAnotherProducersConsumers() throws Exception {
        try (Context ctx = new Context();
                Producer dlq = Producer.builder(ctx).name("dlq").build();
                Producer p = Producer.builder(ctx).deadLetters(DeadLetterHandler.forwardTo(dlq)).build();
                Consumer c = Consumer.builder(ctx).build();
                Consumer dlqConsumer = Consumer.builder(ctx).build()) {
            p.bind("inproc://main");
            dlq.bind("inproc://dlq");
            c.connect("inproc://main");
            dlqConsumer.connect("inproc://dlq");
            p.publish(Message.of("poison").withId("x").withHeader("k", "v"));
            c.receive(WAIT).reject(false, "poison");
            Delivery dead = dlqConsumer.receive(WAIT);
            assertEquals("poison", dead.bodyText());
            assertEquals("rejected", dead.headers().get("x-death-reason"));
            assertEquals("x", dead.headers().get("x-death-id"));
            assertEquals("v", dead.headers().get("k"));
            dead.ack();
            assertTrue(dlq.awaitConfirms(WAIT));
        }
    }

    @Test
    void manyConsumersShareTheWorkFairly() throws Exception {
        try (Context ctx = new Context(); Producer p = Producer.builder(ctx).build()) {
            p.bind("inproc://fair");
            List<Consumer> consumers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Consumer c = Consumer.builder(ctx).prefetch(2).build();
                    c.connect("inproc://fair");
                    consumers.add(c);
                }
                Await.until("3 consumers", () -> p.stats().consumers() == 3);
                for (int i = 0; i < 6; i++) {
                    p.publish(Message.of("m" + i));
                }
                Set<Integer> counts = new HashSet<>();
                for (Consumer c : consumers) {
                    int n = 0;
                    while (n < 2) {
                        c.receive(WAIT);
                        n++;
                    }
                    counts.add(n);
                }
                Await.until("all delivered", () -> p.stats().deliveries() == 6);
                for (Consumer c : consumers) {
                    assertEquals(2, c.stats().received(), "each consumer got exactly its credit");
                }
            } finally {
                consumers.forEach(Consumer::close);
            }
        }
    }
}
