package io.gannet.patterns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The prefetch is each consumer's own window: shared among its producers, and not shared with other consumers. */
class PrefetchPerConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aConsumerNeverHoldsMoreThanItsPrefetchFromAllProducersTogether() throws Exception {
        int prefetch = 10;
        int perProducer = 300;
        try (Context ctx = new Context();
                Producer a = Producer.builder(ctx).name("a").build();
                Producer b = Producer.builder(ctx).name("b").build();
                Producer c = Producer.builder(ctx).name("c").build();
                Consumer consumer = Consumer.builder(ctx).prefetch(prefetch).build()) {
            List<Producer> producers = List.of(a, b, c);
            for (Producer p : producers) {
                consumer.connect(p.bind("inproc://share-" + p.name()));
                for (int i = 0; i < perProducer; i++) {
                    p.publish(Message.of("x"));
                }
            }
            Set<String> seen = new HashSet<>();
            List<Delivery> held = new ArrayList<>();
            while (seen.size() < 3 * perProducer) {
                // Hold everything that comes until nothing more does: the most the producers will send.
                Delivery d = consumer.receive(held.isEmpty() ? WAIT : Duration.ofMillis(20));
                if (d != null) {
                    assertTrue(seen.add(d.id()), "delivered twice: " + d.id());
                    held.add(d);
                    assertTrue(held.size() <= prefetch, "holding " + held.size() + " with prefetch " + prefetch);
                    continue;
                }
                assertTrue(!held.isEmpty(), "nothing delivered after " + seen.size());
                for (Delivery h : held) {
                    h.ack();
                }
                held.clear();
            }
            for (Delivery h : held) {
                h.ack();
            }
            for (Producer p : producers) {
                assertTrue(p.awaitConfirms(WAIT), p.name() + ": " + p.stats());
                assertEquals(perProducer, p.stats().acknowledged());
            }
            assertTrue(consumer.stats().maxUnsettled() <= prefetch, consumer.stats().toString());
        }
    }

    @Test
    void aSlowConsumerDoesNotStarveAFastOne() throws Exception {
        int messages = 500;
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).build();
                Consumer slow = Consumer.builder(ctx).prefetch(4).build();
                Consumer fast = Consumer.builder(ctx).prefetch(4).build()) {
            String endpoint = p.bind("inproc://slow-fast");
            slow.connect(endpoint);
            fast.connect(endpoint);
            Await.until("two consumers", () -> p.stats().consumers() == 2);
            for (int i = 0; i < messages; i++) {
                p.publish(Message.of("m" + i));
            }
            // The slow consumer takes its window and settles nothing; the fast one gets all the rest.
            List<Delivery> stuck = new ArrayList<>();
            int fastGot = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (fastGot + stuck.size() < messages) {
                assertTrue(System.nanoTime() < deadline, "the fast consumer starved after " + fastGot);
                Delivery d = fast.receive(Duration.ofMillis(50));
                if (d != null) {
                    d.ack();
                    fastGot++;
                }
                for (Delivery s; (s = slow.receive(Duration.ZERO)) != null;) {
                    stuck.add(s);
                }
            }
            assertTrue(stuck.size() <= 4, "the slow consumer held " + stuck.size());
            assertNull(slow.receive(Duration.ofMillis(50)), "the slow consumer got beyond its prefetch");
            assertTrue(fast.stats().maxUnsettled() <= 4 && slow.stats().maxUnsettled() <= 4);
            for (Delivery s : stuck) {
                s.ack();
            }
            assertTrue(p.awaitConfirms(WAIT), p.stats().toString());
        }
    }
}
