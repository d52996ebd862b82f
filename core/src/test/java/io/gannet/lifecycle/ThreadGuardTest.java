package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ContextClosedException;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A socket is used by one thread at a time; a second one is told so, by name. */
class ThreadGuardTest {
    @Test
    void secondThreadGetsEbusyNamingBothThreads() throws Exception {
        Context ctx = new Context();
        Socket pair = ctx.socket(SocketType.PAIR);
        pair.bind(TestSupport.inproc());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread owner = TestSupport.start("thread-A", () -> {
            try {
                pair.recv();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        TestSupport.awaitBlocked(owner);
        String me = Thread.currentThread().getName();
        GannetException e = assertThrows(GannetException.class, () -> pair.send("from B"));
        assertEquals(ErrorCode.EBUSY, e.code());
        assertTrue(e.getMessage().contains("'thread-A'") && e.getMessage().contains("'" + me + "'"), e.getMessage());
        ctx.close();
        TestSupport.join(owner);
        assertInstanceOf(ContextClosedException.class, thrown.get());
    }

    @Test
    void aSocketInAPollIsBusyForOtherThreads() throws Exception {
        Context ctx = new Context();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(TestSupport.inproc());
        Thread poller = TestSupport.start("poller-thread", () -> {
            try (Poller p = new Poller()) {
                p.register(pull, Poller.POLLIN);
                p.poll(-1);
            } catch (ContextClosedException expected) {
                // how the poll ends below
            }
        });
        TestSupport.awaitBlocked(poller);
        GannetException e = assertThrows(GannetException.class, () -> pull.recv(Socket.DONTWAIT));
        assertEquals(ErrorCode.EBUSY, e.code());
        assertTrue(e.getMessage().contains("poller-thread"), e.getMessage());
        ctx.close();
        TestSupport.join(poller);
    }

    @Test
    void aSocketMayMoveToAnotherThreadBetweenCalls() throws Exception {
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            push.send("from main");
            Thread other = TestSupport.start("other", () -> push.send("from other"));
            TestSupport.join(other);
            assertEquals("from main", pull.recvString());
            assertEquals("from other", pull.recvString());
        }
    }
}
