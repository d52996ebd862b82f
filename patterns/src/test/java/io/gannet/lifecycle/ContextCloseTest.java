package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ContextClosedException;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** zmq_ctx_term without the hang: blocked calls end, sockets close, lingering messages arrive. */
class ContextCloseTest {

    /** Runs {@code body} in a thread, returns it once blocked; the thread records what it threw. */
    private static Thread blockedIn(String name, AtomicReference<Throwable> thrown, Runnable body) {
        Thread t = TestSupport.start(name, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        TestSupport.awaitBlocked(t);
        return t;
    }

    private static void assertClosedByContext(Socket s) {
        assertThrows(ContextClosedException.class, () -> s.recv(Socket.DONTWAIT));
        assertTrue(s.isClosed(), "the context closed the socket");
        s.close(); // a no-op now
    }

    @Test
    void closeEndsABlockedRecv() throws Exception {
        Context ctx = new Context();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(TestSupport.inproc());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = blockedIn("blocked-recv", thrown, pull::recv);
        ctx.close();
        TestSupport.join(t);
        assertInstanceOf(ContextClosedException.class, thrown.get());
        assertClosedByContext(pull);
        assertThrows(ContextClosedException.class, () -> pull.send("x"));
        assertThrows(ContextClosedException.class, () -> ctx.socket(SocketType.PUSH));
    }

    @Test
    void closeEndsASendBlockedAtTheHwm() throws Exception {
        Context ctx = new Context();
        Socket push = ctx.socket(SocketType.PUSH);
        Socket pull = ctx.socket(SocketType.PULL);
        String ep = TestSupport.inproc();
        pull.set(SocketOption.RCVHWM, 1).bind(ep);
        push.set(SocketOption.SNDHWM, 1).connect(ep);
        assertTrue(push.send("a"));
        assertTrue(push.send("b"));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = blockedIn("blocked-send", thrown, () -> push.send("c"));
        ctx.close();
        TestSupport.join(t);
        assertInstanceOf(ContextClosedException.class, thrown.get());
        assertClosedByContext(push);
        assertClosedByContext(pull);
    }

    @Test
    void closeEndsABlockedPoll() throws Exception {
        Context ctx = new Context();
        Socket a = ctx.socket(SocketType.PULL);
        Socket b = ctx.socket(SocketType.PULL);
        a.bind(TestSupport.inproc());
        b.bind(TestSupport.inproc());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = blockedIn("blocked-poll", thrown, () -> {
            try (Poller poller = new Poller()) {
                poller.register(a, Poller.POLLIN);
                poller.register(b, Poller.POLLIN);
                poller.poll(-1);
            }
        });
        ctx.close();
        TestSupport.join(t);
        assertInstanceOf(ContextClosedException.class, thrown.get());
        assertClosedByContext(a);
        assertClosedByContext(b);
    }

    @Test
    void closeWithManyOpenSocketsInEveryStateReturns() {
        Context ctx = new Context();
        List<Socket> all = new ArrayList<>();
        String bound = TestSupport.inproc();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(bound);
        all.add(pull);
        for (int i = 0; i < 5; i++) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.connect(bound);
            push.send("queued " + i);
            all.add(push);
        }
        Socket early = ctx.socket(SocketType.PUSH);
        early.connect(TestSupport.inproc()); // never bound: a connect still pending
        early.sendMore("half a message");
        all.add(early);
        Socket pair = ctx.socket(SocketType.PAIR);
        pair.monitor(Set.of());
        all.add(pair);

        ctx.close();
        for (Socket s : all) {
            assertTrue(s.isClosed(), s + " was closed by the context");
        }
        ctx.close(); // idempotent
        assertTrue(ctx.isClosed());
    }

    @Test
    void messagesSentBeforeTheSenderClosesStillArrive() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.connect(ep);
                for (int i = 0; i < 100; i++) {
                    assertTrue(push.send("m" + i));
                }
            } // LINGER -1: the queue outlives the socket
            for (int i = 0; i < 100; i++) {
                assertEquals("m" + i, pull.recvString());
            }
            assertNull(pull.recvBuf(Socket.DONTWAIT));
        }
    }

    @Test
    void lingerZeroDiscardsWhatTheSenderQueued() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.set(SocketOption.LINGER, 0).connect(ep);
                for (int i = 0; i < 100; i++) {
                    assertTrue(push.send("m" + i));
                }
            }
            assertNull(pull.recvBuf(Socket.DONTWAIT), "LINGER 0 dropped the queue");
        }
    }

    @Test
    void contextCloseDeliversLingeringInprocMessagesToNoOne() {
        // Both ends close with the context: nothing may leak (the leak check runs after the class).
        Context ctx = new Context();
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        String ep = TestSupport.inproc();
        pull.bind(ep);
        push.connect(ep);
        for (int i = 0; i < 50; i++) {
            push.send("m" + i);
        }
        push.sendMore("unfinished");
        ctx.close();
        assertTrue(push.isClosed() && pull.isClosed());
    }

    @Test
    void noGannetThreadOutlivesItsContext() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PAIR)) {
            s.bind(TestSupport.inproc());
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertFalse(t.getName().toLowerCase(Locale.ROOT).startsWith("gannet") && t.isAlive(),
                    "thread " + t.getName() + " is still running after its context closed");
        }
    }
}
