package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LINGER on connecting sockets over tcp and ipc: a receiver that appears within LINGER gets
 * what was sent before the close, also while the context closes; after LINGER the messages are
 * dropped and counted; the context's close is bounded by its linger limit, by
 * {@code close(Duration)} and by an interrupt.
 */
class LingerTest {
    @TempDir
    Path dir;

    /** An endpoint nobody listens on yet, that a receiver can bind later. */
    private String absentEndpoint(String transport) throws Exception {
        return transport.equals("tcp") ? "tcp://127.0.0.1:" + TestSupport.freePort()
                : "ipc://" + dir.resolve("linger.sock");
    }

    private static Socket sender(Context ctx, String endpoint, int linger, int messages) {
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(SocketOption.LINGER, linger);
        push.set(SocketOption.RECONNECT_IVL, 20);
        push.connect(endpoint);
        for (int i = 0; i < messages; i++) {
            assertTrue(push.send("m" + i));
        }
        return push;
    }

    /** Closes {@code ctx} in a new thread and returns once that thread waits for lingering messages. */
    private static Thread closeInBackground(Context ctx, AtomicBoolean interruptedAfter) throws InterruptedException {
        Thread t = new Thread(() -> {
            ctx.close();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        }, "closer");
        t.start();
        TestSupport.await("the close to wait", () -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void receiverThatAppearsWithinLingerWhileTheContextClosesGetsEverything(String transport) throws Exception {
        String ep = absentEndpoint(transport);
        Context ctx = new Context();
        Socket push = sender(ctx, ep, 10_000, 3);
        push.close();
        Thread closer = closeInBackground(ctx, new AtomicBoolean());
        assertTrue(closer.isAlive(), "Context.close() waits for the unsent messages");
        try (Context other = new Context(); Socket pull = other.socket(SocketType.PULL)) {
            pull.bind(ep);
            for (int i = 0; i < 3; i++) {
                assertEquals("m" + i, TestSupport.recv(pull));
            }
        }
        TestSupport.join(closer);
        assertEquals(0, push.droppedMessages());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void afterLingerTheMessagesAreDroppedAndCounted(String transport) throws Exception {
        String ep = absentEndpoint(transport);
        Socket push;
        try (Context ctx = new Context()) {
            push = sender(ctx, ep, 100, 3);
            push.close();
            // The socket is closed; the session gives up alone when LINGER runs out.
            TestSupport.await("the drop to be counted", () -> push.droppedMessages() == 3);
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(ep);
                assertNull(pull.recv(Duration.ofMillis(200)), "nothing arrives after LINGER");
            }
        }
        assertEquals(3, push.droppedMessages());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void contextCloseReturnsWhenLingerRunsOutAndCountsTheRest(String transport) throws Exception {
        String ep = absentEndpoint(transport);
        Context ctx = new Context();
        Socket push = sender(ctx, ep, 150, 5);
        ctx.close();
        assertEquals(5, push.droppedMessages());
    }

    @Test
    void lingerMinusOneWaitsAtMostTheContextsLingerLimit() throws Exception {
        String ep = absentEndpoint("tcp");
        Context ctx = Context.builder().lingerLimit(Duration.ofMillis(150)).build();
        assertEquals(Duration.ofMillis(150), ctx.lingerLimit().orElseThrow());
        Socket push = sender(ctx, ep, -1, 4);
        ctx.close();
        assertEquals(4, push.droppedMessages());
    }

    @Test
    void theDefaultLingerLimitIsThirtySeconds() {
        try (Context ctx = new Context()) {
            assertEquals(Context.DEFAULT_LINGER_LIMIT, ctx.lingerLimit().orElseThrow());
            assertEquals(Duration.ofSeconds(30), Context.DEFAULT_LINGER_LIMIT);
        }
        try (Context forever = Context.builder().lingerLimit(null).build()) {
            assertTrue(forever.lingerLimit().isEmpty());
        }
    }

    @Test
    void anExplicitLingerIsNotShortenedByTheLimit() throws Exception {
        String ep = absentEndpoint("tcp");
        Context ctx = Context.builder().lingerLimit(Duration.ZERO).build();
        Socket push = sender(ctx, ep, 10_000, 2);
        Thread closer = closeInBackground(ctx, new AtomicBoolean());
        try (Context other = new Context(); Socket pull = other.socket(SocketType.PULL)) {
            pull.bind(ep);
            assertEquals("m0", TestSupport.recv(pull));
            assertEquals("m1", TestSupport.recv(pull));
        }
        TestSupport.join(closer);
        assertEquals(0, push.droppedMessages());
    }

    @Test
    void aCloseThatWaitsSaysWhatItWaitsForInTheLog() throws Exception {
        // slf4j-simple writes to System.err as it is at each line (logFile=System.err, not cached).
        String ep = absentEndpoint("tcp");
        Context ctx = new Context();
        Socket push = sender(ctx, ep, 60_000, 2);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Thread closer;
        try {
            closer = closeInBackground(ctx, new AtomicBoolean());
            String expected = "PUSH " + ep + ": Context.close() is waiting for 2 unsent message(s) (not connected yet);"
                    + " it waits up to ";
            TestSupport.await("the log line", () -> captured.toString(StandardCharsets.UTF_8).contains(expected));
        } finally {
            System.setErr(original);
        }
        closer.interrupt();
        TestSupport.join(closer);
        assertEquals(2, push.droppedMessages());
    }

    @Test
    void hugeTimeoutsAndLimitsMeanWaitingNotGivingUpAtOnce() throws Exception {
        String ep = absentEndpoint("tcp");
        Context ctx = Context.builder().lingerLimit(ChronoUnit.FOREVER.getDuration()).build();
        assertEquals(Duration.ofMillis(Integer.MAX_VALUE), ctx.lingerLimit().orElseThrow());
        Socket push = sender(ctx, ep, -1, 2);
        Thread closer = new Thread(() -> ctx.close(ChronoUnit.MILLENNIA.getDuration()), "closer");
        closer.start();
        TestSupport.await("the close to wait", () -> closer.getState() == Thread.State.WAITING
                || closer.getState() == Thread.State.TIMED_WAITING);
        try (Context other = new Context(); Socket pull = other.socket(SocketType.PULL)) {
            pull.bind(ep);
            assertEquals("m0", TestSupport.recv(pull));
            assertEquals("m1", TestSupport.recv(pull));
        }
        TestSupport.join(closer);
        assertEquals(0, push.droppedMessages());
    }

    @Test
    void closeWithATimeoutBoundsAnEndlessLinger() throws Exception {
        String ep = absentEndpoint("tcp");
        Context ctx = Context.builder().lingerLimit(null).build();
        Socket push = sender(ctx, ep, -1, 3);
        ctx.close(Duration.ofMillis(150));
        assertTrue(ctx.isClosed());
        assertEquals(3, push.droppedMessages());
        TestSupport.assertNoIoThreads();
    }

    @Test
    void interruptingTheClosingThreadStopsTheWaitAndKeepsTheInterrupt() throws Exception {
        String ep = absentEndpoint("tcp");
        Context ctx = Context.builder().lingerLimit(null).build();
        Socket push = sender(ctx, ep, -1, 3);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread closer = closeInBackground(ctx, interruptedAfter);
        closer.interrupt();
        TestSupport.join(closer);
        assertTrue(interruptedAfter.get(), "close() sets the interrupt status again");
        assertEquals(3, push.droppedMessages());
        TestSupport.assertNoIoThreads();
    }

    @Test
    void aConnectedPeerThatStopsReadingLosesExactlyWhatWasNotWritten() throws Exception {
        // Every message is either received or counted as dropped: the count covers the pipe,
        // the engine's unwritten batch and a message cut in the middle by the close.
        int sent = 2000;
        try (Context receiving = new Context(); Socket pull = receiving.socket(SocketType.PULL)) {
            pull.set(SocketOption.RCVHWM, 2);
            pull.bind("tcp://127.0.0.1:*");
            Context ctx = new Context();
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(SocketOption.LINGER, 100);
            push.set(SocketOption.SNDHWM, 0);
            push.connect(pull.lastEndpoint());
            byte[] body = new byte[16 * 1024];
            for (int i = 0; i < sent; i++) {
                assertTrue(push.send(body));
            }
            ctx.close();
            long dropped = push.droppedMessages();
            assertTrue(dropped > 0 && dropped < sent, "some were written, some dropped: " + dropped);
            long expected = sent - dropped;
            long received = 0;
            while (received < expected) {
                Msg m = pull.recv(TestSupport.TIMEOUT);
                assertNotNull(m, "received " + received + " of " + expected);
                assertEquals(body.length, m.size());
                m.close();
                received++;
            }
            assertNull(pull.recv(Duration.ofMillis(100)), "nothing beyond what was not counted as dropped");
        }
    }

    @Test
    void disconnectReportsTheDropToTheMonitor() throws Exception {
        String ep = absentEndpoint("tcp");
        try (Context ctx = new Context(); Socket push = sender(ctx, ep, 100, 2)) {
            Monitor m = push.monitor(EnumSet.of(SocketEvent.MESSAGES_DROPPED));
            push.disconnect(ep);
            MonitorEvent e = TestSupport.expect(m, SocketEvent.MESSAGES_DROPPED);
            assertEquals(2, e.value());
            assertEquals(ep, e.endpoint());
            assertTrue(e.detail().contains("LINGER"), e.detail());
            assertEquals(2, push.droppedMessages());
            assertFalse(push.isClosed());
        }
    }

    @Test
    void closingTheContextRightAfterSendingStillDeliversToAPeerThatIsThere() {
        try (Context server = new Context(); Socket pull = server.socket(SocketType.PULL)) {
            pull.bind("tcp://127.0.0.1:*");
            Socket push;
            try (Context ctx = new Context()) {
                push = ctx.socket(SocketType.PUSH);
                push.connect(pull.lastEndpoint());
                push.send("last words");
            }
            assertEquals("last words", TestSupport.recv(pull));
            assertEquals(0, push.droppedMessages());
        }
    }
}
