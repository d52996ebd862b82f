package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
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
 * A Gannet PLAIN client (RFC 24) against a libzmq PLAIN server whose ZAP handler checks the
 * user name and password: traffic flows when they are right, and when they are wrong the
 * Gannet socket reports what a libzmq client reports ({@code HANDSHAKE_FAILED_AUTH}, 400).
 */
@LibzmqInterop
class PlainClientInteropTest {
    private static final byte[] NONE = new byte[0];
    private static final String USER = "admin";
    private static final String PASSWORD = "secret";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void reqTalksToALibzmqPlainRep(String transport, LibzmqPeers peers) {
        LibzmqPeer rep = server(peers, SocketType.REP, "tcp".equals(transport) ? ANY_TCP : peers.ipcEndpoint("plain.sock"));
        try (Context ctx = new Context(); Socket req = plainClient(ctx, SocketType.REQ, PASSWORD)) {
            req.connect(rep.awaitReady(WAIT));
            for (int seq = 0; seq < 20; seq++) {
                GannetSide.send(req, List.of(), NONE, seq, 1, 100);
                GannetSide.expect(req, 0, NONE, seq, 1, 100);
            }
            assertEquals("ZAP PLAIN 200", rep.awaitLine("ZAP", WAIT));
        }
    }

    @Test
    void dealerTalksToALibzmqPlainRouterWithAOneMegabyteMessage(LibzmqPeers peers) {
        LibzmqPeer router = server(peers, SocketType.ROUTER, ANY_TCP);
        try (Context ctx = new Context(); Socket dealer = plainClient(ctx, SocketType.DEALER, PASSWORD)) {
            dealer.connect(router.awaitReady(WAIT));
            GannetSide.send(dealer, List.of(), NONE, 0, 1, 1 << 20);
            GannetSide.expect(dealer, 0, NONE, 0, 1, 1 << 20);
            assertEquals("ZAP PLAIN 200", router.awaitLine("ZAP", WAIT));
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithLibzmqsAuthEvent(LibzmqPeers peers) {
        LibzmqPeer rep = server(peers, SocketType.REP, ANY_TCP);
        try (Context ctx = new Context(); Socket req = plainClient(ctx, SocketType.REQ, "wrong")) {
            Monitor monitor = GannetSide.monitorAll(req);
            req.connect(rep.awaitReady(WAIT));

            MonitorEvent failed = GannetSide.await(monitor, SocketEvent.HANDSHAKE_FAILED_AUTH);

            assertEquals(400, failed.value(), failed.toString());
            assertEquals("ZAP PLAIN 400", rep.awaitLine("ZAP", WAIT));
        }
    }

    private static LibzmqPeer server(LibzmqPeers peers, SocketType type, String endpoint) {
        return peers.peer(type).option("PLAIN_SERVER", 1).arg("--zap", "plain=" + USER + ":" + PASSWORD)
                .bind(endpoint).mode("echo").count(0).start();
    }

    private static Socket plainClient(Context ctx, SocketType type, String password) {
        Socket s = GannetSide.socket(ctx, type);
        s.set(SocketOption.PLAIN_USERNAME, USER.getBytes(StandardCharsets.UTF_8));
        s.set(SocketOption.PLAIN_PASSWORD, password.getBytes(StandardCharsets.UTF_8));
        return s;
    }
}
