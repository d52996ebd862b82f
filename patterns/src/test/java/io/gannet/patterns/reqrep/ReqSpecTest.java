package io.gannet.patterns.reqrep;

import static io.gannet.patterns.reqrep.SpecSupport.bind;
import static io.gannet.patterns.reqrep.SpecSupport.expect;
import static io.gannet.patterns.reqrep.SpecSupport.recvFrame;
import static io.gannet.patterns.reqrep.SpecSupport.recvStrings;
import static io.gannet.patterns.reqrep.SpecSupport.send;
import static io.gannet.patterns.reqrep.SpecSupport.sendTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.patterns.reqrep.SpecSupport.Sockets;
import io.gannet.patterns.reqrep.SpecSupport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 28 REQ, following libzmq's test_spec_req and the REQ options. */
class ReqSpecTest {
    private static final String TRANSPORTS = "io.gannet.patterns.reqrep.SpecSupport#transports";

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqRoundRobinsRequestsAcrossReps(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            Socket[] reps = new Socket[5];
            for (int i = 0; i < reps.length; i++) {
                reps[i] = s.make(SocketType.REP);
                // The REQ connects, so every queue exists before the first request (no settling time).
                req.connect(bind(reps[i], t));
            }
            for (Socket rep : reps) {
                send(req, "ABC");
                expect(rep, "ABC");
                send(rep, "DEF");
                expect(req, "DEF");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    // Inproc only: over a network a WRONG reply of one round can still be in flight on the
    // pipe asked in the next round, and REQ without REQ_CORRELATE cannot tell it from the answer.
    @MethodSource("io.gannet.patterns.reqrep.SpecSupport#inproc")
    void reqAcceptsReplyOnlyFromPeerItAsked(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            req.set(SocketOption.ROUTING_ID, "A".getBytes(StandardCharsets.UTF_8));
            req.set(SocketOption.PROBE_ROUTER, true);
            Socket[] routers = new Socket[3];
            for (int i = 0; i < routers.length; i++) {
                routers[i] = s.make(SocketType.ROUTER);
                routers[i].set(SocketOption.ROUTER_MANDATORY, true);
                // The REQ connects (its end attaches at once and probes); libzmq's test binds it.
                req.connect(bind(routers[i], t));
                expect(routers[i], "A", ""); // the probe: the connection is up and the id known
            }
            for (int round = 0; round < routers.length; round++) {
                send(req, "ABC");
                int asked = whoGot(routers);
                for (int j = 0; j < routers.length; j++) {
                    send(routers[j], "A", "", j == asked ? "GOOD" : "WRONG");
                }
                expect(req, "GOOD");
            }
        }
    }

    /** Finds which router received the request ["A", "", "ABC"]. */
    private static int whoGot(Socket[] routers) {
        long deadline = System.nanoTime() + SpecSupport.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < routers.length; i++) {
                Msg first = routers[i].recv(Duration.ofMillis(1));
                if (first != null) {
                    first.close();
                    expect(routers[i], "", "ABC");
                    return i;
                }
            }
        }
        throw new AssertionError("no router received the request");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqMessageFormatIsDelimiterThenBody(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            Socket router = s.make(SocketType.ROUTER);
            router.connect(bind(req, t));
            send(req, "ABC", "DEF");
            byte[] peer = recvFrame(router, true);
            assertTrue(peer.length > 0);
            expect(router, "", "ABC", "DEF");
            sendTo(router, peer, "", "GHI");
            expect(req, "GHI");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqBlocksOnSendWithNoPeers(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            req.set(SocketOption.SNDTIMEO, 100);
            assertFalse(req.send("", Socket.DONTWAIT));
            assertFalse(req.send(""));
            // Still idle: a request can be sent once a peer comes.
            Socket rep = s.make(SocketType.REP);
            req.connect(bind(rep, t));
            send(req, "late");
            expect(rep, "late");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqBlocksAtHwm(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            req.set(SocketOption.REQ_RELAXED, true);
            req.set(SocketOption.SNDHWM, 1);
            req.set(SocketOption.SNDBUF, 4096);
            Socket router = s.make(SocketType.ROUTER);
            router.set(SocketOption.RCVHWM, 1);
            router.set(SocketOption.RCVBUF, 4096);
            req.connect(bind(router, t));
            // Sends succeed until the HWM (and, over a network, the small kernel buffers) are
            // full; then a blocking send waits and times out. Nothing accepted is lost.
            req.set(SocketOption.SNDTIMEO, 200);
            int sent = 0;
            while (req.send("r" + sent)) {
                sent++;
                assertTrue(sent < 1_000_000, "the REQ never reached its high-water mark");
            }
            assertTrue(sent > 0);
            for (int i = 0; i < sent; i++) {
                List<String> got = recvStrings(router);
                assertEquals(List.of("", "r" + i), got.subList(1, got.size()));
            }
            req.set(SocketOption.SNDTIMEO, -1);
            send(req, "after");
            assertEquals(List.of("", "after"), recvStrings(router).subList(1, 3));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqRecvBeforeSendFailsWithEfsm(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            GannetException e = assertThrows(GannetException.class, () -> req.recv(Socket.DONTWAIT));
            assertEquals(ErrorCode.EFSM, e.code());
            assertTrue(e.getMessage().contains("REQ must send a request before receiving"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqSendTwiceFailsWithEfsm(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            Socket rep = s.make(SocketType.REP);
            req.connect(bind(rep, t));
            send(req, "one");
            GannetException e = assertThrows(GannetException.class, () -> req.send("two"));
            assertEquals(ErrorCode.EFSM, e.code());
            assertTrue(e.getMessage().contains("REQ_RELAXED"), e.getMessage());
            expect(rep, "one");
            send(rep, "reply");
            expect(req, "reply");
            send(req, "three"); // back to idle after the reply
            expect(rep, "three");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqDiscardsRepliesWithoutDelimiter(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            Socket router = s.make(SocketType.ROUTER);
            router.connect(bind(req, t));
            send(req, "q");
            byte[] peer = recvFrame(router, true);
            expect(router, "", "q");
            sendTo(router, peer, "no delimiter");
            sendTo(router, peer, "x", "", "not empty first");
            sendTo(router, peer, "", "ok", "two");
            expect(req, "ok", "two");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqCorrelateAcceptsOnlyTheReplyToTheLastRequest(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            req.set(SocketOption.REQ_CORRELATE, true);
            req.set(SocketOption.REQ_RELAXED, true);
            Socket router = s.make(SocketType.ROUTER);
            req.connect(bind(router, t));

            send(req, "first");
            byte[] peer = recvFrame(router, true);
            byte[] id1 = recvFrame(router, true);
            assertEquals(4, id1.length, "request id frame");
            expect(router, "", "first");

            send(req, "second"); // relaxed: allowed while the first reply is pending
            recvFrame(router, true);
            byte[] id2 = recvFrame(router, true);
            expect(router, "", "second");
            assertFalse(Arrays.equals(id1, id2), "each request has its own id");

            assertTrue(router.send(peer, Socket.SNDMORE));
            assertTrue(router.send(id1, Socket.SNDMORE));
            send(router, "", "stale reply");
            assertTrue(router.send(peer, Socket.SNDMORE));
            assertTrue(router.send(id2, Socket.SNDMORE));
            send(router, "", "fresh reply");
            expect(req, "fresh reply");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void reqRelaxedSendsAgainWhenTheAskedPeerHasGone(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket req = s.make(SocketType.REQ);
            Socket gone = s.make(SocketType.REP);
            Socket alive = s.make(SocketType.REP);
            req.connect(bind(gone, t));
            req.connect(bind(alive, t));
            send(req, "hello");
            expect(gone, "hello");
            gone.close();
            // Without REQ_RELAXED the REQ keeps waiting for the peer it asked.
            assertNull(req.recv(Duration.ofMillis(50)));
            assertThrows(GannetException.class, () -> req.send("again"));

            req.set(SocketOption.REQ_RELAXED, true);
            String got = null;
            long deadline = System.nanoTime() + SpecSupport.TIMEOUT.toNanos();
            while (got == null && System.nanoTime() < deadline) {
                send(req, "again"); // may still go to the closing peer on a slow transport
                try (Msg m = alive.recv(Duration.ofMillis(200))) {
                    got = m == null ? null : m.string();
                }
            }
            assertEquals("again", got);
            send(alive, "answer");
            expect(req, "answer");
        }
    }
}
