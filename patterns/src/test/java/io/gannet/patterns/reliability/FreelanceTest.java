package io.gannet.patterns.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.gannet.Context;
import io.gannet.testing.TestSupport;
import org.junit.jupiter.api.Test;

/** Freelance model 3: requests spread over servers, fail over from a frozen or dead server, and fail when none is left. */
class FreelanceTest {
    private static final RequestHandler ECHO = req -> List.of(req.get(0));

    private static FreelanceClient client(Context ctx, Duration timeout) {
        return FreelanceClient.builder(ctx).timeout(timeout).pingInterval(Duration.ofMillis(50))
                .serverTtl(Duration.ofMillis(200)).build();
    }

    @Test
    void requestsSpreadOverTheServersAndFailOverWhenOneDies() {
        try (Context ctx = new Context();
                FreelanceServer a = new FreelanceServer(ctx, TestSupport.inproc(), ECHO).start();
                FreelanceServer b = new FreelanceServer(ctx, TestSupport.inproc(), ECHO).start();
                FreelanceClient client = client(ctx, Duration.ofSeconds(10))) {
            FreelanceServer c = new FreelanceServer(ctx, TestSupport.inproc(), ECHO).start();
            client.connect(a.endpoint());
            client.connect(b.endpoint());
            client.connect(c.endpoint());
            // A server is used once its first PONG is in, which may take a ping retry: keep
            // sending until all three have served (bounded), rather than assume 30 suffice.
            int sent = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sent < 30 || a.served() == 0 || b.served() == 0 || c.served() == 0) {
                assertTrue(System.nanoTime() < deadline,
                        "spread: " + a.served() + ", " + b.served() + ", " + c.served());
                assertEquals("r" + sent, client.request("r" + sent));
                sent++;
            }
            assertEquals(sent, a.served() + b.served() + c.served());

            c.close(); // dies: its pings go unanswered, requests go to the others
            long before = a.served() + b.served();
            for (int i = 0; i < 10; i++) {
                assertEquals("s" + i, client.request("s" + i));
            }
            assertEquals(before + 10, a.served() + b.served());
        }
    }

    @Test
    void aRequestWithAFrozenServerMovesToAnother() {
        CountDownLatch thaw = new CountDownLatch(1);
        AtomicInteger frozenCalls = new AtomicInteger();
        RequestHandler freeze = req -> {
            frozenCalls.incrementAndGet();
            try {
                thaw.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return req;
        };
        try (Context ctx = new Context();
                FreelanceServer frozen = new FreelanceServer(ctx, TestSupport.inproc(), freeze).start();
                FreelanceServer live = new FreelanceServer(ctx, TestSupport.inproc(), ECHO).start();
                FreelanceClient client = client(ctx, Duration.ofSeconds(10))) {
            client.connect(frozen.endpoint());
            client.connect(live.endpoint());
            try {
                // A server joins the rotation at its first PONG (which can take a ping retry);
                // from then on round robin sends it one of the next requests.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                for (int i = 0; frozenCalls.get() == 0; i++) {
                    assertTrue(System.nanoTime() < deadline, "no request reached the frozen server in 20 s");
                    assertEquals("r" + i, client.request("r" + i));
                }
                assertEquals(1, frozenCalls.get(), "one request reached the frozen server");
                assertEquals(1, client.failovers());
            } finally {
                thaw.countDown();
            }
        }
    }

    @Test
    void withEveryServerGoneARequestFailsWithTheServersNamed() {
        try (Context ctx = new Context(); FreelanceClient client = client(ctx, Duration.ofSeconds(1))) {
            FreelanceServer only = new FreelanceServer(ctx, TestSupport.inproc(), ECHO).start();
            client.connect(only.endpoint());
            assertEquals("up", client.request("up"));
            only.close();
            RequestFailedException e = assertThrows(RequestFailedException.class, () -> client.request("down"));
            assertTrue(e.getMessage().contains(only.endpoint()) && e.getMessage().contains("within 1000 ms"), e.getMessage());
        }
    }
}
