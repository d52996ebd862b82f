package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input from a raw {@link RawZmtpPeer} against a Gannet PULL that is serving a
 * well-behaved PUSH at the same time. Each row checks that the bad connection ends (the raw
 * channel reads end-of-stream) with the right monitor event, or, for input that must be
 * ignored, that it stays up; that the good peer's messages keep arriving; and that a new
 * connection still works afterwards (the I/O thread survived). Rows with a {@link Wire} also
 * check every byte the bad peer read from us, on PULL, REP and ROUTER: a refused greeting is
 * answered with our greeting alone, never a READY, and no ERROR ever follows a READY.
 */
class BadInputTest {
    private static final long MAX_MSG = 1000;
    private static final int HANDSHAKE_IVL = 300;
    private static final Set<SocketEvent> FAILED = EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL);
    private static final Set<SocketEvent> DROPPED = EnumSet.of(SocketEvent.DISCONNECTED);

    /** One kind of misbehaviour, and the event that must end it (null: the connection stays). */
    enum BadInput {
        WRONG_SIGNATURE(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                ByteBuffer g = greeting(3, 1, "NULL");
                g.put(0, (byte) 0x00);
                p.write(g);
            }
        },
        ZMTP_1_0_GREETING(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                // ZMTP 1.0: an identity frame (length 1, flags 0) and nothing like a signature.
                p.write(ByteBuffer.wrap(new byte[] {1, 0}));
                p.write(ByteBuffer.wrap(new byte[] {1, 0, 'h', 'i'}));
            }
        },
        ZMTP_2_0_GREETING(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                // Signature, revision 1 (ZMTP 2.0), socket type 8 (PUSH), empty identity.
                byte[] g = new byte[14];
                g[0] = (byte) 0xFF;
                g[9] = 0x7F;
                g[10] = 1;
                g[11] = 8;
                p.write(ByteBuffer.wrap(g));
            }
        },
        ZMTP_1_0_LONG_IDENTITY(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                // ZMTP 1.0 with an identity of 300 bytes: FF, 8-byte length, flags 0 (bit 0
                // clear where a signature has 7F), then the identity. Starts like a signature.
                p.write(ByteBuffer.allocate(10 + 300).put((byte) 0xFF).putLong(301).put((byte) 0)
                        .put(new byte[300]).flip());
            }
        },
        ZMTP_2_0_AFTER_OUR_SIGNATURE(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                // As libzmq 3.x: the signature alone, then the revision only after the
                // peer's signature arrived.
                byte[] signature = new byte[10];
                signature[0] = (byte) 0xFF;
                signature[9] = 0x7F;
                p.write(ByteBuffer.wrap(signature));
                p.readFully(10);
                p.write(ByteBuffer.wrap(new byte[] {1, 8, 0, 0}));
            }
        },
        ZMTP_1_0_IN_3X_LAYOUT(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.write(greeting(0, 0, "NULL"));
            }
        },
        ZMTP_2_0_IN_3X_LAYOUT(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.write(greeting(1, 0, "NULL"));
            }
        },
        MAJOR_VERSION_2_IN_3X_LAYOUT(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.write(greeting(2, 0, "NULL"));
            }
        },
        SIGNATURE_BYTE_9_WITHOUT_BIT_0(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                ByteBuffer g = greeting(3, 1, "NULL");
                g.put(9, (byte) 0x7E);
                p.write(g);
            }
        },
        CURVE_MECHANISM(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.write(greeting(3, 1, "CURVE"));
            }
        },
        UNKNOWN_MECHANISM(FAILED, Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.write(greeting(3, 1, "FOO"));
            }
        },
        MISMATCHED_SOCKET_TYPE(FAILED, Wire.GREETING_AND_READY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.write(greeting(3, 1, "NULL"));
                p.readFully(64);
                p.write(ready("PULL"));
            }
        },
        GARBAGE_AFTER_GREETING(FAILED) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.write(greeting(3, 1, "NULL"));
                p.write(ByteBuffer.wrap("GARBAGE! GARBAGE! GARBAGE!".getBytes(StandardCharsets.US_ASCII)));
            }
        },
        STOPS_MID_HANDSHAKE(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_NO_DETAIL), Wire.GREETING_ONLY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.write(ByteBuffer.wrap(greeting(3, 1, "NULL").array(), 0, 11));
            }
        },
        FRAME_OVER_MAXMSGSIZE(DROPPED) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.handshake("PUSH");
                p.writeLongFrame((int) MAX_MSG + 1);
            }
        },
        LENGTH_TWO_TO_THE_63(DROPPED) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.handshake("PUSH");
                p.write(ByteBuffer.allocate(9).put((byte) 2).putLong(Long.MIN_VALUE).flip());
            }
        },
        LENGTH_TWO_TO_THE_64_MINUS_ONE(DROPPED) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.handshake("PUSH");
                p.write(ByteBuffer.allocate(9).put((byte) 2).putLong(-1L).flip());
            }
        },
        TRUNCATED_FRAME_THEN_CLOSE(DROPPED) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.handshake("PUSH");
                p.write(ByteBuffer.wrap(new byte[] {0, 100, 1, 2, 3, 4, 5}));
                p.ch.shutdownOutput();
            }
        },
        READY_WITHOUT_SOCKET_TYPE_IS_ACCEPTED(null, Wire.GREETING_AND_READY) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                // RFC 37: the sender SHOULD specify Socket-Type. libzmq accepts a READY
                // without one, and so do we (an ERROR after our READY breaks the grammar).
                p.write(greeting(3, 1, "NULL"));
                p.readFully(64);
                p.write(RawZmtpPeer.ready(null, null));
                p.readFrame();
                p.writeMessage("raw");
            }
        },
        UNKNOWN_COMMAND_IS_IGNORED(null) {
            @Override
            void misbehave(RawZmtpPeer p) throws IOException {
                p.handshake("PUSH");
                p.write(ByteBuffer.wrap(new byte[] {4, 9, 8, 'X', '-', 'U', 'N', 'K', 'N', 'O', 'W'}));
                p.write(ByteBuffer.wrap(new byte[] {0, 3, 'r', 'a', 'w'}));
            }
        };

        final Set<SocketEvent> ending;
        /** What the bad peer may see from us before the end, or null if not checked. */
        final Wire wire;

        BadInput(Set<SocketEvent> ending) {
            this(ending, null);
        }

        BadInput(Set<SocketEvent> ending, Wire wire) {
            this.ending = ending;
            this.wire = wire;
        }

        abstract void misbehave(RawZmtpPeer p) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(BadInput.class)
    void badPeerIsDroppedWhileTheGoodPeerCarriesOn(BadInput row) throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket good = ctx.socket(SocketType.PUSH)) {
            pull.set(SocketOption.MAXMSGSIZE, MAX_MSG);
            pull.set(SocketOption.HANDSHAKE_IVL, HANDSHAKE_IVL);
            pull.set(SocketOption.RCVTIMEO, (int) TestSupport.TIMEOUT.toMillis());
            pull.bind("tcp://127.0.0.1:*");
            String endpoint = pull.lastEndpoint();
            good.connect(endpoint);
            good.send("before");
            assertEquals("before", TestSupport.recv(pull));
            long ioThreads = TestSupport.ioThreads();

            try (Monitor monitor = pull.monitor(EnumSet.allOf(SocketEvent.class));
                    RawZmtpPeer bad = new RawZmtpPeer(endpoint)) {
                row.misbehave(bad);
                good.send("during");
                if (row.ending == null) {
                    // The two peers' messages may come in either order.
                    assertEquals(Set.of("during", "raw"), Set.of(TestSupport.recv(pull), TestSupport.recv(pull)),
                            "the good peer is served, and the accepted peer's traffic arrives");
                    assertTrue(!bad.closedByPeerWithin(200), "the connection stays up");
                    List<SocketEvent> seen = events(monitor, Duration.ofMillis(50));
                    assertTrue(!seen.contains(SocketEvent.DISCONNECTED), seen.toString());
                } else {
                    assertEquals("during", TestSupport.recv(pull), "the good peer is served meanwhile");
                    MonitorEvent ended = expectOneOf(monitor, row.ending);
                    assertTrue(bad.closedByPeerWithin(5000), "the bad connection is closed");
                    assertTrue(ended.endpoint().startsWith("tcp://"), ended.toString());
                }
                if (row.wire != null) {
                    row.wire.check(bad.transcript());
                }
            }

            good.send("after");
            assertEquals("after", TestSupport.recv(pull));
            try (Socket fresh = ctx.socket(SocketType.PUSH)) {
                fresh.connect(endpoint);
                fresh.send("fresh");
                assertEquals("fresh", TestSupport.recv(pull), "a new connection is served");
            }
            assertEquals(ioThreads, TestSupport.ioThreads(), "no I/O thread died");
        }
    }

    static Stream<Arguments> rowsWithAWireCheckOnRepAndRouter() {
        return Arrays.stream(BadInput.values()).filter(r -> r.wire != null)
                .flatMap(r -> Stream.of(Arguments.of(r, SocketType.REP), Arguments.of(r, SocketType.ROUTER)));
    }

    /**
     * The rows whose bytes on the wire are checked, against the socket types the hostile
     * peers of the hardening tests met (REP and ROUTER): the bad peer sees no more of the
     * handshake than ZMTP 3.1 allows before the connection ends.
     */
    @ParameterizedTest
    @MethodSource("rowsWithAWireCheckOnRepAndRouter")
    void badPeerSeesNoMoreHandshakeThanTheGrammarAllows(BadInput row, SocketType type) throws Exception {
        try (Context ctx = new Context(); Socket server = ctx.socket(type)) {
            server.set(SocketOption.HANDSHAKE_IVL, HANDSHAKE_IVL);
            server.bind("tcp://127.0.0.1:*");
            try (Monitor monitor = server.monitor(EnumSet.allOf(SocketEvent.class));
                    RawZmtpPeer bad = new RawZmtpPeer(server.lastEndpoint())) {
                row.misbehave(bad);
                if (row.ending == null) {
                    expectOneOf(monitor, EnumSet.of(SocketEvent.HANDSHAKE_SUCCEEDED));
                    assertTrue(!bad.closedByPeerWithin(200), "the connection stays up");
                } else {
                    expectOneOf(monitor, row.ending);
                    assertTrue(bad.closedByPeerWithin(5000), "the bad connection is closed");
                }
                row.wire.check(bad.transcript());
            }
        }
    }

    /** What a misbehaving peer may have read from us by the time the connection ended. */
    enum Wire {
        /** At most our greeting: the greeting failed, so no READY and no ERROR follow it. */
        GREETING_ONLY {
            @Override
            void check(byte[] seen) {
                assertTrue(seen.length <= 64, "more than a greeting: " + hex(seen));
                assertTrue(seen.length >= 11, "our greeting's first 11 bytes: " + hex(seen));
                assertEquals((byte) 0xFF, seen[0]);
                assertEquals(3, seen[10], "major version");
            }
        },
        /** Our greeting and our READY, then nothing: no ERROR after a READY (RFC 37 NULL grammar). */
        GREETING_AND_READY {
            @Override
            void check(byte[] seen) {
                assertTrue(seen.length > 64 + 2, "greeting and READY: " + hex(seen));
                ByteBuffer frames = ByteBuffer.wrap(seen, 64, seen.length - 64);
                int flags = frames.get() & 0xFF;
                int size = frames.get() & 0xFF;
                assertEquals(4, flags, "a short command: " + hex(seen));
                assertEquals(5, frames.get(frames.position()), "READY");
                assertEquals("READY", new String(seen, frames.position() + 1, 5, StandardCharsets.US_ASCII));
                assertEquals(64 + 2 + size, seen.length, "nothing after the READY (no ERROR): " + hex(seen));
            }
        };

        abstract void check(byte[] seen);

        private static String hex(byte[] b) {
            StringBuilder sb = new StringBuilder(b.length * 3);
            for (byte x : b) {
                sb.append(String.format("%02x ", x & 0xFF));
            }
            return sb.toString().trim();
        }
    }

    static ByteBuffer greeting(int major, int minor, String mechanism) {
        return RawZmtpPeer.greeting(major, minor, mechanism);
    }

    static ByteBuffer ready(String socketType) {
        return RawZmtpPeer.ready(socketType, null);
    }

    private static MonitorEvent expectOneOf(Monitor m, Set<SocketEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
        List<SocketEvent> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            MonitorEvent e = m.next(Duration.ofMillis(100));
            if (e != null) {
                if (wanted.contains(e.event())) {
                    return e;
                }
                seen.add(e.event());
            }
        }
        throw new AssertionError("no " + wanted + " event; saw " + seen);
    }

    private static List<SocketEvent> events(Monitor m, Duration window) throws InterruptedException {
        List<SocketEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            MonitorEvent e = m.next(Duration.ofNanos(left));
            if (e != null) {
                seen.add(e.event());
            }
        }
        return seen;
    }
}
