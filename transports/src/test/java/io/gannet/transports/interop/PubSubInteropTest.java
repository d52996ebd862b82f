package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketType;

import org.junit.jupiter.api.Test;

/**
 * Topic filtering and subscription forwarding between Gannet and libzmq.
 *
 * <p>Subscriptions are made both before the connection exists and after its handshake.
 * A publisher cannot tell when a subscription has reached it, so each test first sends
 * warm-up messages ({@code <topic>w...}) until one per subscribed topic got through; then
 * {@value #ROUNDS} rounds of topics A, B and C, ending with an {@code A} marker. Everything
 * before the marker is checked: only subscribed topics, in publishing order.
 */
@LibzmqInterop
class PubSubInteropTest {
    private static final int ROUNDS = 50;
    private static final byte[] A = bytes("A");
    private static final byte[] B = bytes("B");
    private static final byte[] C = bytes("C");
    private static final byte[] END = bytes("Aend");

    @Test
    void gannetSubFiltersLibzmqPubWithSubscriptionsBeforeAndAfterConnect(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket sub = GannetSide.socket(ctx, SocketType.SUB)) {
            LibzmqPeer pub = peers.peer(SocketType.PUB).bind(ANY_TCP).mode("lines").start();
            sub.subscribe(A);
            Monitor monitor = sub.monitor(EnumSet.of(SocketEvent.HANDSHAKE_SUCCEEDED));
            sub.connect(pub.awaitReady(WAIT));
            GannetSide.await(monitor, SocketEvent.HANDSHAKE_SUCCEEDED);
            sub.subscribe(B);

            Set<Character> warmed = new HashSet<>();
            warmUp(() -> {
                pub.send(WAIT, warm(A));
                pub.send(WAIT, warm(B));
            }, () -> {
                for (String text : drainWarmUps(sub)) {
                    warmed.add(text.charAt(0));
                }
                return warmed.size();
            }, 2);
            for (int round = 0; round < ROUNDS; round++) {
                for (byte[] topic : new byte[][] {A, B, C}) {
                    pub.writeLine("send " + PeerMessages.hex(PeerMessages.header(topic, round)));
                }
            }
            pub.writeLine("send " + PeerMessages.hex(END));
            assertEquals(expected(A, B), received(sub));
            pub.awaitLines("SENT", 3 * ROUNDS + 1, WAIT);

            // Cancelling B leaves only A. The cancel has taken effect once an A arrives
            // without the B published just before it.
            sub.unsubscribe(B);
            int[] probe = {1000};
            warmUp(() -> {
                probe[0]++;
                pub.send(WAIT, PeerMessages.header(B, probe[0]));
                pub.send(WAIT, PeerMessages.header(A, probe[0]));
            }, () -> {
                List<String> got = drainWarmUps(sub);
                return got.contains(topicSeq(A, probe[0])) && !got.contains(topicSeq(B, probe[0])) ? 1 : 0;
            }, 1);
            for (int round = 0; round < ROUNDS; round++) {
                pub.send(WAIT, PeerMessages.header(B, round));
                pub.send(WAIT, PeerMessages.header(A, round));
            }
            pub.send(WAIT, END);
            List<String> after = received(sub);
            List<String> onlyA = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                onlyA.add(topicSeq(A, round));
            }
            assertEquals(onlyA, after.subList(after.size() - ROUNDS, after.size()));
            assertTrue(after.stream().noneMatch(text -> text.startsWith("B")), "B was cancelled: " + after);
        }
    }

    @Test
    void libzmqSubFiltersGannetPubWithSubscriptionsBeforeAndAfterConnect(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket pub = GannetSide.socket(ctx, SocketType.PUB)) {
            LibzmqPeer sub = peers.peer(SocketType.SUB).bind(ANY_TCP).monitor().mode("lines").start();
            String endpoint = sub.awaitReady(WAIT);
            assertEquals("OK", sub.command("sub " + PeerMessages.hex(A), WAIT));
            pub.connect(endpoint);
            sub.awaitLine("EVENT HANDSHAKE_SUCCEEDED", WAIT);
            assertEquals("OK", sub.command("sub " + PeerMessages.hex(B), WAIT));

            warmUp(() -> {
                assertTrue(pub.send(warm(A)));
                assertTrue(pub.send(warm(B)));
            }, () -> {
                int seen = 0;
                for (List<byte[]> m = sub.recv(Duration.ofMillis(20)); m != null; m = sub.recv(Duration.ofMillis(20))) {
                    seen |= m.get(0)[0] == 'A' ? 1 : 2;
                }
                return Integer.bitCount(seen);
            }, 2);
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
                if (!text.contains("w")) {
                    got.add(text);
                }
            }
            assertEquals(expected(A, B), got);
        }
    }

    @Test
    void gannetXpubSeesLibzmqSubscribeAndCancel(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket xpub = GannetSide.socket(ctx, SocketType.XPUB)) {
            xpub.bind(ANY_TCP);
            LibzmqPeer sub = peers.peer(SocketType.SUB).connect(xpub.lastEndpoint()).mode("lines").start();
            sub.awaitReady(WAIT);
            assertEquals("OK", sub.command("sub " + PeerMessages.hex(A), WAIT));
            assertEquals("OK", sub.command("sub " + PeerMessages.hex(B), WAIT));
            assertEquals("OK", sub.command("unsub " + PeerMessages.hex(A), WAIT));

            assertArrayEquals(new byte[] {1, 'A'}, xpub.recvBytes(0));
            assertArrayEquals(new byte[] {1, 'B'}, xpub.recvBytes(0));
            assertArrayEquals(new byte[] {0, 'A'}, xpub.recvBytes(0));

            // The forwarded state is live: B reaches the subscriber, A no longer does.
            assertTrue(xpub.send(PeerMessages.header(A, 0)));
            assertTrue(xpub.send(PeerMessages.header(B, 0)));
            List<byte[]> m = sub.recv(WAIT);
            assertArrayEquals(PeerMessages.header(B, 0), m.get(0));
        }
    }

    @Test
    void libzmqXpubSeesGannetSubscribeAndCancel(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket sub = GannetSide.socket(ctx, SocketType.SUB)) {
            LibzmqPeer xpub = peers.peer(SocketType.XPUB).bind(ANY_TCP).mode("xpub").count(3).start();
            sub.subscribe(A);
            Monitor monitor = sub.monitor(EnumSet.of(SocketEvent.HANDSHAKE_SUCCEEDED));
            sub.connect(xpub.awaitReady(WAIT));
            GannetSide.await(monitor, SocketEvent.HANDSHAKE_SUCCEEDED);
            assertNull(sub.recv(Duration.ofMillis(1)), "a subscriber waits in recv, which takes in the new pipe");
            assertEquals("SUB 41", xpub.awaitLine("SUB", WAIT), "made before connect, sent after the handshake");
            sub.subscribe(B);
            sub.unsubscribe(A);
            assertEquals("SUB 42", xpub.awaitLine("SUB", WAIT));
            assertEquals("UNSUB 41", xpub.awaitLine("UNSUB", WAIT));
            assertEquals(3, xpub.awaitDone(WAIT).count());
        }
    }

    /**
     * libzmq attaches a connecting socket's pipe inside {@code connect()}, so a SUB's earlier
     * subscriptions go out after the handshake even if the application never calls the
     * socket again. Gannet attaches the pipe through the socket's mailbox, which only runs
     * when the application next enters the socket (send, recv, subscribe...).
     */
    @Test
    void subscriptionMadeBeforeConnectReachesLibzmqWhileTheSubIsIdle(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket sub = GannetSide.socket(ctx, SocketType.SUB)) {
            LibzmqPeer xpub = peers.peer(SocketType.XPUB).bind(ANY_TCP).mode("xpub").count(1)
                    .timeout(Duration.ofSeconds(3)).start();
            sub.subscribe(A);
            sub.connect(xpub.awaitReady(WAIT));

            assertEquals("SUB 41", xpub.awaitLine("SUB", WAIT), "sent without further calls on the SUB");
        }
    }

    /** Runs {@code send} until {@code seen} reports {@code wanted} topics got through. */
    private static void warmUp(Runnable send, IntSupplier seen, int wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int got = 0;
        while (got < wanted) {
            assertTrue(System.nanoTime() < deadline, "warm-up messages never got through");
            send.run();
            got = Math.max(got, seen.getAsInt());
        }
    }

    /** Warm-up messages received so far by a Gannet subscriber, as topic+seq strings. */
    private static List<String> drainWarmUps(Socket sub) {
        List<String> got = new ArrayList<>();
        for (Msg m = sub.recv(Duration.ofMillis(20)); m != null; m = sub.recv(Duration.ofMillis(20))) {
            got.add(m.string());
            m.close();
        }
        return got;
    }

    /** Everything a Gannet subscriber gets up to the end marker, warm-ups left out. */
    private static List<String> received(Socket sub) {
        List<String> got = new ArrayList<>();
        while (true) {
            try (Multipart m = GannetSide.recv(sub)) {
                String text = m.getString(0);
                if (text.equals("Aend")) {
                    return got;
                }
                if (!text.contains("w")) {
                    got.add(text);
                }
            }
        }
    }

    private static List<String> expected(byte[]... topics) {
        List<String> want = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (byte[] topic : topics) {
                want.add(topicSeq(topic, round));
            }
        }
        return want;
    }

    private static String topicSeq(byte[] topic, int seq) {
        return new String(PeerMessages.header(topic, seq), StandardCharsets.US_ASCII);
    }

    private static byte[] warm(byte[] topic) {
        return PeerMessages.header(bytes(new String(topic, StandardCharsets.US_ASCII) + "w"), 0);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
