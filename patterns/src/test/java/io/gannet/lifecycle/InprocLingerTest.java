package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import org.junit.jupiter.api.Test;

/**
 * LINGER for an inproc connect whose socket closes before anyone binds: the messages wait
 * for the bind during LINGER, and are dropped and counted after it or when the context closes.
 */
class InprocLingerTest {
    private static Socket sender(Context ctx, String endpoint, int linger, int messages) {
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.LINGER, linger);
        push.connect(endpoint);
        for (int i = 0; i < messages; i++) {
            assertTrue(push.send("m" + i));
        }
        return push;
    }

    @Test
    void aBindWithinLingerReceivesWhatAClosedSocketSent() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context()) {
            Socket push = sender(ctx, ep, 60_000, 3);
            push.close();
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(ep);
                for (int i = 0; i < 3; i++) {
                    assertEquals("m" + i, pull.recvString());
                }
                assertNull(pull.recvString(Socket.DONTWAIT));
            }
            assertEquals(0, push.droppedMessages());
        }
    }

    @Test
    void lingerMinusOneKeepsTheMessagesForALaterBind() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context()) {
            Socket push = sender(ctx, ep, -1, 2);
            push.close();
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(ep);
                assertEquals("m0", pull.recvString());
                assertEquals("m1", pull.recvString());
            }
        }
    }

    @Test
    void aBindAfterLingerFindsTheMessagesDroppedAndCounted() throws InterruptedException {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context()) {
            Socket push = sender(ctx, ep, 20, 3);
            push.close();
            long lingerEnds = System.nanoTime() + 20_000_000L;
            // LINGER itself is what this waits for; the drop is counted at the next bind.
            while (System.nanoTime() - lingerEnds < 0) {
                Thread.sleep(5);
            }
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(ep);
                assertNull(pull.recvString(Socket.DONTWAIT), "nothing arrives after LINGER");
            }
            assertEquals(3, push.droppedMessages());
        }
    }

    @Test
    void lingerZeroDropsAndCountsAtClose() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context()) {
            Socket push = sender(ctx, ep, 0, 4);
            push.close();
            assertEquals(4, push.droppedMessages());
        }
    }

    @Test
    void theContextsCloseDropsAndCountsWhatStillWaitsForABind() {
        String ep = TestSupport.inproc();
        Context ctx = new Context();
        Socket push = sender(ctx, ep, -1, 5);
        push.sendMore("half a message is not counted");
        ctx.close();
        assertEquals(5, push.droppedMessages());
    }

    @Test
    void aClosedSocketWithNothingQueuedLeavesNothingBehind() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context()) {
            Socket push = sender(ctx, ep, -1, 0);
            push.close();
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(ep);
                assertNull(pull.recvString(Socket.DONTWAIT));
            }
            assertEquals(0, push.droppedMessages());
        }
    }
}
