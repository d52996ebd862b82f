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
 * A Gannet CURVE client (RFC 26) against a libzmq CURVE server: the handshake, encrypted
 * traffic both ways in every pattern, wrapped commands (SUBSCRIBE), large messages and long
 * streams, and a ZAP handler on the libzmq side that allows or refuses the client's key.
 */
@LibzmqInterop
class CurveClientInteropTest {
    /** The test keys of libzmq's test_security_curve. */
    static final String SERVER_PUBLIC = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    static final String SERVER_SECRET = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";
    static final String CLIENT_PUBLIC = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
    static final String CLIENT_SECRET = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";
    private static final byte[] NONE = new byte[0];

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void reqTalksToALibzmqCurveRep(String transport, LibzmqPeers peers) {
        LibzmqPeer rep = server(peers, SocketType.REP, "tcp".equals(transport) ? ANY_TCP : peers.ipcEndpoint("curve.sock"))
                .mode("echo").count(0).start();
        try (Context ctx = new Context(); Socket req = curveClient(ctx, SocketType.REQ)) {
            req.connect(rep.awaitReady(WAIT));
            for (int seq = 0; seq < 20; seq++) {
                GannetSide.send(req, List.of(), NONE, seq, 2, 100);
                GannetSide.expect(req, 0, NONE, seq, 2, 100);
            }
        }
    }

    @Test
    void dealerTalksToALibzmqCurveRouterWithAOneMegabyteMessage(LibzmqPeers peers) {
        LibzmqPeer router = server(peers, SocketType.ROUTER, ANY_TCP).mode("echo").count(0).start();
        try (Context ctx = new Context(); Socket dealer = curveClient(ctx, SocketType.DEALER)) {
            dealer.connect(router.awaitReady(WAIT));
            GannetSide.send(dealer, List.of(), NONE, 0, 1, 1 << 20);
            GannetSide.expect(dealer, 0, NONE, 0, 1, 1 << 20);
        }
    }

    @Test
    void aHundredThousandMessagesReachALibzmqCurvePullInOrder(LibzmqPeers peers) {
        int count = 100_000;
        LibzmqPeer pull = server(peers, SocketType.PULL, ANY_TCP).mode("recv").count(count).frames(2).size(16).start();
        try (Context ctx = new Context(); Socket push = curveClient(ctx, SocketType.PUSH)) {
            push.connect(pull.awaitReady(WAIT));
            for (int seq = 0; seq < count; seq++) {
                GannetSide.send(push, List.of(), NONE, seq, 1, 16);
            }
            assertEquals(count, pull.awaitDone(WAIT.multipliedBy(3)).count());
        }
    }

    @Test
    void subReceivesFromALibzmqCurveXpubThroughAnEncryptedSubscription(LibzmqPeers peers) {
        LibzmqPeer xpub = server(peers, SocketType.XPUB, ANY_TCP).mode("send").arg("--await-subscriptions", 1)
                .count(50).size(10).start();
        try (Context ctx = new Context(); Socket sub = curveClient(ctx, SocketType.SUB)) {
            sub.subscribe("");
            sub.connect(xpub.awaitReady(WAIT));
            for (int seq = 0; seq < 50; seq++) {
                GannetSide.expect(sub, 0, NONE, seq, 1, 10);
            }
        }
    }

    @Test
    void aZapHandlerThatKnowsTheClientKeyLetsItIn(LibzmqPeers peers) {
        LibzmqPeer rep = server(peers, SocketType.REP, ANY_TCP).arg("--zap", "curve=" + CLIENT_PUBLIC)
                .mode("echo").count(0).start();
        try (Context ctx = new Context(); Socket req = curveClient(ctx, SocketType.REQ)) {
            req.connect(rep.awaitReady(WAIT));
            GannetSide.send(req, List.of(), NONE, 0, 1, 10);
            GannetSide.expect(req, 0, NONE, 0, 1, 10);
            assertEquals("ZAP CURVE 200", rep.awaitLine("ZAP", WAIT));
        }
    }

    @Test
    void anUnknownClientKeyIsRefusedWithLibzmqsAuthEvent(LibzmqPeers peers) {
        LibzmqPeer rep = server(peers, SocketType.REP, ANY_TCP).arg("--zap", "curve=" + SERVER_PUBLIC)
                .mode("echo").count(0).start();
        try (Context ctx = new Context(); Socket req = curveClient(ctx, SocketType.REQ)) {
            Monitor monitor = GannetSide.monitorAll(req);
            req.connect(rep.awaitReady(WAIT));

            MonitorEvent failed = GannetSide.await(monitor, SocketEvent.HANDSHAKE_FAILED_AUTH);

            assertEquals(400, failed.value(), failed.toString());
            assertEquals("ZAP CURVE 400", rep.awaitLine("ZAP", WAIT));
        }
    }

    private static PeerSpec server(LibzmqPeers peers, SocketType type, String endpoint) {
        return peers.peer(type).monitor().option("CURVE_SERVER", 1).option("CURVE_SECRETKEY", SERVER_SECRET).bind(endpoint);
    }

    private static Socket curveClient(Context ctx, SocketType type) {
        Socket s = GannetSide.socket(ctx, type);
        s.set(SocketOption.CURVE_SERVERKEY, SERVER_PUBLIC.getBytes(StandardCharsets.US_ASCII));
        s.set(SocketOption.CURVE_PUBLICKEY, CLIENT_PUBLIC.getBytes(StandardCharsets.US_ASCII));
        s.set(SocketOption.CURVE_SECRETKEY, CLIENT_SECRET.getBytes(StandardCharsets.US_ASCII));
        return s;
    }
}
