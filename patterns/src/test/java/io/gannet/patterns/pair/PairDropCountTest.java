package io.gannet.patterns.pair;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PAIR loses only a message whose peer leaves midway; over inproc, exact counts. */
class PairDropCountTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aMessageWhosePeerLeavesMidwayIsDroppedAndCountedOnce() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PAIR)) {
            a.bind(ep);
            Socket b = ctx.socket(SocketType.PAIR);
            b.connect(ep);
            assertTrue(a.send("head", Socket.SNDMORE));
            b.close();
            assertTrue(a.send("middle", Socket.SNDMORE | Socket.DONTWAIT), "the rest of the message is taken");
            assertTrue(a.send("tail", Socket.DONTWAIT));
            assertEquals(1, a.droppedMessages());
        }
    }

    @Test
    void theNextPeerNeverGetsTheRestOfAMessageItsPredecessorStarted() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PAIR);
             Socket c = ctx.socket(SocketType.PAIR)) {
            a.bind(ep);
            Socket b = ctx.socket(SocketType.PAIR);
            b.connect(ep);
            assertTrue(a.send("head", Socket.SNDMORE));
            b.close();
            c.connect(ep); // a hears of both inside its next call: b gone, then c
            assertTrue(a.send("tail"));
            assertTrue(a.send("next"));
            try (Msg m = c.recv(WAIT)) {
                assertEquals("next", m.string());
                assertFalse(m.hasMore());
            }
            assertEquals(1, a.droppedMessages());
        }
    }

    @Test
    void aFullPeerMakesSendWaitAndNothingIsLost() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PAIR);
             Socket b = ctx.socket(SocketType.PAIR)) {
            a.set(SocketOption.SNDHWM, 1).bind(ep);
            b.set(SocketOption.RCVHWM, 1).connect(ep);
            assertTrue(a.send("1", Socket.DONTWAIT));
            assertTrue(a.send("2", Socket.DONTWAIT));
            assertFalse(a.send("3", Socket.DONTWAIT));
            assertEquals("1", b.recvString());
            assertEquals("2", b.recvString());
            assertNull(b.recv(Socket.DONTWAIT));
            for (int i = 0; i < 1000; i++) {
                assertTrue(b.send("x" + i, Socket.SNDMORE));
                assertTrue(b.send("y"));
                assertEquals("x" + i, a.recvString());
                assertEquals("y", a.recvString());
            }
            assertEquals(0, a.droppedMessages());
            assertEquals(0, b.droppedMessages());
        }
    }
}
