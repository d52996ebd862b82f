package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection health against libzmq: heartbeats both ways (RFC 37 PING/PONG), and a Gannet
 * connecting socket that reconnects to a libzmq peer restarted on the same endpoint.
 *
 * <p>Checks that something does <em>not</em> happen watch a short window ({@link #IDLE},
 * more than three heartbeat timeouts) through the monitors, not a sleep followed by a guess.
 */
@LibzmqInterop
class ConnectionInteropTest {
    private static final Duration IDLE = Duration.ofMillis(1200);
    private static final byte[] NONE = new byte[0];

    @ParameterizedTest(name = "gannet binds={0}")
    @ValueSource(booleans = {true, false})
    void gannetHeartbeatsDropAFrozenLibzmqPeer(boolean gannetBinds, LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket pull = GannetSide.socket(ctx, SocketType.PULL)) {
            pull.set(SocketOption.HEARTBEAT_IVL, 100);
            pull.set(SocketOption.HEARTBEAT_TIMEOUT, 300);
            Monitor monitor = GannetSide.monitorAll(pull);
            PeerSpec spec = peers.peer(SocketType.PUSH).mode("heartbeat-silent");
            LibzmqPeer silent;
            if (gannetBinds) {
                pull.bind(ANY_TCP);
                silent = spec.connect(pull.lastEndpoint()).start();
            } else {
                silent = spec.bind(ANY_TCP).start();
                pull.connect(silent.awaitReady(WAIT));
            }
            GannetSide.await(monitor, SocketEvent.HANDSHAKE_SUCCEEDED);
            silent.awaitLine("SILENT", WAIT);

            MonitorEvent dropped = GannetSide.await(monitor, SocketEvent.DISCONNECTED);

            assertTrue(dropped.endpoint().startsWith("tcp://127.0.0.1:"), dropped.toString());
        }
    }

    @Test
    void libzmqHeartbeatsKeepAnIdleGannetPeerConnected(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket push = GannetSide.socket(ctx, SocketType.PUSH)) {
            push.bind(ANY_TCP);
            LibzmqPeer pull = peers.peer(SocketType.PULL).connect(push.lastEndpoint()).monitor()
                    .option("HEARTBEAT_IVL", 100).option("HEARTBEAT_TIMEOUT", 300).mode("lines").start();
            pull.awaitLine("EVENT HANDSHAKE_SUCCEEDED", WAIT);

            // Gannet sends nothing of its own: only its PONGs keep libzmq from timing out.
            awaitQuiet(pull, IDLE);

            assertTrue(push.send(PeerMessages.header(NONE, 7)));
            assertArrayEquals(PeerMessages.header(NONE, 7), pull.recv(WAIT).get(0), "the first connection still carries traffic");
            assertTrue(pull.transcript().stream().noneMatch(line -> line.startsWith("EVENT DISCONNECTED")),
                    String.join("\n", pull.transcript()));
        }
    }

    @Test
    void gannetHeartbeatsKeepAnIdleLibzmqPeerConnected(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket pull = GannetSide.socket(ctx, SocketType.PULL)) {
            pull.set(SocketOption.HEARTBEAT_IVL, 100);
            pull.set(SocketOption.HEARTBEAT_TIMEOUT, 300);
            Monitor monitor = GannetSide.monitorAll(pull);
            pull.bind(ANY_TCP);
            LibzmqPeer idle = peers.peer(SocketType.PUSH).connect(pull.lastEndpoint())
                    .mode("heartbeat-silent").arg("--how", "idle").start();
            GannetSide.await(monitor, SocketEvent.HANDSHAKE_SUCCEEDED);
            idle.awaitLine("SILENT", WAIT);

            // The libzmq application is idle; only libzmq's PONGs answer Gannet's PINGs.
            List<MonitorEvent> events = GannetSide.during(monitor, IDLE);

            assertTrue(events.stream().noneMatch(e -> e.event() == SocketEvent.DISCONNECTED), events.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void gannetReconnectsToARestartedLibzmqPeer(String transport, LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket push = GannetSide.socket(ctx, SocketType.PUSH)) {
            Monitor monitor = GannetSide.monitorAll(push);
            LibzmqPeer first = peers.peer(SocketType.PULL)
                    .bind("tcp".equals(transport) ? ANY_TCP : peers.ipcEndpoint("restart.sock")).mode("lines").start();
            String endpoint = first.awaitReady(WAIT);
            push.connect(endpoint);
            GannetSide.await(monitor, SocketEvent.HANDSHAKE_SUCCEEDED);
            assertTrue(push.send(PeerMessages.header(NONE, 0)));
            assertArrayEquals(PeerMessages.header(NONE, 0), first.recv(WAIT).get(0));

            first.close(); // SIGKILL: no goodbye on the wire beyond the kernel's FIN/RST
            GannetSide.await(monitor, SocketEvent.DISCONNECTED);
            LibzmqPeer second = peers.peer(SocketType.PULL).bind(endpoint).mode("recv").count(100).start();
            assertEquals(endpoint, second.awaitReady(WAIT));
            GannetSide.await(monitor, SocketEvent.HANDSHAKE_SUCCEEDED);

            for (int seq = 0; seq < 100; seq++) {
                GannetSide.send(push, List.of(), NONE, seq, 0, 0);
            }
            PeerSummary got = second.awaitDone(WAIT);
            assertEquals(100, got.count(), got.text());
            assertEquals(0, got.getLong("gaps"));
        }
    }

    /** Watches the peer's monitor lines for {@code window}; fails at once on a DISCONNECTED. */
    private static void awaitQuiet(LibzmqPeer peer, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : peer.transcript()) {
                assertTrue(!line.startsWith("EVENT DISCONNECTED") && !line.startsWith("EVENT CLOSED"),
                        "libzmq dropped the idle Gannet peer: " + line);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
