package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Helpers shared by the transport tests: waiting for conditions, monitor events, leaks. */
final class TestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TestSupport() {
    }

    /** Polls {@code condition} until it holds, failing after {@link #TIMEOUT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /**
     * Joins a helper thread, failing if it does not end in time. Join a thread that uses a
     * socket before the socket is closed: closing it while the thread is still inside a call
     * is the EBUSY the thread guard reports.
     */
    static void join(Thread t) throws InterruptedException {
        t.join(TIMEOUT.toMillis());
        if (t.isAlive()) {
            fail(t.getName() + " did not finish");
        }
    }

    /** Waits for the next event of {@code type}, skipping others; fails after the timeout. */
    static MonitorEvent expect(Monitor m, SocketEvent type) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("no " + type + " event");
            }
            MonitorEvent e = m.next(Duration.ofNanos(left));
            if (e != null && e.event() == type) {
                return e;
            }
        }
    }

    /** Receives one frame as a string, failing instead of hanging when none comes. */
    static String recv(Socket s) {
        Msg m = s.recv(TIMEOUT);
        if (m == null) {
            fail("no message within " + TIMEOUT);
        }
        try {
            return m.string();
        } finally {
            m.close();
        }
    }

    /** A TCP port that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** Number of open file descriptors of this process (Linux). */
    static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gannet-io-") && t.isAlive()).count();
    }

    static void assertNoIoThreads() throws InterruptedException {
        await("I/O threads to end", () -> ioThreads() == 0);
        assertEquals(0, ioThreads());
    }
}
