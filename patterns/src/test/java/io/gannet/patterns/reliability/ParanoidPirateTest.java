package io.gannet.patterns.reliability;

import static io.gannet.testing.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.gannet.Context;
import io.gannet.testing.TestSupport;
import org.junit.jupiter.api.Test;

/** RFC 6 (PPP): heartbeats both ways, a killed worker expires, a killed queue gets its workers back. */
class ParanoidPirateTest {
    private static final Heartbeat FAST = new Heartbeat(Duration.ofMillis(100), 3);
    private static final RequestHandler ECHO = req -> List.of(req.get(0));

    private static ParanoidPirateWorker worker(Context ctx, String backend) {
        return ParanoidPirateWorker.builder(ctx, backend, ECHO).heartbeat(FAST)
                .reconnect(Duration.ofMillis(50), Duration.ofMillis(400)).build().start();
    }

    private static LazyPirateClient client(Context ctx, String frontend) {
        return LazyPirateClient.builder(ctx, frontend).timeout(Duration.ofMillis(500)).attempts(5).build();
    }

    @Test
    void aKilledWorkerExpiresAndTheOthersServeOn() {
        try (Context ctx = new Context();
                ParanoidPirateQueue queue = new ParanoidPirateQueue(ctx, TestSupport.inproc(), TestSupport.inproc(), FAST).start()) {
            ParanoidPirateWorker a = worker(ctx, queue.backendEndpoint());
            try (ParanoidPirateWorker b = worker(ctx, queue.backendEndpoint());
                    LazyPirateClient client = client(ctx, queue.frontendEndpoint())) {
                await("both workers wait", () -> queue.waitingWorkers() == 2);
                for (int i = 0; i < 6; i++) {
                    assertEquals("r" + i, client.request("r" + i));
                }
                assertTrue(a.served() > 0 && b.served() > 0, "both served: " + a.served() + ", " + b.served());

                long expiredBefore = queue.expiredWorkers();
                long killed = System.nanoTime();
                a.close();
                await("the queue drops the silent worker", () -> queue.expiredWorkers() > expiredBefore);
                System.out.printf("PPP worker expiry: detected after %d ms (expiry %d ms + one heartbeat check)%n",
                        (System.nanoTime() - killed) / 1_000_000, FAST.expiry().toMillis());
                await("only the live worker waits", () -> queue.waitingWorkers() == 1);
                long before = b.served();
                for (int i = 0; i < 6; i++) {
                    assertEquals("s" + i, client.request("s" + i));
                }
                assertEquals(before + 6, b.served());
            }
        }
    }

    @Test
    void workersReconnectToARestartedQueue() {
        String frontend = TestSupport.inproc();
        String backend = TestSupport.inproc();
        try (Context ctx = new Context()) {
            ParanoidPirateQueue first = new ParanoidPirateQueue(ctx, frontend, backend, FAST).start();
            try (ParanoidPirateWorker a = worker(ctx, backend); ParanoidPirateWorker b = worker(ctx, backend)) {
                await("both workers wait", () -> first.waitingWorkers() == 2);
                try (LazyPirateClient client = client(ctx, frontend)) {
                    assertEquals("before", client.request("before"));
                }

                long killed = System.nanoTime();
                first.close();
                await("both workers notice the queue is gone", () -> a.reconnects() >= 1 && b.reconnects() >= 1);
                System.out.printf("PPP queue loss: both workers reconnecting after %d ms (expiry %d ms)%n",
                        (System.nanoTime() - killed) / 1_000_000, FAST.expiry().toMillis());

                try (ParanoidPirateQueue second = Restart.untilBound(() -> new ParanoidPirateQueue(ctx, frontend, backend, FAST)).start();
                        LazyPirateClient client = client(ctx, frontend)) {
                    long restarted = System.nanoTime();
                    await("both workers are back", () -> second.waitingWorkers() == 2);
                    System.out.printf("PPP queue restart: both workers back after %d ms (back-off max 400 ms)%n",
                            (System.nanoTime() - restarted) / 1_000_000);
                    for (int i = 0; i < 6; i++) {
                        assertEquals("after" + i, client.request("after" + i));
                    }
                }
            }
        }
    }
}
