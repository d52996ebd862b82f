package io.gannet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Helpers for core's socket tests: fresh inproc endpoints, waiting on conditions, threads. */
public final class TestSupport {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private TestSupport() {
    }

    /** A fresh inproc endpoint. */
    public static String inproc() {
        return "inproc://core-t" + NAMES.incrementAndGet();
    }

    /** Waits until {@code condition} holds, failing with {@code what} after a generous deadline. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting until " + what);
            }
        }
    }

    /** Waits until {@code t} is parked (blocked in a Gannet call), so the next step finds it blocked. */
    public static void awaitBlocked(Thread t) {
        await(t.getName() + " blocks", () -> {
            Thread.State s = t.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || !t.isAlive();
        });
    }

    /** Joins {@code t}, failing if it does not end in time. */
    public static void join(Thread t) throws InterruptedException {
        t.join(PATIENCE.toMillis());
        if (t.isAlive()) {
            fail(t.getName() + " did not finish");
        }
    }

    /** Starts a named daemon platform thread. */
    public static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
