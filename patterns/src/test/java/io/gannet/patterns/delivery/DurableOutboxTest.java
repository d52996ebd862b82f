package io.gannet.patterns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The MVStore outbox keeps unconfirmed messages across a producer restart. */
class DurableOutboxTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Producer durable(Context ctx, Path file, FsyncPolicy fsync) {
        return Producer.builder(ctx).name("orders").durableOutbox(file, fsync).build();
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void unconfirmedMessagesAreSentAgainByTheNextProducerOnTheFile(FsyncPolicy fsync) throws Exception {
        Path file = dir.resolve("outbox-" + fsync + ".mv");
        Set<String> published = new HashSet<>();
        try (Context ctx = new Context()) {
            List<CompletableFuture<Confirm>> futures = new ArrayList<>();
            try (Producer p = durable(ctx, file, fsync)) {
                assertEquals(0, p.recovered());
                for (int i = 0; i < 10; i++) {
                    CompletableFuture<Confirm> f = p.publish(Message.of("order " + i).withHeader("n", "" + i));
                    futures.add(f);
                }
                p.flush();
            }
            for (CompletableFuture<Confirm> f : futures) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause().getMessage().contains("durable outbox"), e.getCause().getMessage());
            }
            try (Producer again = durable(ctx, file, fsync); Consumer c = Consumer.builder(ctx).build()) {
                assertEquals(10, again.recovered());
                c.connect(again.bind("inproc://durable-" + fsync));
                for (int i = 0; i < 10; i++) {
                    Delivery d = c.receive(WAIT);
                    assertEquals("order " + i, d.bodyText(), "recovered in publish order");
                    assertEquals("" + i, d.headers().get("n"));
                    published.add(d.id());
                    d.ack();
                }
                assertTrue(again.awaitConfirms(WAIT));
                assertEquals(10, again.stats().acknowledged());
            }
            try (Producer third = durable(ctx, file, fsync)) {
                assertEquals(0, third.recovered(), "confirmed messages are gone from the file");
            }
        }
        assertEquals(10, published.size());
    }

    @Test
    void idsAfterARestartDoNotRepeatEarlierOnes() throws Exception {
        Path file = dir.resolve("ids.mv");
        try (Context ctx = new Context()) {
            String first;
            try (Producer p = durable(ctx, file, FsyncPolicy.OS)) {
                p.publish(Message.of("a"));
                first = p.name() + "-0";
            }
            try (Producer p = durable(ctx, file, FsyncPolicy.OS); Consumer c = Consumer.builder(ctx).build()) {
                p.publish(Message.of("b"));
                c.connect(p.bind("inproc://ids"));
                Delivery a = c.receive(WAIT);
                Delivery b = c.receive(WAIT);
                assertEquals(first, a.id());
                assertNotEquals(a.id(), b.id());
                a.ack();
                b.ack();
                assertTrue(p.awaitConfirms(WAIT));
            }
        }
    }
}
