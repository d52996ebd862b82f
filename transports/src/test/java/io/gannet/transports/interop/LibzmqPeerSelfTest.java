package io.gannet.transports.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.gannet.SocketType;

import org.junit.jupiter.api.Test;

/**
 * Self-tests of the interop harness: two libzmq peers talk to each other, driven from Java,
 * proving the peer's modes and {@link LibzmqPeer}'s protocol handling before Gannet's own
 * tcp and ipc transports take one side.
 */
@LibzmqInterop
class LibzmqPeerSelfTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ANY_PORT = "tcp://127.0.0.1:*";

    @Test
    void probeFindsLibzmq43() {
        assertTrue(LibzmqAvailability.libzmqVersion().startsWith("4.3."), LibzmqAvailability.libzmqVersion());
    }

    @Test
    void pushPullOverTcpDeliversTenThousandSequencedMessages(LibzmqPeers peers) {
        LibzmqPeer push = peers.peer(SocketType.PUSH).bind(ANY_PORT)
                .mode("send").count(10_000).size(16).start();
        String endpoint = push.awaitReady(WAIT);
        assertTrue(endpoint.matches("tcp://127\\.0\\.0\\.1:\\d+"), endpoint);
        LibzmqPeer pull = peers.peer(SocketType.PULL).connect(endpoint)
                .mode("recv").count(10_000).size(16).start();

        PeerSummary received = pull.awaitDone(WAIT);

        assertEquals(10_000, received.count(), received.text());
        assertEquals(0, received.getLong("gaps"));
        assertEquals(160_000, received.getLong("bytes"));
        assertEquals(9_999, received.getLong("last"));
        assertEquals(10_000, push.awaitDone(WAIT).count());
    }

    @Test
    void reqGetsEveryMultipartRequestEchoedByRep(LibzmqPeers peers) {
        LibzmqPeer rep = peers.peer(SocketType.REP).bind(ANY_PORT).mode("echo").count(50).start();
        LibzmqPeer req = peers.peer(SocketType.REQ).connect(rep.awaitReady(WAIT))
                .mode("req").count(50).frames(3).size(100).start();

        assertEquals(50, req.awaitDone(WAIT).count());
        assertEquals(50, rep.awaitDone(WAIT).count());
    }

    @Test
    void subReceivesOnlyItsTopicFromXpub(LibzmqPeers peers) {
        LibzmqPeer pub = peers.peer(SocketType.XPUB).bind(ANY_PORT).mode("send")
                .topic("A").topic("B").count(100).arg("--await-subscriptions", 1).start();
        LibzmqPeer sub = peers.peer(SocketType.SUB).connect(pub.awaitReady(WAIT))
                .mode("sub").subscribe("A").count(50).start();

        PeerSummary received = sub.awaitDone(WAIT);

        assertEquals("41:50", received.get("topics"), "only topic A, all 50 of it");
        assertEquals("TOPIC 41 2", sub.awaitLines("TOPIC", 2, WAIT).get(1), "even sequence numbers");
        assertEquals("SUB 41", pub.awaitLine("SUB", WAIT));
        pub.awaitDone(WAIT);
    }

    @Test
    void xpubPrintsSubscriptionsAndCancelsFromXsub(LibzmqPeers peers) {
        LibzmqPeer xpub = peers.peer(SocketType.XPUB).bind(ANY_PORT).mode("xpub").count(3).start();
        LibzmqPeer xsub = peers.peer(SocketType.XSUB).connect(xpub.awaitReady(WAIT))
                .mode("xsub").subscribe("A").subscribe("hex:00ff").unsubscribe("A").start();

        assertEquals(List.of("SUB 41", "SUB 00ff"), xpub.awaitLines("SUB", 2, WAIT));
        assertEquals("UNSUB 41", xpub.awaitLine("UNSUB", WAIT));
        assertEquals(3, xpub.awaitDone(WAIT).count());
        xsub.awaitLine("UNSUBSCRIBED", WAIT);
        xsub.stop();
        assertEquals(0, xsub.awaitDone(WAIT).count());
    }

    @Test
    void ipcCarriesEverySizeIntactThroughATempPath(LibzmqPeers peers) {
        String endpoint = peers.ipcEndpoint("sizes.sock");
        int[] sizes = {0, 1, 255, 256, 65_536, 1_048_576};
        LibzmqPeer pull = peers.peer(SocketType.PULL).bind(endpoint).mode("recv").sizes(sizes).start();
        assertEquals(endpoint, pull.awaitReady(WAIT));
        LibzmqPeer push = peers.peer(SocketType.PUSH).connect(endpoint).mode("send").sizes(sizes).start();

        PeerSummary received = pull.awaitDone(WAIT);

        assertEquals(sizes.length, received.count());
        assertEquals(1_114_624, received.getLong("bytes"));
        push.awaitDone(WAIT);
    }

    @Test
    void routerReachesDealerByRoutingId(LibzmqPeers peers) {
        LibzmqPeer router = peers.peer(SocketType.ROUTER).bind(ANY_PORT)
                .option("ROUTER_MANDATORY", 1).mode("send").count(20).arg("--to", "hex:00cafe").start();
        LibzmqPeer dealer = peers.peer(SocketType.DEALER).connect(router.awaitReady(WAIT))
                .option("ROUTING_ID", "hex:00cafe").mode("recv").count(20).start();

        assertEquals(20, dealer.awaitDone(WAIT).count());
        assertEquals(20, router.awaitDone(WAIT).count());
    }

    @Test
    void linesModeRoundTripsFramesThroughAnEchoPeer(LibzmqPeers peers) {
        LibzmqPeer lines = peers.peer(SocketType.PAIR).bind(ANY_PORT).mode("lines").start();
        LibzmqPeer echo = peers.peer(SocketType.PAIR).connect(lines.awaitReady(WAIT)).mode("echo").count(1).start();
        byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] binary = {0, (byte) 0xff, 10};

        lines.send(WAIT, text, new byte[0], binary);
        List<byte[]> reply = lines.recv(WAIT);

        assertEquals(3, reply.size());
        assertArrayEquals(text, reply.get(0));
        assertArrayEquals(new byte[0], reply.get(1));
        assertArrayEquals(binary, reply.get(2));
        assertNull(lines.recv(Duration.ofMillis(50)), "nothing more arrives");
        assertEquals("VALUE -1", lines.command("get LINGER", WAIT));
        assertTrue(lines.command("frobnicate", WAIT).startsWith("FAIL "));
        echo.awaitDone(WAIT);
        lines.writeLine("close");
        assertEquals(5, lines.awaitDone(WAIT).getLong("commands"));
    }

    @Test
    void sendModeBuildsExactlyWhatPeerMessagesDescribes(LibzmqPeers peers) {
        LibzmqPeer lines = peers.peer(SocketType.PULL).bind(ANY_PORT).mode("lines").start();
        peers.peer(SocketType.PUSH).connect(lines.awaitReady(WAIT))
                .mode("send").count(3).topic("T").frames(3).size(300).start();

        for (int seq = 0; seq < 3; seq++) {
            List<byte[]> got = lines.recv(WAIT);
            List<byte[]> want = PeerMessages.message("T".getBytes(StandardCharsets.US_ASCII), seq, 2, 300);
            assertEquals(want.size(), got.size());
            for (int f = 0; f < want.size(); f++) {
                assertArrayEquals(want.get(f), got.get(f), "message " + seq + " frame " + f);
            }
            assertEquals(seq, PeerMessages.seqOf(got.get(0)));
        }
    }

    @Test
    void heartbeatingRouterDropsASilentDealer(LibzmqPeers peers) {
        LibzmqPeer router = peers.peer(SocketType.ROUTER).bind(ANY_PORT).monitor()
                .option("HEARTBEAT_IVL", 100).option("HEARTBEAT_TIMEOUT", 500).mode("echo").start();
        LibzmqPeer silent = peers.peer(SocketType.DEALER).connect(router.awaitReady(WAIT))
                .mode("heartbeat-silent").start();

        silent.awaitLine("SILENT", WAIT);
        router.awaitLine("EVENT HANDSHAKE_SUCCEEDED", WAIT);

        assertTrue(router.awaitLine("EVENT DISCONNECTED", WAIT).endsWith(router.awaitReady(WAIT)));
    }

    @Test
    void peerErrorFailsTheWaitWithTheReason(LibzmqPeers peers) {
        LibzmqPeer bad = peers.peer(SocketType.PUSH).bind(ANY_PORT).option("NO_SUCH_OPTION", 1)
                .mode("send").count(1).start();

        AssertionError error = assertThrows(AssertionError.class, () -> bad.awaitReady(WAIT));

        assertTrue(error.getMessage().contains("ERROR unknown socket option NO_SUCH_OPTION"), error.getMessage());
    }

    @Test
    void receiverReportsAContentMismatch(LibzmqPeers peers) {
        LibzmqPeer push = peers.peer(SocketType.PUSH).bind(ANY_PORT).mode("send").count(1).size(10).start();
        LibzmqPeer pull = peers.peer(SocketType.PULL).connect(push.awaitReady(WAIT))
                .mode("recv").count(1).size(11).start();

        AssertionError error = assertThrows(AssertionError.class, () -> pull.awaitDone(WAIT));

        assertTrue(error.getMessage().contains("has 10 bytes, expected 11"), error.getMessage());
    }
}
