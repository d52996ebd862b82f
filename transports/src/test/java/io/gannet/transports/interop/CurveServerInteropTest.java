package io.gannet.transports.interop;

import static io.gannet.transports.interop.CurveClientInteropTest.CLIENT_PUBLIC;
import static io.gannet.transports.interop.CurveClientInteropTest.CLIENT_SECRET;
import static io.gannet.transports.interop.CurveClientInteropTest.SERVER_PUBLIC;
import static io.gannet.transports.interop.CurveClientInteropTest.SERVER_SECRET;
import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import io.gannet.Z85;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.gannet.Msg;
import io.gannet.Multipart;

/**
 * A Gannet CURVE server (RFC 26) against libzmq CURVE clients: the handshake, encrypted
 * traffic in every pattern, 1 MB messages and a 100,000-message stream, with and without a
 * ZAP handler on the Gannet side, and each refusal reported as libzmq reports it on both
 * sides (a wrong server key, an unknown client key).
 */
@LibzmqInterop
class CurveServerInteropTest {
    private static final byte[] NONE = new byte[0];
    private static final int COUNT = 20;
    private static final int SIZE = 100;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void aLibzmqReqTalksToAGannetCurveRep(String transport, LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket rep = curveServer(ctx, SocketType.REP)) {
            rep.bind("tcp".equals(transport) ? ANY_TCP : peers.ipcEndpoint("curve-server.sock"));
            LibzmqPeer req = client(peers, SocketType.REQ, SERVER_PUBLIC).connect(endpoint(rep))
                    .mode("req").count(COUNT).size(SIZE).start();
            echo(rep, COUNT, 0, SIZE);
            assertEquals(COUNT, req.awaitDone(WAIT).count());
        }
    }

    @Test
    void aZapHandlerOnTheGannetSideLetsAKnownLibzmqDealerInWithAOneMegabyteMessage(LibzmqPeers peers)
            throws Exception {
        try (Context ctx = new Context();
             GannetZapHandler zap = new GannetZapHandler(ctx, r -> List.of(GannetZapHandler.ascii(
                     Z85.encode(r.credentials().get(0)).equals(CLIENT_PUBLIC) ? "200" : "400"),
                     GannetZapHandler.ascii("OK"), GannetZapHandler.ascii("alice"), new byte[0]));
             Socket router = curveServer(ctx, SocketType.ROUTER)) {
            router.set(SocketOption.ZAP_DOMAIN, "global");
            router.bind(ANY_TCP);
            LibzmqPeer dealer = client(peers, SocketType.DEALER, SERVER_PUBLIC).connect(endpoint(router))
                    .mode("req").count(2).size(1 << 20).start();
            GannetZapHandler.Request request = zap.next(WAIT);
            assertEquals("1.0", request.version());
            assertEquals("1", request.requestId());
            assertEquals("global", request.domain());
            assertEquals("127.0.0.1", request.address());
            assertEquals("CURVE", request.mechanism());
            assertArrayEquals(Z85.decode(CLIENT_PUBLIC), request.credentials().get(0));
            echo(router, 2, 1, 1 << 20);
            assertEquals(2, dealer.awaitDone(WAIT).count());
        }
    }

    @Test
    void oneMegabyteMessagesGoBothWaysBetweenAGannetCurveServerWithoutZapAndALibzmqDealer(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket router = curveServer(ctx, SocketType.ROUTER)) {
            router.bind(ANY_TCP); // no ZAP handler: CURVE then admits any client that knows the server key
            LibzmqPeer dealer = client(peers, SocketType.DEALER, SERVER_PUBLIC).connect(endpoint(router))
                    .mode("req").count(3).size(1 << 20).start();
            echo(router, 3, 1, 1 << 20); // every request checked byte for byte, then sent back
            assertEquals(3, dealer.awaitDone(WAIT).count()); // the peer checks each reply equals its request
        }
    }

    @Test
    void aHundredThousandMessagesFromALibzmqPushReachAGannetCurvePullInOrder(LibzmqPeers peers) {
        int count = 100_000;
        try (Context ctx = new Context(); Socket pull = curveServer(ctx, SocketType.PULL)) {
            pull.bind(ANY_TCP);
            LibzmqPeer push = client(peers, SocketType.PUSH, SERVER_PUBLIC).connect(endpoint(pull))
                    .mode("send").count(count).size(16).start();
            for (int seq = 0; seq < count; seq++) {
                GannetSide.expect(pull, 0, NONE, seq, 1, 16);
            }
            assertEquals(count, push.awaitDone(WAIT).count());
        }
    }

    @Test
    void aGannetCurvePubReachesALibzmqSub(LibzmqPeers peers) throws InterruptedException {
        try (Context ctx = new Context(); Socket pub = curveServer(ctx, SocketType.PUB)) {
            pub.bind(ANY_TCP);
            LibzmqPeer sub = client(peers, SocketType.SUB, SERVER_PUBLIC).connect(endpoint(pub))
                    .subscribe("").mode("sub").count(0).start();
            // The subscription travels encrypted; publish until the subscriber has it.
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (int k = 0; sub.pollLine("TOPIC") == null; k++) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no message reached the libzmq subscriber");
                }
                GannetSide.send(pub, List.of(), NONE, k, 1, 10);
                Thread.sleep(10);
            }
            sub.stop();
            sub.awaitDone(WAIT);
        }
    }

    @Test
    void aLibzmqClientWithTheWrongServerKeyIsRefusedAsLibzmqRefusesIt(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket rep = curveServer(ctx, SocketType.REP)) {
            Monitor monitor = GannetSide.monitorAll(rep);
            rep.bind(ANY_TCP);
            LibzmqPeer req = client(peers, SocketType.REQ, CLIENT_PUBLIC).monitor().connect(endpoint(rep))
                    .mode("echo").count(0).start();
            req.awaitReady(WAIT);

            MonitorEvent failed = GannetSide.await(monitor, SocketEvent.HANDSHAKE_FAILED_PROTOCOL);

            assertEquals(0x11000001, failed.value(), failed.toString()); // ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC
            req.awaitLine("EVENT DISCONNECTED", WAIT); // a libzmq server closes without a word, too
        }
    }

    @Test
    void anUnknownClientKeyIsRefusedWithLibzmqsAuthEventOnBothSides(LibzmqPeers peers) throws Exception {
        try (Context ctx = new Context();
             GannetZapHandler zap = new GannetZapHandler(ctx, GannetZapHandler.status("400", ""));
             Socket rep = curveServer(ctx, SocketType.REP)) {
            Monitor monitor = GannetSide.monitorAll(rep);
            rep.bind(ANY_TCP);
            LibzmqPeer req = client(peers, SocketType.REQ, SERVER_PUBLIC).monitor().connect(endpoint(rep))
                    .mode("echo").count(0).start();

            MonitorEvent failed = GannetSide.await(monitor, SocketEvent.HANDSHAKE_FAILED_AUTH);

            assertEquals(400, failed.value(), failed.toString());
            assertEquals("EVENT HANDSHAKE_FAILED_AUTH 400 " + endpoint(rep),
                    req.awaitLine("EVENT HANDSHAKE_FAILED_AUTH", WAIT));
            zap.next(WAIT);
        }
    }

    @Test
    void aGannetCurveClientTalksToAGannetCurveServerOverIpcThroughItsZapHandler(LibzmqPeers peers) throws Exception {
        try (Context ctx = new Context();
             GannetZapHandler zap = new GannetZapHandler(ctx, GannetZapHandler.status("200", "carol"));
             Socket rep = curveServer(ctx, SocketType.REP); Socket req = GannetSide.socket(ctx, SocketType.REQ)) {
            rep.bind(peers.ipcEndpoint("gannet-curve.sock"));
            req.set(SocketOption.CURVE_SERVERKEY, SERVER_PUBLIC.getBytes(StandardCharsets.US_ASCII));
            req.set(SocketOption.CURVE_SECRETKEY, CLIENT_SECRET.getBytes(StandardCharsets.US_ASCII));
            req.set(SocketOption.ROUTING_ID, "gannet-req".getBytes(StandardCharsets.US_ASCII));
            req.connect(rep.lastEndpoint());
            req.send("hello");
            try (Msg m = new Msg()) {
                rep.recv(m, 0);
                assertEquals("hello", m.string());
                assertEquals("carol", m.property("User-Id"));
                assertEquals("REQ", m.property("Socket-Type"));
                assertEquals("gannet-req", m.property("Identity"));
                assertEquals(null, m.property("Peer-Address"), "ipc has no IP address");
            }
            rep.send("world");
            assertEquals("world", req.recvString());
            assertArrayEquals(Z85.decode(CLIENT_PUBLIC), zap.next(WAIT).credentials().get(0));
        }
    }

    static Socket curveServer(Context ctx, SocketType type) {
        Socket s = GannetSide.socket(ctx, type);
        s.set(SocketOption.CURVE_SERVER, true);
        s.set(SocketOption.CURVE_SECRETKEY, SERVER_SECRET.getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static PeerSpec client(LibzmqPeers peers, SocketType type, String serverKey) {
        return peers.peer(type).option("CURVE_SERVERKEY", serverKey).option("CURVE_PUBLICKEY", CLIENT_PUBLIC)
                .option("CURVE_SECRETKEY", CLIENT_SECRET);
    }

    static String endpoint(Socket s) {
        return s.lastEndpoint();
    }

    /** Receives {@code count} requests (behind {@code envelope} frames) and sends each back. */
    static void echo(Socket s, int count, int envelope, int size) {
        for (int seq = 0; seq < count; seq++) {
            Multipart m = GannetSide.recv(s);
            GannetSide.check(m, envelope + (s.type() == SocketType.ROUTER ? 1 : 0), NONE, seq, 1, size);
            if (!s.send(m)) {
                m.close();
                throw new AssertionError("reply " + seq + " not sent");
            }
        }
    }
}
