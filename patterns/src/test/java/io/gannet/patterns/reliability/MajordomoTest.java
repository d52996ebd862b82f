package io.gannet.patterns.reliability;

import static io.gannet.testing.TestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import org.junit.jupiter.api.Test;

/** RFC 7 (MDP/0.1) and RFC 8 (mmi.service): services, heartbeats, killed workers, a killed broker. */
class MajordomoTest {
    private static final Heartbeat FAST = new Heartbeat(Duration.ofMillis(100), 3);
    private static final RequestHandler ECHO = req -> List.of(req.get(0));
    private static final RequestHandler UPPER =
            req -> List.of(FrameIo.utf8(FrameIo.text(req.get(0)).toUpperCase(Locale.ROOT)));

    private static MajordomoBroker broker(Context ctx, String endpoint) {
        return MajordomoBroker.builder(ctx, endpoint).heartbeat(FAST).build();
    }

    private static MajordomoWorker worker(Context ctx, String endpoint, String service, RequestHandler handler) {
        return MajordomoWorker.builder(ctx, endpoint, service, handler).heartbeat(FAST)
                .reconnect(Duration.ofMillis(50), Duration.ofMillis(400)).build().start();
    }

    private static MajordomoClient client(Context ctx, String endpoint) {
        return MajordomoClient.builder(ctx, endpoint).timeout(Duration.ofMillis(500)).attempts(20).build();
    }

    @Test
    void requestsReachTheWorkersOfTheNamedServiceAndMmiAnswersForTheBroker() {
        try (Context ctx = new Context(); MajordomoBroker broker = broker(ctx, TestSupport.inproc()).start();
                MajordomoWorker echo = worker(ctx, broker.endpoint(), "echo", ECHO);
                MajordomoWorker upper = worker(ctx, broker.endpoint(), "upper", UPPER);
                MajordomoClient client = client(ctx, broker.endpoint())) {
            await("both workers registered", () -> broker.registeredWorkers() == 2);
            assertEquals("hello", client.request("echo", "hello"));
            assertEquals("HELLO", client.request("upper", "hello"));
            List<byte[]> multi = client.request("echo", List.of(FrameIo.utf8("a"), FrameIo.utf8("b")));
            assertEquals(1, multi.size(), "the echo worker answers the first frame");
            assertTrue(client.serviceAvailable("echo"));
            assertFalse(client.serviceAvailable("nobody"));
            assertEquals("501", client.request("mmi.nothing", "x"));
            assertEquals(0, client.resets());
        }
    }

    @Test
    void aCrashedWorkerExpiresAndAClosedOneLeavesAtOnce() {
        try (Context ctx = new Context(); MajordomoBroker broker = broker(ctx, TestSupport.inproc()).start();
                MajordomoWorker survivor = worker(ctx, broker.endpoint(), "echo", ECHO);
                MajordomoClient client = client(ctx, broker.endpoint())) {
            MajordomoWorker crashing = worker(ctx, broker.endpoint(), "echo", ECHO);
            MajordomoWorker leaving = worker(ctx, broker.endpoint(), "echo", ECHO);
            await("three workers registered", () -> broker.registeredWorkers() == 3);

            leaving.close(); // DISCONNECT: no heartbeat needed
            await("the closed worker is forgotten", () -> broker.registeredWorkers() == 2);

            long crashed = System.nanoTime();
            crashing.crash();
            await("the crashed worker expires", () -> broker.expiredWorkers() >= 1 && broker.registeredWorkers() == 1);
            System.out.printf("MDP worker expiry: after %d ms (expiry %d ms)%n",
                    (System.nanoTime() - crashed) / 1_000_000, FAST.expiry().toMillis());
            long before = survivor.served();
            for (int i = 0; i < 5; i++) {
                assertEquals("r" + i, client.request("echo", "r" + i));
            }
            assertEquals(before + 5, survivor.served());
        }
    }

