package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.internal.Command;
import io.gannet.testing.StderrCapture;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bug of ours on an I/O thread (an exception escaping a handler, a command or a timer) is
 * logged at ERROR with its stack, closes only what it hit, and an {@link Error} reaches the
 * thread's uncaught-exception handler; the thread goes on serving its other channels.
 */
class IoThreadFailureTest {
    private IoThread io;
    private Endpoint healthy;

    @BeforeEach
    void start() throws Exception {
        io = new IoThread("io-failure-test", PooledByteBufAllocator.DEFAULT);
        io.start();
        healthy = register(null);
    }

    @AfterEach
    void stop() throws Exception {
        io.stop();
        io.join();
        healthy.close();
    }

    @Test
    void anExceptionInOneHandlerClosesItWithAnErrorLogAndOthersGoOn() throws Exception {
        String log;
        Endpoint faulty;
        try (StderrCapture err = new StderrCapture()) {
            faulty = register(new NullPointerException("a bug in a handler"));
            faulty.poke();
            Throwable cause = faulty.failure.get(10, TimeUnit.SECONDS);
            assertInstanceOf(NullPointerException.class, cause);
            log = awaitLog(err, "a bug in a handler");
        }
        assertTrue(log.contains("ERROR"), log);
        assertTrue(log.contains("bug: "), log);
        assertTrue(log.contains("at io.gannet.internal.engine.IoThreadFailureTest"), "the stack is logged: " + log);
        assertHealthyStillServed();
        faulty.close();
    }

    @Test
    void anErrorInAHandlerIsHandedToTheUncaughtExceptionHandlerAndNotSwallowed() throws Exception {
        LinkedBlockingQueue<Throwable> uncaught = new LinkedBlockingQueue<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        Endpoint faulty;
        try (StderrCapture err = new StderrCapture()) {
            TestError error = new TestError();
            faulty = register(error);
            faulty.poke();
            assertSame(error, faulty.failure.get(10, TimeUnit.SECONDS), "the handler was closed first");
            assertSame(error, uncaught.poll(10, TimeUnit.SECONDS), "then the Error reached the handler");
            awaitLog(err, TestError.class.getSimpleName());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertHealthyStillServed();
        faulty.close();
    }

    @Test
    void anExceptionInACommandIsLoggedAtErrorAndTheLoopGoesOn() throws Exception {
        String log;
        try (StderrCapture err = new StderrCapture()) {
            io.post(new Command.Run(() -> {
                throw new IllegalStateException("a bug in a command");
            }));
            log = awaitLog(err, "a bug in a command");
        }
        assertTrue(log.contains("ERROR"), log);
        assertHealthyStillServed();
    }

    @Test
    void anExceptionInATimerIsLoggedAtErrorAndTheLoopGoesOn() throws Exception {
        String log;
        try (StderrCapture err = new StderrCapture()) {
            IoTimer timer = new IoTimer(t -> {
                throw new IllegalStateException("a bug in a timer");
            });
            io.execute(() -> io.schedule(timer, 0));
            log = awaitLog(err, "a bug in a timer");
        }
        assertTrue(log.contains("ERROR"), log);
        assertHealthyStillServed();
    }

    private void assertHealthyStillServed() throws Exception {
        int before = healthy.served.get();
        healthy.poke();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (healthy.served.get() == before) {
            assertTrue(System.nanoTime() < deadline, "the healthy channel is not served any more");
            Thread.sleep(1);
        }
    }

    private static String awaitLog(StderrCapture err, String needle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!err.text().contains(needle)) {
            assertTrue(System.nanoTime() < deadline, "not logged: " + needle);
            Thread.sleep(1);
        }
        // The stack trace follows the message line; let the logger finish writing it.
        String text = err.text();
        while (!text.contains("\tat ") && System.nanoTime() < deadline) {
            Thread.sleep(1);
            text = err.text();
        }
        return text;
    }

    /** Registers a pipe's source on the I/O thread; its handler throws {@code fault} when it has one. */
    private Endpoint register(Throwable fault) throws Exception {
        Endpoint e = new Endpoint(Pipe.open(), fault);
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                e.key = io.register(e.pipe.source(), SelectionKey.OP_READ, e);
                done.complete(null);
            } catch (ClosedChannelException ex) {
                done.completeExceptionally(ex);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        return e;
    }

    private static final class TestError extends Error {
        private static final long serialVersionUID = 1L;

        TestError() {
            super("a bug that is an Error");
        }
    }

    private static final class Endpoint implements IoHandler {
        final Pipe pipe;
        final Throwable fault;
        final AtomicInteger served = new AtomicInteger();
        final CompletableFuture<Throwable> failure = new CompletableFuture<>();
        volatile SelectionKey key;

        Endpoint(Pipe pipe, Throwable fault) throws IOException {
            this.pipe = pipe;
            this.fault = fault;
            pipe.source().configureBlocking(false);
        }

        void poke() throws IOException {
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        }

        @Override
        public void ready(int readyOps) {
            try {
                pipe.source().read(ByteBuffer.allocate(64));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            served.incrementAndGet();
            if (fault instanceof RuntimeException) {
                throw (RuntimeException) fault;
            }
            if (fault instanceof Error) {
                throw (Error) fault;
            }
        }

        @Override
        public void failed(Throwable cause) {
            key.cancel();
            failure.complete(cause);
        }

        void close() throws IOException {
            pipe.sink().close();
            pipe.source().close();
        }
    }
}
