package io.gannet.patterns.reliability;

import static io.gannet.testing.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import org.junit.jupiter.api.Test;

/** Lazy Pirate's retries and give-up, and the Simple Pirate queue with workers that come and go. */
class PirateTest {
    private static final Duration SHORT = Duration.ofMillis(150);

    @Test
    void lazyPirateGivesUpAfterItsAttemptsWithAClearError() throws Exception {
        try (Context ctx = new Context(); Socket mute = ctx.socket(SocketType.ROUTER)) {
            String endpoint = TestSupport.inproc();
            mute.bind(endpoint);
            try (LazyPirateClient client = LazyPirateClient.builder(ctx, endpoint).timeout(SHORT).attempts(3).build()) {
                RequestFailedException e = assertThrows(RequestFailedException.class, () -> client.request("hello"));
                assertEquals(3, e.attempts());
                assertTrue(e.getMessage().contains("no reply from " + endpoint + " after 3 attempts"), e.getMessage());
                assertEquals(3, client.resets());

                // The reset left a usable socket: once the server answers, the next request succeeds.
                Thread t = TestSupport.start("late-server", () -> {
                    List<byte[]> req;
                    while (!"again".equals(FrameIo.text((req = FrameIo.recv(mute, null)).get(2)))) {
                        // a request from an earlier attempt, if it was still queued: no answer
                    }
                    FrameIo.send(mute, List.of(req.get(0), FrameIo.EMPTY, FrameIo.utf8("answered")), false);
                });
                assertEquals("answered", client.request("again"));
                TestSupport.join(t);
            }
        }
    }

    @Test
    void lazyPirateResendsUntilTheServerAnswers() throws Exception {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.ROUTER)) {
            String endpoint = TestSupport.inproc();
            server.bind(endpoint);
            AtomicInteger seen = new AtomicInteger();
            Thread t = TestSupport.start("flaky-server", () -> {
                // Ignores the first two requests, as a server that lost them would.
                while (seen.get() < 3) {
                    List<byte[]> req = FrameIo.recv(server, null);
                        if (seen.incrementAndGet() == 3) {
                        FrameIo.send(server, List.of(req.get(0), FrameIo.EMPTY, FrameIo.utf8("world")), false);
                    }
                }
            });
            try (LazyPirateClient client = LazyPirateClient.builder(ctx, endpoint).timeout(SHORT).attempts(3).build()) {
                assertEquals("world", client.request("hello"));
                assertEquals(2, client.resets());
            }
            TestSupport.join(t);
        }
    }

    @Test
    void simplePirateQueueServesClientsThroughWorkersAndSurvivesAKilledWorker() {
        try (Context ctx = new Context();
                SimplePirateQueue queue = new SimplePirateQueue(ctx, TestSupport.inproc(), TestSupport.inproc()).start()) {
            RequestHandler echo = req -> List.of(req.get(0));
            SimplePirateWorker a = new SimplePirateWorker(ctx, queue.backendEndpoint(), echo).start();
            try (SimplePirateWorker b = new SimplePirateWorker(ctx, queue.backendEndpoint(), echo).start();
                    LazyPirateClient client = LazyPirateClient.builder(ctx, queue.frontendEndpoint())
                            .timeout(Duration.ofMillis(300)).attempts(3).build()) {
                await("two workers are ready", () -> queue.readyWorkers() == 2);
                for (int i = 0; i < 10; i++) {
                    assertEquals("req-" + i, client.request("req-" + i));
                }
                assertEquals(10, a.served() + b.served());
                assertTrue(a.served() > 0 && b.served() > 0, "both workers served: " + a.served() + ", " + b.served());

                a.close(); // killed: the queue still lists it; a request sent to it is lost and retried
                for (int i = 0; i < 10; i++) {
                    assertEquals("after-" + i, client.request("after-" + i));
                }
                assertTrue(b.served() >= 15, "the surviving worker served the rest: " + b.served());
                assertTrue(client.resets() <= 1, "at most the one request sent to the dead worker was retried");
            }
        }
    }
}
