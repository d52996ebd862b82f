package io.gannet.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Helpers shared by the behaviour tests: endpoints per transport, waiting on conditions, threads. */
public final class TestSupport {
    /**
     * The transports the behaviour tests run over: inproc here; the transports module runs
     * the same test classes again with {@code -Dgannet.test.transports=tcp,ipc}.
     */
    public static final List<String> TRANSPORTS =
            List.of(System.getProperty("gannet.test.transports", "inproc").split(","));

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final MethodHandle START_VIRTUAL = findStartVirtual();
    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    private TestSupport() {
    }

    /** A fresh bind endpoint of {@code transport}; read the real one back with lastEndpoint(). */
    public static String bindEndpoint(String transport) {
        switch (transport) {
            case "inproc": return "inproc://t" + NAMES.incrementAndGet();
            case "tcp": return "tcp://127.0.0.1:*";
            case "ipc": return "ipc://" + ipcPath();
            default: throw new IllegalArgumentException("no test endpoint for " + transport);
        }
    }

    /** A fresh Unix socket path in a private temporary directory (short: sun_path is ~108 bytes). */
    private static String ipcPath() {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "gn");
            dir.toFile().deleteOnExit();
            return dir.resolve("s" + NAMES.incrementAndGet()).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh inproc endpoint. */
    public static String inproc() {
        return bindEndpoint("inproc");
    }

    /** Waits until {@code condition} holds, failing with {@code what} after a generous deadline. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.onSpinWait();
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

    /** Starts a named platform thread. */
    public static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Whether this JVM has virtual threads (Java 21+). */
    public static boolean virtualThreadsAvailable() {
        return START_VIRTUAL != null;
    }

    /** Starts a virtual thread where the JVM has them, else a platform thread. */
    public static Thread startVirtualOrPlatform(String name, Runnable body) {
        if (START_VIRTUAL == null) {
            return start(name, body);
        }
        try {
            return (Thread) START_VIRTUAL.invoke(body);
        } catch (Throwable e) {
            throw new AssertionError("could not start a virtual thread", e);
        }
    }

    /** Whether {@code t} is a virtual thread (always false before Java 21). */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invoke(t);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    private static MethodHandle findStartVirtual() {
        try {
            // Thread.startVirtualThread(Runnable), Java 21+; the build targets Java 17.
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
