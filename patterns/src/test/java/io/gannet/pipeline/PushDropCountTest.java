package io.gannet.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import org.junit.jupiter.api.Test;

/** PUSH loses only a message whose peer leaves midway; over inproc, exact counts. */
class PushDropCountTest {
    @Test
    void aMessageWhosePeerLeavesMidwayIsCountedOnce() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH);
             Socket other = ctx.socket(SocketType.PULL)) {
            push.bind(ep);
            Socket leaving = ctx.socket(SocketType.PULL);
            leaving.connect(ep);
            assertTrue(push.send("head", Socket.SNDMORE)); // the only peer yet
            other.connect(ep);
            leaving.close();
            assertTrue(push.send("middle", Socket.SNDMORE));
            assertTrue(push.send("tail"));
            assertEquals(1, push.droppedMessages());
            assertTrue(push.send("next"));
            assertEquals("next", other.recvString());
            assertEquals(1, push.droppedMessages());
        }
    }

    @Test
    void pushAtTheHwmWaitsAndCountsNothing() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.RCVHWM, 1).bind(ep);
            push.set(SocketOption.SNDHWM, 1).connect(ep);
            int sent = 0;
            while (push.send("m" + sent, Socket.DONTWAIT)) {
                sent++;
            }
            assertEquals(2, sent);
            for (int i = 0; i < sent; i++) {
                assertEquals("m" + i, pull.recvString());
            }
            assertEquals(0, push.droppedMessages());
            assertEquals(0, pull.droppedMessages());
        }
    }
}