    @Test
    void workersAndAWaitingClientRecoverFromARestartedBroker() throws Exception {
        String endpoint = TestSupport.inproc();
        try (Context ctx = new Context()) {
            MajordomoBroker first = broker(ctx, endpoint).start();
            try (MajordomoWorker a = worker(ctx, endpoint, "echo", ECHO);
                    MajordomoWorker b = worker(ctx, endpoint, "echo", ECHO);
                    MajordomoClient client = client(ctx, endpoint)) {
                await("both workers registered", () -> first.registeredWorkers() == 2);
                assertEquals("before", client.request("echo", "before"));

                long killed = System.nanoTime();
                first.close();
                // A request made while there is no broker: the client resends until one answers.
                CompletableFuture<String> pending = CompletableFuture.supplyAsync(() -> client.request("echo", "during"));
                await("both workers notice the broker is gone", () -> a.reconnects() >= 1 && b.reconnects() >= 1);
                System.out.printf("MDP broker loss: workers starting over after %d ms (expiry %d ms)%n",
                        (System.nanoTime() - killed) / 1_000_000, FAST.expiry().toMillis());

                try (MajordomoBroker second = Restart.untilBound(() -> broker(ctx, endpoint)).start()) {
                    long restarted = System.nanoTime();
                    await("both workers registered again", () -> second.registeredWorkers() == 2);
                    System.out.printf("MDP broker restart: workers back after %d ms (back-off max 400 ms)%n",
                            (System.nanoTime() - restarted) / 1_000_000);
                    assertEquals("during", pending.get(30, TimeUnit.SECONDS));
                    assertEquals("after", client.request("echo", "after"));
                }
            }
        }
    }

    @Test
    void aWorkerFrozenInItsHandlerIsForgottenAndComesBackAfterDisconnect() {
        CountDownLatch thaw = new CountDownLatch(1);
        RequestHandler frozen = req -> {
            try {
                thaw.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return req;
        };
        try (Context ctx = new Context(); MajordomoBroker broker = broker(ctx, TestSupport.inproc()).start();
                MajordomoWorker worker = worker(ctx, broker.endpoint(), "slow", frozen);
                MajordomoClient once = MajordomoClient.builder(ctx, broker.endpoint())
                        .timeout(Duration.ofMillis(200)).attempts(1).build();
                MajordomoClient client = client(ctx, broker.endpoint())) {
            await("the worker registered", () -> broker.registeredWorkers() == 1);
            assertThrows(RequestFailedException.class, () -> once.request("slow", "stuck"));
            await("the busy, silent worker is forgotten", () -> broker.registeredWorkers() == 0);
            assertFalse(client.serviceAvailable("slow"));

            thaw.countDown(); // its late reply is refused with DISCONNECT: it starts over
            await("the worker registered again", () -> worker.reconnects() >= 1 && broker.registeredWorkers() == 1);
            assertTrue(client.serviceAvailable("slow"));
            assertEquals("now", client.request("slow", "now"));
        }
    }

    @Test
    void theBrokerDisconnectsWorkersItDoesNotKnowOrThatClaimMmi() {
        try (Context ctx = new Context(); MajordomoBroker broker = broker(ctx, TestSupport.inproc()).start();
                Socket stranger = ctx.socket(SocketType.DEALER); Socket usurper = ctx.socket(SocketType.DEALER)) {
            stranger.connect(broker.endpoint());
            FrameIo.send(stranger, List.of(FrameIo.EMPTY, Mdp.WORKER, Mdp.HEARTBEAT), false);
            assertDisconnect(FrameIo.recv(stranger, Duration.ofSeconds(10)));

            usurper.connect(broker.endpoint());
            FrameIo.send(usurper, List.of(FrameIo.EMPTY, Mdp.WORKER, Mdp.READY, FrameIo.utf8("mmi.service")), false);
            assertDisconnect(FrameIo.recv(usurper, Duration.ofSeconds(10)));
            assertEquals(0, broker.registeredWorkers());
        }
    }

    private static void assertDisconnect(List<byte[]> msg) {
        assertEquals(3, msg.size());
        assertTrue(FrameIo.is(msg.get(1), Mdp.WORKER) && FrameIo.is(msg.get(2), Mdp.DISCONNECT));
    }

    @Test
    void aRequestForAServiceWithoutWorkersExpiresAndIsCounted() {
        try (Context ctx = new Context();
                MajordomoBroker broker = MajordomoBroker.builder(ctx, TestSupport.inproc()).heartbeat(FAST)
                        .requestExpiry(Duration.ofMillis(100)).build().start();
                MajordomoClient client = MajordomoClient.builder(ctx, broker.endpoint())
                        .timeout(Duration.ofMillis(200)).attempts(2).build()) {
            RequestFailedException e = assertThrows(RequestFailedException.class, () -> client.request("nobody", "x"));
            assertEquals(2, e.attempts());
            await("both attempts expired in the broker", () -> broker.expiredRequests() == 2);
        }
    }
}
