package io.gannet.patterns.reqrep;

import static io.gannet.patterns.reqrep.SpecSupport.assertNothing;
import static io.gannet.patterns.reqrep.SpecSupport.expect;
import static io.gannet.patterns.reqrep.SpecSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a ROUTER drops, counted by {@link Socket#droppedMessages()}; over inproc, exact counts. */
class RouterDropCountTest {
    private static byte[] id(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A DEALER named {@code name}, connected and known to the ROUTER (its greeting was received). */
    private static Socket dealer(SpecSupport.Sockets s, String name, String ep, Socket router) {
        Socket d = s.make(SocketType.DEALER);
        d.set(SocketOption.ROUTING_ID, id(name));
        d.set(SocketOption.RCVHWM, 1);
        d.connect(ep);
        send(d, "hello");
        expect(router, name, "hello");
        return d;
    }

    @Test
    void aMessageToAnUnknownPeerIsCountedOnce() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            router.bind(TestSupport.inproc());
            send(router, "nobody", "a", "b", "c");
            send(router, "nobody", "d");
            assertEquals(2, router.droppedMessages());
        }
    }

    @Test
    void messagesToAFullPeerAreCountedOneEach() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            router.set(SocketOption.SNDHWM, 1);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket d = dealer(s, "D", ep, router);
            for (int i = 0; i < 5; i++) {
                send(router, "D", "m" + i, "more");
            }
            assertEquals(3, router.droppedMessages(), "the pipe holds SNDHWM 1 + RCVHWM 1 messages");
            expect(d, "m0", "more");
            expect(d, "m1", "more");
            assertNothing(d);
        }
    }

    @Test
    void anIdFrameWithNothingAfterItIsCounted() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket d = dealer(s, "D", ep, router);
            assertTrue(router.send(id("D")));
            assertEquals(1, router.droppedMessages());
            send(router, "D", "after");
            expect(d, "after");
        }
    }

    @Test
    void aMessageWhosePeerLeavesMidwayIsCountedOnce() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket d = dealer(s, "D", ep, router);
            assertTrue(router.send(id("D"), Socket.SNDMORE));
            assertTrue(router.send("first", Socket.SNDMORE));
            d.close();
            assertTrue(router.send("second", Socket.SNDMORE));
            assertTrue(router.send("last"));
            assertEquals(1, router.droppedMessages());
        }
    }

    @Test
    void aMessageCutOffByAHandoverIsCountedOnce() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            router.set(SocketOption.ROUTER_HANDOVER, true);
            String ep = TestSupport.inproc();
            router.bind(ep);
            dealer(s, "D", ep, router);
            assertTrue(router.send(id("D"), Socket.SNDMORE));
            Socket newer = s.make(SocketType.DEALER);
            newer.set(SocketOption.ROUTING_ID, id("D"));
            newer.connect(ep);
            assertTrue(router.send("body")); // the router takes the new peer in here
            assertEquals(1, router.droppedMessages());
            send(router, "D", "to the new one");
            expect(newer, "to the new one");
            assertEquals(1, router.droppedMessages());
        }
    }

    @Test
    void withRouterMandatoryNothingIsDroppedOrCounted() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            router.set(SocketOption.ROUTER_MANDATORY, true);
            router.set(SocketOption.SNDHWM, 1);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket d = dealer(s, "D", ep, router);
            GannetException e = assertThrows(GannetException.class, () -> router.send(id("nobody"), Socket.SNDMORE));
            assertEquals(ErrorCode.EHOSTUNREACH, e.code());
            send(router, "D", "m0");
            send(router, "D", "m1");
            assertFalse(router.send(id("D"), Socket.SNDMORE | Socket.DONTWAIT), "full: would block");
            assertEquals(0, router.droppedMessages());
            expect(d, "m0");
        }
    }

    @Test
    void normalTrafficBothWaysCountsNothing() {
        try (Context ctx = new Context(); SpecSupport.Sockets s = new SpecSupport.Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            String ep = TestSupport.inproc();
            router.bind(ep);
            Socket d = dealer(s, "D", ep, router);
            for (int i = 0; i < 1000; i++) {
                send(d, "q" + i, "x");
                expect(router, "D", "q" + i, "x");
                send(router, "D", "r" + i);
                expect(d, "r" + i);
            }
            assertEquals(0, router.droppedMessages());
            assertEquals(0, d.droppedMessages());
        }
    }
}
