package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Gannet socket (NULL mechanism) meets a libzmq peer that wants CURVE, in both roles. The
 * monitor event must name the mismatch, not just "peer closed the connection", and a
 * connecting Gannet socket must not retry: a mechanism mismatch is a protocol error, after
 * which libzmq does not reconnect either.
 */
@LibzmqInterop
class MechanismMismatchInteropTest {
    // Test-only CURVE key pairs (Z85), made with pyzmq's zmq.curve_keypair().
    private static final String SERVER_PUBLIC = "Q<hEAiB*{iGxTYWmgGUHGo#x=&)3%33MGuBT}GRr";
    private static final String SERVER_SECRET = "/)e=GwcqmL}nLt=1cWg9GIhSCHGRbz&$8yq=p{tS";
    private static final String CLIENT_PUBLIC = "pKF6-Y>]zeuxSlt^oP4J&H/-?-pSn]D^!B2N7>q1";
    private static final String CLIENT_SECRET = "O5Wy95r2+sxcHMu2L?XI[pl09mDR5p!L$tI-M@J3";
    private static final String MISMATCH = "peer's mechanism is CURVE, this socket's is NULL";
    /** libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH. */
    private static final long MECHANISM_MISMATCH = 0x11000002L;
    private static final int RECONNECT_IVL = 50;
    /** Long enough for ten reconnection attempts, were there any. */
    private static final Duration NO_RETRY_WINDOW = Duration.ofMillis(10 * RECONNECT_IVL);

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SocketType.class, names = {"REQ", "DEALER"})
    void gannetClientNamesTheMismatchWithACurveServerAndDoesNotRetry(SocketType type, LibzmqPeers peers) {
        LibzmqPeer server = peers.peer(SocketType.REP).bind(ANY_TCP)
                .option("CURVE_SERVER", 1).option("CURVE_SECRETKEY", SERVER_SECRET)
                .monitor().mode("lines").start();
        String endpoint = server.awaitReady(WAIT);
        try (Context ctx = new Context(); Socket client = GannetSide.socket(ctx, type)) {
            client.set(SocketOption.RECONNECT_IVL, RECONNECT_IVL);
            Monitor monitor = GannetSide.monitorAll(client);
            client.connect(endpoint);

            MonitorEvent failed = GannetSide.await(monitor, SocketEvent.HANDSHAKE_FAILED_PROTOCOL);

            assertEquals(MISMATCH, failed.detail(), failed.toString());
            assertEquals(MECHANISM_MISMATCH, failed.value(), failed.toString());
            assertEquals(endpoint, failed.endpoint());
            List<MonitorEvent> after = GannetSide.during(monitor, NO_RETRY_WINDOW);
            assertTrue(after.stream().noneMatch(e -> e.event() == SocketEvent.CONNECTED
                    || e.event() == SocketEvent.CONNECT_RETRIED), "no reconnection: " + after);
            long accepted = server.transcript().stream().filter(l -> l.startsWith("EVENT ACCEPTED")).count();
            assertEquals(1, accepted, String.join("\n", server.transcript()));
        }
    }

    @Test
    void gannetServerNamesTheMismatchWithACurveClient(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket server = GannetSide.socket(ctx, SocketType.REP)) {
            Monitor monitor = GannetSide.monitorAll(server);
            server.bind(ANY_TCP);
            peers.peer(SocketType.REQ).connect(server.lastEndpoint())
                    .option("CURVE_SERVERKEY", SERVER_PUBLIC).option("CURVE_PUBLICKEY", CLIENT_PUBLIC)
                    .option("CURVE_SECRETKEY", CLIENT_SECRET).mode("lines").start();

            MonitorEvent failed = GannetSide.await(monitor, SocketEvent.HANDSHAKE_FAILED_PROTOCOL);

            assertEquals(MISMATCH, failed.detail(), failed.toString());
            assertEquals(MECHANISM_MISMATCH, failed.value(), failed.toString());
        }
    }
}
