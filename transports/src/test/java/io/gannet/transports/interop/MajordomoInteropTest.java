package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.patterns.reliability.Heartbeat;
import io.gannet.patterns.reliability.MajordomoBroker;
import io.gannet.patterns.reliability.MajordomoClient;
import io.gannet.patterns.reliability.MajordomoWorker;
import io.gannet.patterns.reliability.RequestHandler;
import org.junit.jupiter.api.Test;

/**
 * Majordomo (RFC 7, MDP/0.1) between Gannet and a minimal libzmq implementation written from
 * the RFC ({@code mdp_peer.py}): libzmq workers and clients through Gannet's broker, Gannet's
 * worker and client through a libzmq broker, and workers on either side finding a broker that
 * was killed and restarted on the same tcp port.
 */
@LibzmqInterop
class MajordomoInteropTest {
    private static final String SCRIPT = "/interop/mdp_peer.py";
    private static final int HEARTBEAT_MS = 100;
    private static final Heartbeat HEARTBEAT = new Heartbeat(Duration.ofMillis(HEARTBEAT_MS), 3);
    private static final RequestHandler GANNET = req -> List.of(("java:" + new String(req.get(0))).getBytes());

    private static LibzmqPeer start(LibzmqPeers peers, String... args) {
        return peers.startScript(SCRIPT, List.of(args));
    }

    private static MajordomoWorker gannetWorker(Context ctx, String endpoint) {
        return MajordomoWorker.builder(ctx, endpoint, "echo", GANNET).heartbeat(HEARTBEAT)
                .reconnect(Duration.ofMillis(50), Duration.ofMillis(400)).build().start();
    }

    private static MajordomoClient gannetClient(Context ctx, String endpoint) {
        return MajordomoClient.builder(ctx, endpoint).timeout(Duration.ofMillis(500)).attempts(40).build();
    }

    private static MajordomoBroker gannetBroker(Context ctx, String endpoint) {
        return MajordomoBroker.builder(ctx, endpoint).heartbeat(HEARTBEAT).build().start();
    }

    @Test
    void libzmqWorkerAndClientTalkThroughGannetsBroker(LibzmqPeers peers) {
        try (Context ctx = new Context(); MajordomoBroker broker = gannetBroker(ctx, ANY_TCP);
                MajordomoClient javaClient = gannetClient(ctx, broker.endpoint())) {
            LibzmqPeer worker = start(peers, "worker", broker.endpoint(), "echo", String.valueOf(HEARTBEAT_MS));
            worker.awaitReady(WAIT);
            await("the libzmq worker registered", () -> broker.registeredWorkers() == 1);

            LibzmqPeer client = start(peers, "client", broker.endpoint(), "echo", "3", "500");
            assertEquals("MMI echo 200", client.awaitLine("MMI", WAIT));
            for (int i = 0; i < 3; i++) {
                assertEquals("REPLY py:py-" + i, client.awaitLine("REPLY", WAIT));
            }
            client.awaitDone(WAIT);
            assertEquals("py:from-java", javaClient.request("echo", "from-java"));
            assertTrue(worker.awaitLines("SERVED", 4, WAIT).size() == 4);
        }
    }

    @Test
    void gannetWorkerAndClientTalkThroughALibzmqBroker(LibzmqPeers peers) {
        LibzmqPeer broker = start(peers, "broker", ANY_TCP, String.valueOf(HEARTBEAT_MS));
        String endpoint = broker.awaitReady(WAIT);
        try (Context ctx = new Context(); MajordomoClient client = gannetClient(ctx, endpoint)) {
            try (MajordomoWorker worker = gannetWorker(ctx, endpoint)) {
                await("the broker knows the Gannet worker", () -> client.serviceAvailable("echo"));
                for (int i = 0; i < 5; i++) {
                    assertEquals("java:r" + i, client.request("echo", "r" + i));
                }
                assertEquals(5, worker.served());
                assertEquals("501", client.request("mmi.nothing", "x"));
            }
            // close() sent DISCONNECT: the libzmq broker forgets the worker at once.
            await("the broker forgot the closed worker", () -> !client.serviceAvailable("echo"));
        }
    }

    @Test
    void gannetWorkerReturnsToAKilledAndRestartedLibzmqBroker(LibzmqPeers peers) {
        LibzmqPeer first = start(peers, "broker", ANY_TCP, String.valueOf(HEARTBEAT_MS));
        String endpoint = first.awaitReady(WAIT);
        try (Context ctx = new Context(); MajordomoWorker worker = gannetWorker(ctx, endpoint);
                MajordomoClient client = gannetClient(ctx, endpoint)) {
            assertEquals("java:before", client.request("echo", "before"));

            first.close(); // SIGKILL
            await("the worker notices the broker is gone", () -> worker.reconnects() >= 1);
            LibzmqPeer second = start(peers, "broker", endpoint, String.valueOf(HEARTBEAT_MS));
            second.awaitReady(WAIT);
            assertEquals("java:after", client.request("echo", "after"));
            assertTrue(worker.served() >= 2);
        }
    }

    @Test
    void libzmqWorkerReturnsToAClosedAndRestartedGannetBroker(LibzmqPeers peers) {
        try (Context ctx = new Context()) {
            MajordomoBroker first = gannetBroker(ctx, ANY_TCP);
            String endpoint = first.endpoint();
            LibzmqPeer worker = start(peers, "worker", endpoint, "echo", String.valueOf(HEARTBEAT_MS));
            worker.awaitReady(WAIT);
            try (MajordomoClient client = gannetClient(ctx, endpoint)) {
                await("the libzmq worker registered", () -> first.registeredWorkers() == 1);
                assertEquals("py:before", client.request("echo", "before"));
                first.close();
                try (MajordomoBroker second = untilBound(() -> gannetBroker(ctx, endpoint))) {
                    await("the libzmq worker registered again", () -> second.registeredWorkers() == 1);
                    assertEquals("py:after", client.request("echo", "after"));
                }
            }
        }
    }

    /** Waits until {@code condition} holds, checking every few milliseconds, failing after {@link GannetSide#WAIT}. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    private static MajordomoBroker untilBound(Supplier<MajordomoBroker> create) {
        MajordomoBroker[] made = new MajordomoBroker[1];
        await("the port is free to bind again", () -> {
            try {
                made[0] = create.get();
                return true;
            } catch (GannetException e) {
                if (e.code() != ErrorCode.EADDRINUSE) {
                    throw e;
                }
                return false;
            }
        });
        return made[0];
    }
}
