package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

import org.junit.jupiter.api.Test;

/**
 * PLAIN (RFC 24) traffic between Gannet and libzmq beyond request and reply: PUB/SUB with
 * either side the PLAIN server (topic filtering and order under PLAIN), and a stream of
 * 100,000 messages each way, every one checked in order. Where Gannet is the server its
 * ZAP handler is a Gannet REP socket; where libzmq is, the peer's own handler checks the
 * password (libzmq 4.3 refuses PLAIN clients without one).
 */
@LibzmqInterop
class PlainStreamInteropTest {
    private static final String USER = "admin";
    private static final String PASSWORD = "secret";
    private static final int ROUNDS = 50;
    private static final int STREAM = 100_000;
    private static final byte[] NONE = new byte[0];
    private static final byte[] A = ascii("A");
    private static final byte[] B = ascii("B");
    private static final byte[] C = ascii("C");
    private static final byte[] END = ascii("Aend");

    @Test
    void aGannetPlainServerPubReachesALibzmqPlainSubInOrderFilteredByTopic(LibzmqPeers peers) throws Exception {
        try (Context ctx = new Context(); GannetZapHandler zap = new GannetZapHandler(ctx, passwordCheck());
             Socket pub = PlainServerInteropTest.plainServer(ctx, SocketType.PUB)) {
            pub.bind(ANY_TCP);
            LibzmqPeer sub = plainClient(peers.peer(SocketType.SUB)).connect(pub.lastEndpoint()).mode("lines").start();
            sub.awaitReady(WAIT);
            assertEquals("OK", sub.command("sub " + PeerMessages.hex(A), WAIT));

            // The subscription travels after the handshake: publish warm-ups until one arrives.
            byte[] warm = PeerMessages.header(ascii("Aw"), 0);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sub.recv(Duration.ofMillis(20)) == null) {
                assertTrue(System.nanoTime() < deadline, "no warm-up message reached the libzmq subscriber");
                assertTrue(pub.send(warm));
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (byte[] topic : new byte[][] {A, B, C}) {
                    assertTrue(pub.send(PeerMessages.header(topic, round)));
                }
            }
            assertTrue(pub.send(END));

            List<String> got = new ArrayList<>();
            while (true) {
                List<byte[]> m = sub.recv(WAIT);
                assertTrue(m != null, "the end marker arrives");
                String text = new String(m.get(0), StandardCharsets.US_ASCII);
                if (text.equals("Aend")) {
                    break;
                }
                if (!text.startsWith("Aw")) {
                    got.add(text);
                }
            }
            assertEquals(onlyA(), got);
            assertEquals("PLAIN", zap.next(WAIT).mechanism());
        }
    }

    @Test
    void aLibzmqPlainServerPubReachesAGannetPlainSubInOrderFilteredByTopic(LibzmqPeers peers) {
        LibzmqPeer pub = peers.peer(SocketType.PUB).option("PLAIN_SERVER", 1).arg("--zap", "plain=" + USER + ":" + PASSWORD)
                .bind(ANY_TCP).mode("lines").start();
        try (Context ctx = new Context(); Socket sub = plainClient(ctx, SocketType.SUB)) {
            sub.subscribe(A);
            sub.connect(pub.awaitReady(WAIT));

            byte[] warm = PeerMessages.header(ascii("Aw"), 0);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                pub.send(WAIT, warm);
                Msg m = sub.recv(Duration.ofMillis(20));
                if (m != null) {
                    m.close();
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "no warm-up message reached the Gannet subscriber");
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (byte[] topic : new byte[][] {A, B, C}) {
                    pub.writeLine("send " + PeerMessages.hex(PeerMessages.header(topic, round)));
                }
            }
            pub.writeLine("send " + PeerMessages.hex(END));

            List<String> got = new ArrayList<>();
            while (true) {
                try (Multipart m = GannetSide.recv(sub)) {
                    String text = m.getString(0);
                    if (text.equals("Aend")) {
                        break;
                    }
                    if (!text.startsWith("Aw")) {
                        got.add(text);
                    }
                }
            }
            assertEquals(onlyA(), got);
            assertEquals("ZAP PLAIN 200", pub.awaitLine("ZAP", WAIT));
        }
    }

    @Test
    void aHundredThousandMessagesFromALibzmqPlainPushReachAGannetPlainServerPullInOrder(LibzmqPeers peers)
            throws Exception {
        try (Context ctx = new Context(); GannetZapHandler zap = new GannetZapHandler(ctx, passwordCheck());
             Socket pull = PlainServerInteropTest.plainServer(ctx, SocketType.PULL)) {
            pull.bind(ANY_TCP);
            LibzmqPeer push = plainClient(peers.peer(SocketType.PUSH)).connect(pull.lastEndpoint())
                    .mode("send").count(STREAM).size(16).start();
            for (int seq = 0; seq < STREAM; seq++) {
                GannetSide.expect(pull, 0, NONE, seq, 1, 16);
            }
            assertEquals(STREAM, push.awaitDone(WAIT).count());
            assertEquals("PLAIN", zap.next(WAIT).mechanism());
        }
    }

    @Test
    void aHundredThousandMessagesFromAGannetPlainPushReachALibzmqPlainServerPullInOrder(LibzmqPeers peers) {
        LibzmqPeer pull = peers.peer(SocketType.PULL).option("PLAIN_SERVER", 1).arg("--zap", "plain=" + USER + ":" + PASSWORD)
                .bind(ANY_TCP).mode("recv").count(STREAM).frames(2).size(16).start();
        try (Context ctx = new Context(); Socket push = plainClient(ctx, SocketType.PUSH)) {
            push.connect(pull.awaitReady(WAIT));
            for (int seq = 0; seq < STREAM; seq++) {
                GannetSide.send(push, List.of(), NONE, seq, 1, 16);
            }
            // recv checks every sequence number arrives once, in order, with its payload.
            assertEquals(STREAM, pull.awaitDone(WAIT.multipliedBy(3)).count());
            assertEquals("ZAP PLAIN 200", pull.awaitLine("ZAP", WAIT));
        }
    }

    private static List<String> onlyA() {
        List<String> want = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            want.add(new String(PeerMessages.header(A, round), StandardCharsets.US_ASCII));
        }
        return want;
    }

    private static PeerSpec plainClient(PeerSpec spec) {
        return spec.option("PLAIN_USERNAME", USER).option("PLAIN_PASSWORD", PASSWORD);
    }

    private static Socket plainClient(Context ctx, SocketType type) {
        Socket s = GannetSide.socket(ctx, type);
        s.set(SocketOption.PLAIN_USERNAME, USER.getBytes(StandardCharsets.UTF_8));
        s.set(SocketOption.PLAIN_PASSWORD, PASSWORD.getBytes(StandardCharsets.UTF_8));
        return s;
    }

    /** Accepts USER with PASSWORD, refuses anything else with 400. */
    private static Function<GannetZapHandler.Request, List<byte[]>> passwordCheck() {
        return r -> {
            boolean ok = r.mechanism().equals("PLAIN") && r.credential(0).equals(USER) && r.credential(1).equals(PASSWORD);
            return List.of(GannetZapHandler.ascii(ok ? "200" : "400"), GannetZapHandler.ascii(ok ? "OK" : "denied"),
                    GannetZapHandler.ascii(ok ? USER : ""), new byte[0]);
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
