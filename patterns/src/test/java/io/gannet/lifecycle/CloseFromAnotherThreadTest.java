package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketClosedException;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code Socket.close()} from any thread, as {@code java.net.Socket.close()}: a call blocked in
 * another thread ends with {@link SocketClosedException}, the socket is closed once, and no
 * thread sees {@code EBUSY}.
 */
class CloseFromAnotherThreadTest {

    /** Starts {@code body} in a thread, returns once it is blocked; the thread records what it threw. */
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

    private static void assertEndedByClose(Thread t, AtomicReference<Throwable> thrown) throws InterruptedException {
        TestSupport.join(t);
        SocketClosedException e = assertInstanceOf(SocketClosedException.class, thrown.get());
        assertEquals(ErrorCode.ENOTSOCK, e.code());
        String closer = Thread.currentThread().getName();
        assertTrue(e.getMessage().contains("closed by thread '" + closer + "'"), e.getMessage());
    }

    @Test
    void aBlockedRecvEndsWithSocketClosed() throws Exception {
        try (Context ctx = new Context()) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind(TestSupport.inproc());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread owner = blockedIn("owner", thrown, pull::recv);
            pull.close();
            assertTrue(pull.isClosed(), "close() returns once the socket is closed");
            assertEndedByClose(owner, thrown);
            SocketClosedException later = assertThrows(SocketClosedException.class, () -> pull.recv(Socket.DONTWAIT));
            assertEquals(ErrorCode.ENOTSOCK, later.code());
        }
    }

    @Test
    void aSendBlockedAtTheHighWaterMarkEndsAndTheCallerKeepsItsData() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.set(SocketOption.RCVHWM, 1).bind(ep);
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(SocketOption.SNDHWM, 1).connect(ep);
            int queued = 0;
            while (push.send("fill", Socket.DONTWAIT)) {
                queued++;
            }
            ByteBuf data = Unpooled.copiedBuffer(new byte[] {1, 2, 3});
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread owner = blockedIn("owner", thrown, () -> push.send(data));
            push.close();
            assertEndedByClose(owner, thrown);
            assertEquals(1, data.refCnt(), "a send that throws leaves the data with the caller");
            data.release();
            // What was queued before the close still lingers out to the reader.
            for (int i = 0; i < queued; i++) {
                assertEquals("fill", pull.recvString());
            }
        }
    }

    @Test
    void aBlockedPollEndsWithSocketClosedAndLaterPollsSayTheSocketIsClosed() throws Exception {
        try (Context ctx = new Context()) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind(TestSupport.inproc());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Throwable> second = new AtomicReference<>();
            Thread owner = blockedIn("owner", thrown, () -> {
                try (Poller poller = new Poller()) {
                    poller.register(pull, Poller.POLLIN);
                    try {
                        poller.poll(-1);
                    } finally {
                        try {
                            poller.poll(0);
                        } catch (Throwable e) {
                            second.set(e);
                        }
                    }
                }
            });
            pull.close();
            assertEndedByClose(owner, thrown);
            assertEquals(ErrorCode.ENOTSOCK, assertInstanceOf(SocketClosedException.class, second.get()).code());
        }
    }

    @Test
    void twoThreadsClosingAtOnceBothReturnWithTheSocketClosed() throws Exception {
        try (Context ctx = new Context()) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind(TestSupport.inproc());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread owner = blockedIn("owner", thrown, pull::recv);
            CyclicBarrier start = new CyclicBarrier(2);
            List<Throwable> errors = new ArrayList<>();
            List<Thread> closers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                closers.add(TestSupport.start("closer-" + i, () -> {
                    try {
                        start.await();
                        pull.close();
                        assertTrue(pull.isClosed());
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    }
                }));
            }
            for (Thread c : closers) {
                TestSupport.join(c);
            }
            TestSupport.join(owner);
            assertEquals(List.of(), errors);
            assertInstanceOf(SocketClosedException.class, thrown.get());
        }
    }

    @Test
    void closingAnIdleSocketFromManyThreadsClosesItOnce() throws Exception {
        try (Context ctx = new Context()) {
            for (int round = 0; round < 50; round++) {
                Socket s = ctx.socket(SocketType.PAIR);
                s.bind(TestSupport.inproc());
                CyclicBarrier start = new CyclicBarrier(3);
                List<Throwable> errors = new ArrayList<>();
                List<Thread> closers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    closers.add(TestSupport.start("closer-" + i, () -> {
                        try {
                            start.await();
                            s.close();
                        } catch (Throwable e) {
                            synchronized (errors) {
                                errors.add(e);
                            }
                        }
                    }));
                }
                for (Thread c : closers) {
                    TestSupport.join(c);
                }
                assertEquals(List.of(), errors);
                assertTrue(s.isClosed());
            }
        }
    }

    @Test
    void closeWhileTheOwnerIsBusyNeverRaisesEbusy() throws Exception {
        // The owner runs non-blocking calls back to back; the close lands between or inside them.
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            for (int round = 0; round < 50; round++) {
                Socket push = ctx.socket(SocketType.PUSH);
                push.connect(ep);
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                Thread owner = TestSupport.start("owner", () -> {
                    try {
                        for (;;) {
                            push.send("x", Socket.DONTWAIT);
                        }
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                });
                TestSupport.await("the owner to send", () -> received(pull));
                push.close();
                assertTrue(push.isClosed());
                TestSupport.join(owner);
                assertInstanceOf(SocketClosedException.class, thrown.get());
            }
            while (received(pull)) {
                // drain what the owners sent
            }
        }
    }

    private static boolean received(Socket s) {
        ByteBuf b = s.recvBuf(Socket.DONTWAIT);
        if (b == null) {
            return false;
        }
        b.release();
        return true;
    }

    @Test
    void aBlockedVirtualThreadIsWokenByClose() throws Exception {
        // A virtual thread where the JVM has them (Java 21+), a platform thread before.
        try (Context ctx = new Context()) {
            Socket rep = ctx.socket(SocketType.REP);
            rep.bind(TestSupport.inproc());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread owner = TestSupport.startVirtualOrPlatform("owner", () -> {
                try {
                    rep.recv();
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            TestSupport.awaitBlocked(owner);
            rep.close();
            assertEndedByClose(owner, thrown);
            assertTrue(rep.isClosed());
        }
    }

    @Test
    void theContextStillClosesASocketAnotherThreadIsClosing() throws Exception {
        Context ctx = new Context();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind(TestSupport.inproc());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread owner = blockedIn("owner", thrown, pull::recv);
        Thread closer = TestSupport.start("closer", pull::close);
        ctx.close();
        TestSupport.join(closer);
        TestSupport.join(owner);
        assertTrue(pull.isClosed());
        // Whichever came first ended the call: the context (ETERM) or the close (ENOTSOCK).
        assertInstanceOf(GannetException.class, thrown.get());
    }
}
