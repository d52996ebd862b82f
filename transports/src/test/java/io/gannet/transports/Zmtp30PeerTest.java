package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.transports.RawZmtpPeer.Frame;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End to end against a hand-written ZMTP 3.0 peer ({@link RawZmtpPeer} announcing 3.0), as an
 * application on libzmq 4.0/4.1 would meet Gannet: subscriptions travel as messages (first
 * byte 1 or 0) both ways, request-reply works with READY metadata, no PINGs are sent to it;
 * and peers older than ZMTP 3.0 are refused cleanly, not waited for.
 */
class Zmtp30PeerTest {
    private static final long POLL_MS = 20;

    enum Transport { TCP, IPC }

    @TempDir
    Path dir;

    // ---- 1. Gannet PUB <- 3.0 SUB ------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pubSendsA30SubscriberOnlyItsTopicsUntilItCancels(Transport t) throws Exception {
        try (Context ctx = new Context(); Socket pub = ctx.socket(SocketType.PUB)) {
            pub.bind(bindEndpoint(t));
            try (RawZmtpPeer sub = new RawZmtpPeer(pub.lastEndpoint())) {
                assertEquals("PUB", sub.handshake(0, "SUB", null).get("Socket-Type"));
                sub.writeFrame(subscription(1, "a"), false, false);
                for (String f : publishUntilReceived(pub, sub, "b", "a")) {
                    assertTrue(f.startsWith("a-"), "only the subscribed topic arrives: " + f);
                }

                // Cancel "a", then subscribe "m": once an "m" arrives, the cancel was applied.
                sub.writeFrame(subscription(0, "a"), false, false);
                sub.writeFrame(subscription(1, "m"), false, false);
                List<String> got = publishUntilReceived(pub, sub, "a", "m");
                pub.send("a-final");
                pub.send("m-final");
                got.addAll(framesUntil(sub, "m-final"));
                List<String> afterCancel = got.subList(indexOfFirst(got, "m-"), got.size());
                for (String f : afterCancel) {
                    assertTrue(f.startsWith("m-"), "nothing of the cancelled topic: " + got);
                }
            }
        }
    }

    // ---- 2. Gannet SUB/XSUB -> 3.0 PUB -------------------------------------------------------

    @ParameterizedTest(name = "{0} {1} {2}s, publisher speaks 3.{3}")
    @CsvSource({
        "TCP, SUB, connect, 0", "TCP, SUB, bind, 0", "TCP, XSUB, connect, 0", "TCP, XSUB, bind, 0",
        "IPC, SUB, connect, 0", "IPC, XSUB, bind, 0",
        // the same socket toward a 3.1 peer sends commands: the version decides
        "TCP, SUB, connect, 1", "TCP, XSUB, bind, 1"})
    void subscriptionsReachThePublisherInTheFormItsVersionReads(Transport t, SocketType type, String how,
            int minor) throws Exception {
        try (Context ctx = new Context(); Socket sub = ctx.socket(type)) {
            subscribe(sub, true, "x"); // before the connection: sent when it is made
            try (RawZmtpPeer pub = connectedPeer(t, sub, how.equals("bind"))) {
                assertEquals(type.name(), pub.handshake(minor, "PUB", null).get("Socket-Type"));
                expectSubscription(sub, pub, minor, true, "x");
                subscribe(sub, true, "y");
                subscribe(sub, false, "x");
                expectSubscription(sub, pub, minor, true, "y");
                expectSubscription(sub, pub, minor, false, "x");

                pub.writeMessage("x-cancelled");
                pub.writeMessage("y-data");
                if (type == SocketType.XSUB) {
                    assertEquals("x-cancelled", TestSupport.recv(sub), "XSUB does not filter (libzmq)");
                }
                assertEquals("y-data", TestSupport.recv(sub), "SUB filters what it receives");
            }
        }
    }

    // ---- 3. Gannet XPUB <- 3.0 subscriber -----------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void xpubReceivesA30SubscribersSubscriptionsAsUsual(Transport t) throws Exception {
        try (Context ctx = new Context(); Socket xpub = ctx.socket(SocketType.XPUB)) {
            xpub.set(SocketOption.RCVTIMEO, (int) TestSupport.TIMEOUT.toMillis());
            xpub.bind(bindEndpoint(t));
            try (RawZmtpPeer sub = new RawZmtpPeer(xpub.lastEndpoint())) {
                assertEquals("XPUB", sub.handshake(0, "SUB", null).get("Socket-Type"));
                sub.writeFrame(subscription(1, "t"), false, false);
                assertArrayEquals(subscription(1, "t"), xpub.recvBytes());
                // A 3.0 peer that sends the 3.1 command anyway is understood too, as by libzmq.
                sub.writeFrame(RawZmtpPeer.ascii("\11SUBSCRIBEu"), false, true);
                assertArrayEquals(subscription(1, "u"), xpub.recvBytes());

                xpub.send("t-data");
                assertEquals("t-data", sub.readFrame(TestSupport.TIMEOUT.toMillis()).string());
                sub.writeFrame(subscription(0, "t"), false, false);
                assertArrayEquals(subscription(0, "t"), xpub.recvBytes());
                xpub.send("t-late");
                xpub.send("u-data");
                assertEquals("u-data", sub.readFrame(TestSupport.TIMEOUT.toMillis()).string());
            }
        }
    }

    // ---- 4. request-reply with a 3.0 peer ----------------------------------------------------

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a30RequesterIsAnsweredByRep(Transport t) throws Exception {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            rep.bind(bindEndpoint(t));
            try (RawZmtpPeer req = new RawZmtpPeer(rep.lastEndpoint())) {
                assertEquals("REP", req.handshake(0, "REQ", null).get("Socket-Type"));
                req.writeMessage("", "hello");
                assertEquals("hello", TestSupport.recv(rep));
                rep.send("world");
                assertEquals(List.of("", "world"), message(req));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void routerAddressesA30DealerByTheIdentityInItsReady(Transport t) throws Exception {
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER)) {
            router.bind(bindEndpoint(t));
            try (RawZmtpPeer dealer = new RawZmtpPeer(router.lastEndpoint())) {
                Map<String, String> ready = dealer.handshake(0, "DEALER", "dealer-1");
                assertEquals("ROUTER", ready.get("Socket-Type"));
                dealer.writeMessage("hi");
                assertEquals("dealer-1", TestSupport.recv(router));
                assertEquals("hi", TestSupport.recv(router));
                router.sendMore("dealer-1");
                router.send("back");
                assertEquals(List.of("back"), message(dealer));
            }
        }
    }

    @Test
    void dealerSendsItsRoutingIdToA30Router() throws Exception {
        try (Context ctx = new Context(); Socket dealer = ctx.socket(SocketType.DEALER);
                ServerSocketChannel listener = listen(Transport.TCP)) {
            dealer.set(SocketOption.ROUTING_ID, RawZmtpPeer.ascii("gannet-7"));
            dealer.connect(endpointOf(listener));
            try (RawZmtpPeer router = RawZmtpPeer.accept(listener)) {
                Map<String, String> ready = router.handshake(0, "ROUTER", "");
                assertEquals("DEALER", ready.get("Socket-Type"));
                assertEquals("gannet-7", ready.get("Identity"));
                dealer.send("to-router");
                assertEquals(List.of("to-router"), message(router));
                router.writeMessage("from-router");
                assertEquals("from-router", TestSupport.recv(dealer));
            }
        }
    }

    // ---- 5. heartbeats -----------------------------------------------------------------------

    /**
     * PING is ZMTP 3.1: a 3.0 peer gets none, so HEARTBEAT_TIMEOUT cannot drop a quiet one. A
     * 3.1 peer gets its first PING within one interval (ConnectionLifecycleTest); here twenty
     * intervals pass in silence.
     */
    @Test
    void a30PeerGetsNoPingsAndAQuietOneStaysConnected() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.HEARTBEAT_IVL, 25);
            pull.set(SocketOption.HEARTBEAT_TIMEOUT, 50);
            pull.set(SocketOption.HEARTBEAT_TTL, 100);
            pull.bind("tcp://127.0.0.1:*");
            try (Monitor m = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_SUCCEEDED, SocketEvent.DISCONNECTED));
                    RawZmtpPeer push = new RawZmtpPeer(pull.lastEndpoint())) {
                push.handshake(0, "PUSH", null);
                TestSupport.expect(m, SocketEvent.HANDSHAKE_SUCCEEDED);
                assertNull(push.readFrame(500), "no PING to a ZMTP 3.0 peer"); // throws if closed
                assertNull(m.poll(), "no DISCONNECTED");
                push.writeMessage("still here");
                assertEquals("still here", TestSupport.recv(pull));
            }
        }
    }

    @Test
    void a30PeersPingIsStillAnswered() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer push = new RawZmtpPeer(pull.lastEndpoint())) {
                push.handshake(0, "PUSH", null);
                push.writeFrame(RawZmtpPeer.ascii("\4PING\0\0ctx"), false, true);
                Frame pong = push.readFrame(TestSupport.TIMEOUT.toMillis());
                assertNotNull(pong);
                assertTrue(pong.isCommand());
                assertEquals("\4PONGctx", pong.string());
            }
        }
    }

    // ---- 6. ZMTP 1.0 / 2.0 servers (the accepting side is in BadInputTest) --------------------

    enum OldServer {
        /** libzmq 2.x: its identity frame (empty: length 1, flags 0) right away. */
        ZMTP_1_0(new byte[] {1, 0}),
        /** libzmq 3.x: signature, then (after ours) revision 1, socket type PULL, empty identity. */
        ZMTP_2_0(new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 1, 7, 0, 0});

        final byte[] greeting;

        OldServer(byte[] greeting) {
            this.greeting = greeting;
        }
    }

    @ParameterizedTest
    @EnumSource(OldServer.class)
    void connectingToAnOlderProtocolServerFailsCleanlyWithoutRetrying(OldServer server) throws Exception {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH);
                ServerSocketChannel listener = listen(Transport.TCP)) {
            push.set(SocketOption.RECONNECT_IVL, 10);
            String endpoint = endpointOf(listener);
            try (Monitor m = push.monitor(EnumSet.allOf(SocketEvent.class))) {
                push.connect(endpoint);
                try (RawZmtpPeer old = RawZmtpPeer.accept(listener)) {
                    old.write(ByteBuffer.wrap(server.greeting));
                    MonitorEvent failed = TestSupport.expect(m, SocketEvent.HANDSHAKE_FAILED_PROTOCOL);
                    assertEquals(endpoint, failed.endpoint());
                    assertTrue(old.closedByPeerWithin(TestSupport.TIMEOUT.toMillis()), "connection closed");
                }
                // libzmq does not reconnect after a protocol error; twenty reconnect intervals pass.
                assertFalse(acceptWithin(listener, 200), "no new attempt to a peer that cannot speak ZMTP 3");
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    private String bindEndpoint(Transport t) {
        return t == Transport.TCP ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve("gannet.sock");
    }

    private ServerSocketChannel listen(Transport t) throws IOException {
        if (t == Transport.TCP) {
            return ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        }
        return ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(dir.resolve("raw.sock")));
    }

    private static String endpointOf(ServerSocketChannel listener) throws IOException {
        if (listener.getLocalAddress() instanceof UnixDomainSocketAddress u) {
            return "ipc://" + u.getPath();
        }
        return "tcp://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** The raw peer on the other end of {@code s}: connecting to it, or accepted from it. */
    private RawZmtpPeer connectedPeer(Transport t, Socket s, boolean gannetBinds) throws IOException {
        if (gannetBinds) {
            s.bind(bindEndpoint(t));
            return new RawZmtpPeer(s.lastEndpoint());
        }
        try (ServerSocketChannel listener = listen(t)) {
            s.connect(endpointOf(listener));
            return RawZmtpPeer.accept(listener);
        }
    }

    private static boolean acceptWithin(ServerSocketChannel listener, long millis) throws IOException {
        listener.configureBlocking(false);
        try (Selector s = Selector.open()) {
            listener.register(s, SelectionKey.OP_ACCEPT);
            return s.select(millis) > 0;
        }
    }

    private static void subscribe(Socket s, boolean subscribe, String topic) {
        if (s.type() == SocketType.XSUB) {
            s.send(subscription(subscribe ? 1 : 0, topic));
        } else if (subscribe) {
            s.subscribe(topic);
        } else {
            s.unsubscribe(topic);
        }
    }

    private static byte[] subscription(int kind, String topic) {
        byte[] t = RawZmtpPeer.ascii(topic);
        byte[] m = new byte[1 + t.length];
        m[0] = (byte) kind;
        System.arraycopy(t, 0, m, 1, t.length);
        return m;
    }

    /**
     * A 3.0 peer must get the message form, a 3.1 peer the SUBSCRIBE/CANCEL command. Polls the
     * subscriber meanwhile, as an application waiting in recv would: a bound socket takes a new
     * connection's pipe (and sends it the subscriptions) only when the application calls it.
     */
    private static void expectSubscription(Socket s, RawZmtpPeer peer, int minor, boolean subscribe, String topic)
            throws IOException {
        long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
        Frame f;
        while ((f = peer.readFrame(POLL_MS)) == null) {
            assertNull(s.recv(Socket.DONTWAIT), "nothing was published");
            assertTrue(System.nanoTime() < deadline, "no subscription arrived");
        }
        if (minor == 0) {
            assertFalse(f.isCommand(), "a ZMTP 3.0 peer gets no SUBSCRIBE/CANCEL command: " + f.string());
            assertFalse(f.more());
            assertArrayEquals(subscription(subscribe ? 1 : 0, topic), f.body());
        } else {
            assertTrue(f.isCommand(), "a ZMTP 3.1 peer gets a command: " + f.string());
            assertEquals((subscribe ? "\11SUBSCRIBE" : "\6CANCEL") + topic, f.string());
        }
    }

    /**
     * Publishes rounds of {@code prefix-i} (one per prefix, in order) until the peer has
     * received a frame of the last prefix; returns every frame received, in order.
     */
    private static List<String> publishUntilReceived(Socket pub, RawZmtpPeer peer, String... prefixes)
            throws IOException {
        String last = prefixes[prefixes.length - 1] + "-";
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
        for (int round = 0; System.nanoTime() < deadline; round++) {
            for (String p : prefixes) {
                pub.send(p + "-" + round);
            }
            Frame f;
            while ((f = peer.readFrame(POLL_MS)) != null) {
                got.add(f.string());
            }
            if (indexOfFirst(got, last) >= 0) {
                return got;
            }
        }
        return fail("no " + last + " frame arrived; got " + got);
    }

    private static List<String> framesUntil(RawZmtpPeer peer, String last) throws IOException {
        List<String> got = new ArrayList<>();
        while (got.isEmpty() || !got.get(got.size() - 1).equals(last)) {
            Frame f = peer.readFrame(TestSupport.TIMEOUT.toMillis());
            assertNotNull(f, "no " + last + "; got " + got);
            got.add(f.string());
        }
        return got;
    }

    private static int indexOfFirst(List<String> frames, String prefix) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads one whole message (frames up to one without MORE). */
    private static List<String> message(RawZmtpPeer peer) throws IOException {
        List<String> parts = new ArrayList<>();
        Frame f;
        do {
            f = peer.readFrame(TestSupport.TIMEOUT.toMillis());
            assertNotNull(f, "message incomplete: " + parts);
            assertFalse(f.isCommand(), f.string());
            parts.add(f.string());
        } while (f.more());
        return parts;
    }
}
