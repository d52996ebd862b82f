package io.gannet.patterns.reqrep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Shared helpers for the RFC 28 scenario tests. Every scenario takes a {@link Transport}
 * from {@link #transports()}, so tcp and ipc are added there with one line each.
 */
final class SpecSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private SpecSupport() {
    }

    /** Makes fresh bindable addresses of one transport. */
    interface Transport {
        String address();
    }

    /** The transports every scenario runs over. */
    static Stream<Named<Transport>> transports() {
        return TestSupport.TRANSPORTS.stream()
                .map(name -> Named.of(name, (Transport) () -> TestSupport.bindEndpoint(name)));
    }

    /**
     * Inproc only, for scenarios whose timing only inproc makes deterministic (the behaviour
     * under test is the same on every transport).
     */
    static Stream<Named<Transport>> inproc() {
        return Stream.of(Named.of("inproc", (Transport) () -> TestSupport.bindEndpoint("inproc")));
    }

    /** Whether {@code t} makes inproc addresses. */
    static boolean isInproc(Transport t) {
        return t.address().startsWith("inproc://");
    }

    /** Binds {@code s} to a fresh address; returns the address peers connect to. */
    static String bind(Socket s, Transport t) {
        s.bind(t.address());
        return s.lastEndpoint();
    }

    /** Sends one message; each string is a frame ("" is an empty frame). */
    static void send(Socket s, String... frames) {
        for (int i = 0; i < frames.length; i++) {
            assertTrue(s.send(frames[i], i < frames.length - 1 ? Socket.SNDMORE : 0), "send of frame " + i);
        }
    }

    /** Receives one whole message and checks its frames, waiting at most {@link #TIMEOUT} for it. */
    static void expect(Socket s, String... frames) {
        for (int i = 0; i < frames.length; i++) {
            try (Msg m = s.recv(TIMEOUT)) {
                assertNotNull(m, "frame " + i + " (\"" + frames[i] + "\") did not arrive");
                assertEquals(frames[i], m.string(), "frame " + i);
                assertEquals(i < frames.length - 1, m.hasMore(), "MORE flag of frame " + i);
            }
        }
    }

    /** Receives one whole message as strings, waiting at most {@link #TIMEOUT}. */
    static List<String> recvStrings(Socket s) {
        List<String> out = new ArrayList<>();
        do {
            try (Msg m = s.recv(TIMEOUT)) {
                assertNotNull(m, "message did not arrive (after " + out + ")");
                out.add(m.string());
                if (!m.hasMore()) {
                    return out;
                }
            }
        } while (true);
    }

    /** Receives one frame's bytes, waiting at most {@link #TIMEOUT}; asserts its MORE flag. */
    static byte[] recvFrame(Socket s, boolean more) {
        try (Msg m = s.recv(TIMEOUT)) {
            assertNotNull(m, "frame did not arrive");
            assertEquals(more, m.hasMore(), "MORE flag");
            return m.bytes();
        }
    }

    /** Sends an id frame given as bytes followed by string frames. */
    static void sendTo(Socket router, byte[] id, String... frames) {
        assertTrue(router.send(id, Socket.SNDMORE));
        send(router, frames);
    }

    /** Asserts nothing is queued for {@code s} right now. */
    static void assertNothing(Socket s) {
        try (Msg m = s.recv(Socket.DONTWAIT)) {
            if (m != null) {
                fail("unexpected frame " + m.string());
            }
        }
    }

    static void assertFrame(byte[] expected, byte[] actual) {
        assertArrayEquals(expected, actual);
    }

    /** Polls {@code condition} until it holds, failing after {@link #TIMEOUT}. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Sockets closed together, after the scenario, before their context. */
    static final class Sockets implements AutoCloseable {
        private final Context ctx;
        private final List<Socket> all = new ArrayList<>();

        Sockets(Context ctx) {
            this.ctx = ctx;
        }

        Socket make(SocketType type) {
            Socket s = ctx.socket(type);
            all.add(s);
            return s;
        }

        @Override
        public void close() {
            for (Socket s : all) {
                s.close();
            }
        }
    }
}
