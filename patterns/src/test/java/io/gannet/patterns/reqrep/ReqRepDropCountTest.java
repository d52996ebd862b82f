package io.gannet.patterns.reqrep;

import static io.gannet.patterns.reqrep.SpecSupport.assertNothing;
import static io.gannet.patterns.reqrep.SpecSupport.expect;
import static io.gannet.patterns.reqrep.SpecSupport.recvFrame;
import static io.gannet.patterns.reqrep.SpecSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What REQ, REP and DEALER drop or discard, counted by {@link Socket#droppedMessages()}; over inproc. */
class ReqRepDropCountTest {
    private static byte[] id(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- REP ------------------------------------------------------------------------------

    @Test
    void repCountsEachMalformedRequestItDiscards() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            String ep = TestSupport.inproc();
            rep.bind(ep);
            Socket dealer = s.make(SocketType.DEALER);
            dealer.connect(ep);
            send(dealer, "no delimiter", "at all");
            send(dealer, ""); // a delimiter with no body behind it
            send(dealer, "", "good");
            expect(rep, "good");
            assertEquals(2, rep.droppedMessages());
        }
    }

    @Test
    void repCountsAReplyWhoseRequesterHasGone() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            String ep = TestSupport.inproc();
            rep.bind(ep);
            Socket req = s.make(SocketType.REQ);
            req.connect(ep);
            send(req, "q");
            expect(rep, "q");
            req.close();
            send(rep, "reply", "in", "three frames");
            assertEquals(1, rep.droppedMessages());
        }
    }

    @Test
    void repCountsAReplyDroppedAtTheHwm() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            rep.set(SocketOption.SNDHWM, 1);
            String ep = TestSupport.inproc();
            rep.bind(ep);
            Socket dealer = s.make(SocketType.DEALER);
            dealer.set(SocketOption.RCVHWM, 1);
            dealer.connect(ep);
            for (int i = 0; i < 3; i++) {
                send(dealer, "", "q" + i);
            }
            for (int i = 0; i < 3; i++) {
                expect(rep, "q" + i);
                send(rep, "r" + i, "tail");
            }
            assertEquals(1, rep.droppedMessages(), "the pipe back holds two replies of three");
            expect(dealer, "", "r0", "tail");
            expect(dealer, "", "r1", "tail");
            assertNothing(dealer);
        }
    }

    @Test
    void reqRepLockstepCountsNothing() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            String ep = TestSupport.inproc();
            rep.bind(ep);
            Socket req = s.make(SocketType.REQ);
            req.set(SocketOption.REQ_CORRELATE, true);
            req.connect(ep);
            for (int i = 0; i < 1000; i++) {
                send(req, "q" + i);
                expect(rep, "q" + i);
                send(rep, "r" + i);
                expect(req, "r" + i);
            }
            assertEquals(0, req.droppedMessages());
            assertEquals(0, rep.droppedMessages());
        }
    }

    // ---- REQ ------------------------------------------------------------------------------

    /** A REQ with routing id "R", connected to {@code ep}. */
    private static Socket namedReq(SpecSupport.Sockets s, String ep, boolean correlate) {
        Socket req = s.make(SocketType.REQ);
        req.set(SocketOption.ROUTING_ID, id("R"));
        req.set(SocketOption.REQ_CORRELATE, correlate);
        req.set(SocketOption.RCVTIMEO, 5000);
        req.connect(ep);
        return req;
    }

    @Test
    void reqCountsAReplyWithTheWrongRequestId() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket req = namedReq(s, ep, true);
            send(req, "q");
            assertEquals("R", new String(recvFrame(router, true), StandardCharsets.UTF_8));
            byte[] requestId = recvFrame(router, true);
            expect(router, "", "q");
            byte[] wrong = requestId.clone();
            wrong[3]++;
            assertTrue(router.send(id("R"), Socket.SNDMORE));
            assertTrue(router.send(wrong, Socket.SNDMORE));
            send(router, "", "stale");
            assertTrue(router.send(id("R"), Socket.SNDMORE));
            assertTrue(router.send(requestId, Socket.SNDMORE));
            send(router, "", "right");
            expect(req, "right");
            assertEquals(1, req.droppedMessages());
        }
    }

    @Test
    void reqCountsAReplyWithoutTheDelimiter() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket req = namedReq(s, ep, false);
            send(req, "q");
            expect(router, "R", "", "q");
            send(router, "R", "no delimiter");
            send(router, "R", "", "good");
            expect(req, "good");
            assertEquals(1, req.droppedMessages());
        }
    }

    @Test
    void reqCountsAMessageFromAPeerItDidNotAsk() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket asked = s.make(SocketType.ROUTER);
            Socket other = s.make(SocketType.ROUTER);
            String epAsked = TestSupport.inproc();
            String epOther = TestSupport.inproc();
            asked.bind(epAsked);
            other.bind(epOther);
            Socket req = namedReq(s, epAsked, false);
            send(req, "q"); // its only peer yet
            req.connect(epOther);
            expect(asked, "R", "", "q");
            send(other, "R", "", "unasked"); // the other router takes the REQ in here
            assertNull(req.recv(Socket.DONTWAIT), "discarded: not from the peer asked");
            assertEquals(1, req.droppedMessages());
            send(asked, "R", "", "answer");
            expect(req, "answer");
            assertEquals(1, req.droppedMessages());
        }
    }

    @Test
    void reqRelaxedCountsALateReplyItDiscardsForTheNextRequest() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket req = namedReq(s, ep, false);
            req.set(SocketOption.REQ_RELAXED, true);
            send(req, "q1");
            expect(router, "R", "", "q1");
            send(router, "R", "", "late", "reply");
            send(req, "q2");
            assertEquals(1, req.droppedMessages());
            expect(router, "R", "", "q2");
            send(router, "R", "", "a2");
            expect(req, "a2");
            assertEquals(1, req.droppedMessages());
        }
    }

    @Test
    void reqCountsARequestWhosePeerLeavesMidway() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            String ep = TestSupport.inproc();
            rep.bind(ep);
            Socket req = s.make(SocketType.REQ);
            req.connect(ep);
            assertTrue(req.send("first", Socket.SNDMORE));
            rep.close();
            assertTrue(req.send("last"));
            assertEquals(1, req.droppedMessages());
        }
    }

    // ---- DEALER ---------------------------------------------------------------------------

    @Test
    void dealerCountsAMessageWhosePeerLeavesMidway() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket dealer = s.make(SocketType.DEALER);
            dealer.connect(ep);
            assertTrue(dealer.send("a", Socket.SNDMORE));
            router.close();
            assertTrue(dealer.send("b", Socket.SNDMORE));
            assertTrue(dealer.send("c"));
            assertEquals(1, dealer.droppedMessages());
            assertNull(dealer.recv(Socket.DONTWAIT));
        }
    }

    @Test
    void dealerAtTheHwmBlocksAndCountsNothing() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            router.set(SocketOption.RCVHWM, 1);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket dealer = s.make(SocketType.DEALER);
            dealer.set(SocketOption.SNDHWM, 1);
            dealer.connect(ep);
            int sent = 0;
            while (dealer.send("m", Socket.DONTWAIT)) {
                sent++;
            }
            assertEquals(2, sent);
            assertEquals(0, dealer.droppedMessages());
        }
    }
}
