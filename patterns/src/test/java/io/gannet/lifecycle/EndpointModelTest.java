package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import org.junit.jupiter.api.Test;

/**
 * unbind and disconnect act on what this socket bound or connected, one endpoint at a time,
 * the same for every kind of endpoint (here inproc, which needs no I/O thread).
 */
class EndpointModelTest {

    private static void assertNoEntry(Runnable call) {
        GannetException e = assertThrows(GannetException.class, call::run);
        assertEquals(ErrorCode.ENOENT, e.code(), e.getMessage());
    }

    @Test
    void unbindTakesOnlyWhatWasBoundAndDisconnectOnlyWhatWasConnected() {
        String name = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind(name);
            push.connect(name);
            assertNoEntry(() -> pull.disconnect(name));
            assertNoEntry(() -> push.unbind(name));
            assertTrue(push.send("still connected", Socket.DONTWAIT));
            assertEquals("still connected", pull.recvString());
        }
    }

    @Test
    void unbindFreesTheNameForAnotherSocket() {
        String name = TestSupport.inproc();
        try (Context ctx = new Context(); Socket first = ctx.socket(SocketType.PULL);
             Socket second = ctx.socket(SocketType.PULL)) {
            first.bind(name);
            first.unbind(name);
            assertNoEntry(() -> first.unbind(name));
            second.bind(name);
            assertEquals(name, second.lastEndpoint());
        }
    }

    @Test
    void disconnectEndsEveryConnectToThatEndpoint() {
        String name = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind(name);
            push.connect(name);
            push.connect(name);
            push.disconnect(name);
            assertFalse(push.send("nowhere", Socket.DONTWAIT), "no pipe is left to send on");
            assertNoEntry(() -> push.disconnect(name));
        }
    }

    @Test
    void disconnectDropsAConnectStillWaitingForItsBind() {
        String name = TestSupport.inproc();
        try (Context ctx = new Context(); Socket dropped = ctx.socket(SocketType.PUSH);
             Socket kept = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            dropped.connect(name);
            kept.connect(name);
            assertTrue(dropped.send("dropped", Socket.DONTWAIT));
            assertTrue(kept.send("kept", Socket.DONTWAIT));
            dropped.disconnect(name);
            pull.bind(name); // joins the waiting connects here and now
            assertEquals("kept", pull.recvString(Socket.DONTWAIT));
            assertNull(pull.recvString(Socket.DONTWAIT));
        }
    }
}
