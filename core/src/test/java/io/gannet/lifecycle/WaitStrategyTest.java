package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ContextClosedException;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.GannetInterruptedException;
import io.gannet.Msg;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketClosedException;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.WaitStrategy;
import io.gannet.testing.TestSupport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantics of a blocking call are the same under every {@link WaitStrategy}: deadlines,
 * interrupts, the context or another thread closing the socket, and no wake-up lost when a
 * thread goes from spinning to yielding to sleeping while work arrives. The strategies: the
 * default; yields only; a short spin that reaches the park on almost every wait (so hand-offs
 * race the change of phase); and a spin too long to end during the test (every wait ends in
 * its busy phase, without a waiter registered).
 */
class WaitStrategyTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    static Stream<WaitStrategy> strategies() {
        return Stream.of(WaitStrategy.BLOCKING, WaitStrategy.backoff(0, 2), WaitStrategy.backoff(50, 5),
                WaitStrategy.backoff(Integer.MAX_VALUE, 0));
    }

    private static Context context(WaitStrategy strategy) {
        return Context.builder().waitStrategy(strategy).build();
    }

    @Test
    void theDefaultBlocksAndBackoffChecksItsCounts() {
        try (Context ctx = new Context()) {
            assertSame(WaitStrategy.BLOCKING, ctx.waitStrategy());
        }
        assertSame(WaitStrategy.BLOCKING, WaitStrategy.backoff(0, 0));
        assertTrue(WaitStrategy.BLOCKING.isBlocking());
        WaitStrategy b = WaitStrategy.backoff();
        assertEquals(WaitStrategy.DEFAULT_SPINS, b.spins());
        assertEquals(WaitStrategy.DEFAULT_YIELDS, b.yields());
        assertFalse(b.isBlocking());
        assertEquals(WaitStrategy.backoff(3, 4), WaitStrategy.backoff(3, 4));
        GannetException e = assertThrows(GannetException.class, () -> WaitStrategy.backoff(-1, 0));
        assertEquals(ErrorCode.EINVAL, e.code());
        assertThrows(NullPointerException.class, () -> Context.builder().waitStrategy(null));
        try (Context ctx = context(b)) {
            assertEquals(b, ctx.waitStrategy());
        }
    }

    /** Two threads take turns, over inproc and over the I/O threads: each reply wakes the other side. */
    @ParameterizedTest
    @MethodSource("strategies")
    void pingPongLosesNoWakeUp(WaitStrategy strategy) throws Exception {
        for (String endpoint : new String[] {TestSupport.inproc(), "faulty://127.0.0.1:0"}) {
            try (Context ctx = context(strategy);
                 Socket client = ctx.socket(SocketType.PAIR);
                 Socket server = ctx.socket(SocketType.PAIR)) {
                server.bind(endpoint);
                client.connect(server.lastEndpoint());
                // Spinning for ever, three threads share this 2-core machine's CPUs by time slices:
                // a few rounds prove the point there.
                int rounds = strategy.spins() == Integer.MAX_VALUE ? 50 : 500;
                Thread echo = TestSupport.start("echo", () -> {
                    for (int i = 0; i < rounds; i++) {
                        Msg m = server.recv(PATIENCE);
                        if (m == null) {
                            return;
                        }
                        server.send(m);
                    }
                });
                for (int i = 0; i < rounds; i++) {
                    client.send("ping " + i);
                    Msg reply = client.recv(PATIENCE);
                    assertNotNull(reply, endpoint + ": reply " + i + " under " + strategy);
                    assertEquals("ping " + i, reply.string());
                    reply.close();
                }
                TestSupport.join(echo);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aTimedWaitEndsAtItsDeadlineNotBefore(WaitStrategy strategy) throws Exception {
        try (Context ctx = context(strategy);
             Socket pull = ctx.socket(SocketType.PULL);
             Poller poller = new Poller()) {
            pull.bind(TestSupport.inproc());
            pull.set(SocketOption.RCVTIMEO, 30);
            long t0 = System.nanoTime();
            assertNull(pull.recvBytes(0));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(30), "returned before RCVTIMEO");
            t0 = System.nanoTime();
            assertNull(pull.recv(Duration.ofMillis(20)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(20), "returned before the timeout");
            poller.register(pull, Poller.POLLIN);
            t0 = System.nanoTime();
            assertEquals(0, poller.poll(Duration.ofMillis(20)));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(20), "poll returned early");
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void anInterruptEndsTheWaitAndTheSocketStillWorks(WaitStrategy strategy) throws Exception {
        try (Context ctx = context(strategy);
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<String> after = new AtomicReference<>();
            Thread t = TestSupport.start("interrupted", () -> {
                try {
                    pull.recv();
                } catch (Throwable e) {
                    thrown.set(e);
                    if (!Thread.interrupted()) {
                        thrown.set(new AssertionError("the interrupt status was not set again"));
                    }
                }
                after.set(pull.recvString());
            });
            awaitWaiting(t);
            t.interrupt();
            TestSupport.await("the interrupt is seen", () -> thrown.get() != null);
            push.send("after");
            TestSupport.join(t);
            assertTrue(thrown.get() instanceof GannetInterruptedException, "threw " + thrown.get());
            assertEquals("after", after.get());
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closingTheContextEndsWaitsInRecvAndPoll(WaitStrategy strategy) throws Exception {
        Context ctx = context(strategy);
        Socket a = ctx.socket(SocketType.PULL);
        Socket b = ctx.socket(SocketType.PULL);
        a.bind(TestSupport.inproc());
        b.bind("faulty://127.0.0.1:0");
        AtomicReference<Throwable> fromRecv = new AtomicReference<>();
        AtomicReference<Throwable> fromPoll = new AtomicReference<>();
        Thread receiving = TestSupport.start("recv", () -> fromRecv.set(thrownBy(a::recv)));
        Thread polling = TestSupport.start("poll", () -> {
            try (Poller poller = new Poller()) {
                poller.register(b, Poller.POLLIN);
                fromPoll.set(thrownBy(() -> poller.poll(-1)));
            }
        });
        awaitWaiting(receiving);
        awaitWaiting(polling);
        ctx.close();
        TestSupport.join(receiving);
        TestSupport.join(polling);
        assertTrue(fromRecv.get() instanceof ContextClosedException, "recv threw " + fromRecv.get());
        assertTrue(fromPoll.get() instanceof ContextClosedException, "poll threw " + fromPoll.get());
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void closingTheSocketFromAnotherThreadEndsItsWait(WaitStrategy strategy) throws Exception {
        try (Context ctx = context(strategy)) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind(TestSupport.inproc());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = TestSupport.start("recv", () -> thrown.set(thrownBy(pull::recv)));
            awaitWaiting(t);
            pull.close();
            TestSupport.join(t);
            assertTrue(thrown.get() instanceof SocketClosedException, "threw " + thrown.get());
            assertTrue(pull.isClosed());
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void aBlockedSendIsWokenWhenTheReaderMakesRoom(WaitStrategy strategy) throws Exception {
        try (Context ctx = context(strategy);
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            pull.set(SocketOption.RCVHWM, 1).bind(ep);
            push.set(SocketOption.SNDHWM, 1).connect(ep);
            int count = 200;
            Thread sender = TestSupport.start("sender", () -> {
                for (int i = 0; i < count; i++) {
                    push.send("m" + i); // blocks at the high-water mark again and again
                }
            });
            for (int i = 0; i < count; i++) {
                Msg m = pull.recv(PATIENCE);
                assertNotNull(m, "message " + i);
                assertEquals("m" + i, m.string());
                m.close();
            }
            TestSupport.join(sender);
        }
    }

    private static Throwable thrownBy(Runnable call) {
        try {
            call.run();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    /**
     * Waits until {@code t} is inside a wait: parked, or (spinning, so runnable) with the
     * mailbox's or the poller's waiting loop on its stack.
     */
    private static void awaitWaiting(Thread t) {
        TestSupport.await(t.getName() + " waits", () -> {
            Thread.State s = t.getState();
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || !t.isAlive()) {
                return true;
            }
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getMethodName().equals("await") && f.getClassName().endsWith("SocketMailbox")
                        || f.getMethodName().equals("waitReady") && f.getClassName().endsWith("Poller")) {
                    return true;
                }
            }
            return false;
        });
    }
}
