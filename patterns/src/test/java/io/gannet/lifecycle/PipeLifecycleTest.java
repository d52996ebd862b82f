package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of the core's pipes and termination, over inproc: connect before bind, unbind
 * and disconnect, both ends closing at once, a peer leaving with messages still queued. The
 * class-wide leak check verifies every queued frame was released.
 */
class PipeLifecycleTest {
    /**
     * Peers come and go while a ROUTER reads multipart messages frame by frame: every message
     * must arrive whole, from one peer. (A peer that left while the ROUTER was half-way through
     * another peer's message once moved the fair queue's cursor, so the rest of the message
     * was read from a third peer.)
     */
    @Test
    void multipartMessagesStayWholeWhilePeersLeave() throws Exception {
        int threads = 4;
        int peersPerThread = 500;
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER)) {
            String ep = TestSupport.inproc();
            router.bind(ep);
            Thread[] senders = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                String prefix = "t" + t + "-";
                senders[t] = TestSupport.start("send-and-leave-" + t, () -> {
                    for (int i = 0; i < peersPerThread; i++) {
                        try (Socket dealer = ctx.socket(SocketType.DEALER)) {
                            dealer.connect(ep);
                            String n = prefix + i;
                            dealer.sendMore(n + "/a");
                            dealer.sendMore(n + "/b");
                            dealer.send(n + "/c");
                            assertEquals("ok", dealer.recvString()); // leaves once its message was read
                        }
                    }
                });
            }
            for (int received = 0; received < threads * peersPerThread; received++) {
                try (Multipart m = router.recvMultipart()) {
                    assertEquals(4, m.size(), "routing id and three frames");
                    String n = m.get(1).string().replace("/a", "");
                    assertEquals(n + "/b", m.get(2).string());
                    assertEquals(n + "/c", m.get(3).string());
                    router.sendMore(m.get(0).bytes());
                    router.send("ok");
                }
            }
            for (Thread t : senders) {
                TestSupport.join(t);
            }
        }
    }

    @Test
    void connectBeforeBindQueuesMessagesForTheBinder() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            push.connect(ep);
            for (int i = 0; i < 3; i++) {
                assertTrue(push.send("early " + i, Socket.DONTWAIT));
            }
            pull.bind(ep);
            for (int i = 0; i < 3; i++) {
                assertEquals("early " + i, pull.recvString());
            }
            push.send("late");
            assertEquals("late", pull.recvString());
        }
    }

    @Test
    void aSenderBlockedBeforeTheBindResumesWhenTheBinderRaisesTheHwm() throws InterruptedException {
        // Before the bind the pipe holds SNDHWM + 1000; the binder's large RCVHWM raises it so
        // far that the reader alone would not look for the blocked sender before draining.
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            push.set(SocketOption.SNDHWM, 10);
            pull.set(SocketOption.RCVHWM, 100_000);
            pull.set(SocketOption.RCVTIMEO, 10_000);
            push.connect(ep);
            int queued = 0;
            while (push.send("m" + queued, Socket.DONTWAIT)) {
                queued++;
            }
            assertEquals(1010, queued, "SNDHWM + the binder's default RCVHWM before the bind");
            int total = queued + 1;
            Thread sender = TestSupport.start("blocked-sender", () -> push.send("m" + (total - 1)));
            TestSupport.awaitBlocked(sender);
            pull.bind(ep);
            for (int i = 0; i < total; i++) {
                assertEquals("m" + i, pull.recvString());
            }
            TestSupport.join(sender);
        }
    }

    @Test
    void aConnectStillPendingIsDroppedWhenItsSocketClosesWithLingerZero() {
        // With a LINGER, the messages would wait for the bind instead (InprocLingerTest).
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(SocketOption.LINGER, 0);
            push.connect(ep);
            push.send("queued before any bind");
            push.close();
            assertEquals(1, push.droppedMessages());
            pull.bind(ep);
            try (Socket again = ctx.socket(SocketType.PUSH)) {
                again.connect(ep);
                again.send("fresh");
                assertEquals("fresh", pull.recvString(), "the dropped connect left nothing behind it");
            }
        }
    }

    @Test
    void disconnectBeforeBindCancelsThePendingConnect() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            push.connect(ep);
            push.send("dropped");
            push.disconnect(ep);
            assertFalse(push.send("x", Socket.DONTWAIT), "no pipe left");
            pull.bind(ep);
            assertNull(pull.recvBuf(Socket.DONTWAIT));
        }
    }

    @Test
    void aPeerThatClosesBeforeItsPipeIsAttachedIsNotSentTo() {
        // PULL connects (its pipe's other end waits in PUSH's mailbox) and closes at once;
        // PUSH must learn that when it attaches the pipe, not load-balance into it.
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket live = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            push.bind(ep);
            Socket gone = ctx.socket(SocketType.PULL);
            gone.connect(ep);
            gone.close();
            live.set(SocketOption.RCVTIMEO, 5000).connect(ep);
            for (int i = 0; i < 10; i++) {
                assertTrue(push.send("m" + i, Socket.DONTWAIT));
            }
            for (int i = 0; i < 10; i++) {
                assertEquals("m" + i, live.recvString());
            }
        }
    }

    @Test
    void unbindClosesTheAcceptedPipesAndFreesTheName() {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Socket other = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            assertTrue(push.send("before"));
            pull.unbind(ep);
            assertNull(pull.recvBuf(Socket.DONTWAIT), "the pipe went with the unbind");
            TestSupport.await("PUSH sees its peer gone", () -> !push.send("x", Socket.DONTWAIT));
            other.bind(ep);
            push.connect(ep);
            push.send("after");
            assertEquals("after", other.recvString());
        }
    }

    @Test
    void disconnectingTheWriterStillDeliversWhatItQueued() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            for (int i = 0; i < 5; i++) {
                push.send("m" + i);
            }
            push.disconnect(ep); // LINGER -1: the queue is read to its end
            for (int i = 0; i < 5; i++) {
                assertEquals("m" + i, pull.recvString());
            }
            assertNull(pull.recvBuf(Socket.DONTWAIT));
            push.connect(ep);
            push.send("again");
            assertEquals("again", pull.recvString());
        }
    }

    @Test
    void aReaderLeavingWithMessagesQueuedFreesThemAndTheWriterMovesOn() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket stays = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            push.bind(ep);
            Socket leaves = ctx.socket(SocketType.PULL);
            leaves.connect(ep);
            for (int i = 0; i < 20; i++) {
                push.send("to the leaver " + i);
            }
            leaves.close(); // 20 messages unread: released, never delivered
            stays.set(SocketOption.RCVTIMEO, 5000).connect(ep);
            for (int i = 0; i < 5; i++) {
                assertTrue(push.send("m" + i));
            }
            for (int i = 0; i < 5; i++) {
                assertEquals("m" + i, stays.recvString());
            }
        }
    }

    @Test
    void anUnfinishedMultipartMessageIsDroppedWhenTheWriterCloses() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.connect(ep);
                push.send("whole");
                push.sendMore("half");
            }
            assertEquals("whole", pull.recvString());
            assertFalse(pull.hasMore());
            assertNull(pull.recvBuf(Socket.DONTWAIT), "readers only ever see whole messages");
        }
    }

    @Test
    void bothEndsClosingAtOnceLeakNothing() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        for (int round = 0; round < 200; round++) {
            try (Context ctx = new Context()) {
                String ep = TestSupport.inproc();
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH);
                if (round % 2 == 0) {
                    pull.bind(ep);
                    push.connect(ep);
                } else {
                    push.bind(ep);
                    pull.connect(ep);
                }
                pull.set(SocketOption.LINGER, round % 3 == 0 ? 0 : -1);
                for (int i = 0; i < 10; i++) {
                    push.send("m" + i);
                }
                push.sendMore("unfinished");
                AtomicReference<Throwable> failed = new AtomicReference<>();
                Thread other = TestSupport.start("closer", () -> {
                    try {
                        barrier.await();
                        pull.close();
                    } catch (Throwable e) {
                        failed.set(e);
                    }
                });
                barrier.await();
                push.close();
                TestSupport.join(other);
                assertNull(failed.get());
            }
        }
    }

    @Test
    void pairRefusesASecondPeerAndKeepsTheFirst() {
        try (Context ctx = new Context();
             Socket a = ctx.socket(SocketType.PAIR);
             Socket b = ctx.socket(SocketType.PAIR);
             Socket c = ctx.socket(SocketType.PAIR)) {
            String ep = TestSupport.inproc();
            a.bind(ep);
            b.connect(ep);
            c.connect(ep);
            assertTrue(b.send("from b"));
            assertEquals("from b", a.recvString());
            TestSupport.await("the refused peer sees its pipe closed", () -> !c.send("x", Socket.DONTWAIT));
            a.send("to b");
            assertEquals("to b", b.recvString());
        }
    }

    @Test
    void aSocketClosedWhileItsPeerIsBlockedLetsThePeerGoOnWithOthers() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            AtomicReference<String> got = new AtomicReference<>();
            Thread reader = TestSupport.start("reader", () -> got.set(pull.recvString()));
            TestSupport.awaitBlocked(reader);
            Socket first = ctx.socket(SocketType.PUSH);
            first.connect(ep);
            first.close(); // says nothing
            try (Socket second = ctx.socket(SocketType.PUSH)) {
                second.connect(ep);
                second.send("hello");
                TestSupport.join(reader);
            }
            assertEquals("hello", got.get());
        }
    }
}
