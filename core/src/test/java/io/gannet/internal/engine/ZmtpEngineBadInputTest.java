package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.internal.zmtp.Greeting;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bad-input table, row by row, against a PULL engine driven from bytes in memory (the
 * same rows run over TCP in the transports module's BadInputTest). Each row checks the
 * engine's outcome: whether it closed, what it reported (handshake event, whether the peer
 * broke the protocol, so that libzmq's rule of no reconnect applies), what the peer saw from
 * us, that nothing reached the socket half delivered, and that every buffer was released.
 */
class ZmtpEngineBadInputTest {
    static final int MAX_MSG = 1000;
    static final int HANDSHAKE_IVL = 300;

    /** What the bad peer may have read from us. */
    enum Seen {
        /** Our greeting at most: no READY, no ERROR after a refused greeting. */
        GREETING_ONLY,
        /** Our greeting and READY, then nothing (no ERROR after a READY). */
        GREETING_AND_READY,
        /** Not checked (the handshake succeeded; traffic may follow). */
        ANY
    }

    /**
     * One row: what the peer does, and what must follow. Like a libzmq peer, the rows that
     * go past the greeting send theirs and read ours before they go on. {@code event} null with
     * {@code closes}: a drop after the handshake (DISCONNECTED alone).
     */
    enum Row {
        WRONG_SIGNATURE(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                byte[] g = Wire.greeting("NULL");
                g[0] = 0;
                h.feed(g);
            }
        },
        ZMTP_1_0_GREETING(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(new byte[] {1, 0}, new byte[] {1, 0, 'h', 'i'});
            }
        },
        ZMTP_2_0_GREETING(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                byte[] g = new byte[14];
                g[0] = (byte) 0xFF;
                g[9] = 0x7F;
                g[10] = 1;
                g[11] = 8;
                h.feed(g);
            }
        },
        ZMTP_1_0_LONG_IDENTITY(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(ByteBuffer.allocate(10 + 300).put((byte) 0xFF).putLong(301).put((byte) 0).array());
            }
        },
        ZMTP_1_0_IN_3X_LAYOUT(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting(0, 0, "NULL", false));
            }
        },
        ZMTP_2_0_IN_3X_LAYOUT(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting(1, 0, "NULL", false));
            }
        },
        MAJOR_VERSION_2(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting(2, 0, "NULL", false));
            }
        },
        SIGNATURE_BYTE_9_WITHOUT_BIT_0(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                byte[] g = Wire.greeting("NULL");
                g[9] = 0x7E;
                h.feed(g);
            }
        },
        MECHANISM_MISMATCH(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting("CURVE"));
            }
        },
        UNKNOWN_MECHANISM(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting("FOO"));
            }
        },
        WRONG_SOCKET_TYPE_PAIRING(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_AND_READY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting("NULL"));
                h.feed(Wire.ready("Socket-Type", "PULL"));
            }
        },
        BAD_READY_METADATA(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_AND_READY) {
            @Override
            void misbehave(EngineHarness h) {
                // A property whose value length runs past the end of the command.
                byte[] md = Wire.concat(new byte[] {11}, Wire.ascii("Socket-Type"), new byte[] {0, 0, 0, 99},
                        Wire.ascii("PUSH"));
                h.feed(Wire.greeting("NULL"));
                h.feed(Wire.command("READY", md));
            }
        },
        GARBAGE_AFTER_GREETING(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_AND_READY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting("NULL"));
                h.feed(Wire.ascii("GARBAGE! GARBAGE! GARBAGE!"));
            }
        },
        MESSAGE_BEFORE_READY(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_AND_READY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting("NULL"));
                h.feed(Wire.message("too early"));
            }
        },
        COMMAND_OTHER_THAN_READY(true, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, true, Seen.GREETING_AND_READY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting("NULL"));
                h.feed(Wire.ping(10, new byte[0]));
            }
        },
        STOPS_MID_GREETING(true, SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, false, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Arrays.copyOf(Wire.greeting("NULL"), 11));
                h.advance(HANDSHAKE_IVL - 1);
                assertNull(h.stop, "not before HANDSHAKE_IVL");
                h.advance(1);
            }
        },
        EOF_MID_GREETING(true, SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, false, Seen.GREETING_ONLY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Arrays.copyOf(Wire.greeting("NULL"), 30));
                h.feedEof();
            }
        },
        EOF_BEFORE_READY(true, SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, false, Seen.GREETING_AND_READY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting("NULL"));
                h.feedEof();
            }
        },
        FRAME_OVER_MAXMSGSIZE(true, null, true, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(Wire.frame(new byte[MAX_MSG + 1], false, false));
            }
        },
        LENGTH_TWO_TO_THE_63(true, null, true, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(ByteBuffer.allocate(9).put((byte) 2).putLong(Long.MIN_VALUE).array());
            }
        },
        LENGTH_TWO_TO_THE_64_MINUS_ONE(true, null, true, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(ByteBuffer.allocate(9).put((byte) 2).putLong(-1L).array());
            }
        },
        COMMAND_WITH_MORE(true, null, true, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(new byte[] {5, 5, 4, 'P', 'I', 'N', 'G'});
            }
        },
        PING_WITHOUT_TTL(true, null, true, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(Wire.command("PING", new byte[] {0}));
            }
        },
        ERROR_AFTER_HANDSHAKE(true, null, false, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(Wire.command("ERROR", Wire.concat(new byte[] {3}, Wire.ascii("bye"))));
            }
        },
        TRUNCATED_FRAME_THEN_EOF(true, null, false, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(new byte[] {0, 100, 1, 2, 3, 4, 5});
                h.feedEof();
                assertEquals(1, h.lost, "the message cut short is counted");
            }
        },
        MESSAGE_CUT_SHORT_THEN_EOF(true, null, false, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(Wire.message("whole"), Wire.frame(Wire.ascii("first"), true, false));
                h.feedEof();
                assertEquals(List.of(List.of("whole")), h.receiveAll(), "whole messages only");
                assertEquals(1, h.lost, "the message cut short is counted");
            }
        },
        READY_WITHOUT_SOCKET_TYPE_IS_ACCEPTED(false, null, false, Seen.GREETING_AND_READY) {
            @Override
            void misbehave(EngineHarness h) {
                h.feed(Wire.greeting("NULL"), Wire.ready(), Wire.message("raw"));
                assertEquals(List.of(List.of("raw")), h.receiveAll());
            }
        },
        UNKNOWN_COMMAND_IS_IGNORED(false, null, false, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(Wire.command("X-UNKNOW", new byte[] {1, 2}), Wire.message("raw"));
                assertEquals(List.of(List.of("raw")), h.receiveAll());
            }
        },
        LATE_READY_AND_PONG_ARE_IGNORED(false, null, false, Seen.ANY) {
            @Override
            void misbehave(EngineHarness h) {
                h.handshakeAs("PUSH");
                h.feed(Wire.ready("Socket-Type", "PUSH"), Wire.command("PONG", new byte[0]), Wire.message("raw"));
                assertEquals(List.of(List.of("raw")), h.receiveAll());
            }
        };

        final boolean closes;
        final SocketEvent event;
        final boolean protocolError;
        final Seen seen;

        Row(boolean closes, SocketEvent event, boolean protocolError, Seen seen) {
            this.closes = closes;
            this.event = event;
            this.protocolError = protocolError;
            this.seen = seen;
        }

        abstract void misbehave(EngineHarness h);
    }

    @ParameterizedTest
    @EnumSource(Row.class)
    void theEngineEndsOrKeepsTheConnectionAsTheTableSays(Row row) {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, SocketOption.MAXMSGSIZE, (long) MAX_MSG,
                SocketOption.HANDSHAKE_IVL, HANDSHAKE_IVL)) {
            h.start();
            row.misbehave(h);
            byte[] seen = h.written();
            if (!row.closes) {
                assertNull(h.stop, "the connection stays up");
                assertFalse(h.channel.isClosed());
                assertTrue(h.engine.isActive());
                return;
            }
            EngineHarness.Stop stop = h.stopped();
            assertTrue(h.channel.isClosed(), "the connection is closed");
            assertEquals(row.event, stop.event(), stop.toString());
            assertEquals(row.protocolError, stop.protocolError(), stop.toString());
            assertEquals(row.event == null, stop.handshaked(), "a drop after the handshake has no handshake event");
            assertFalse(stop.detail().isEmpty());
            if (h.socketEnd != null) {
                h.receiveAll(); // fails on a message cut short
            }
            checkSeen(row.seen, seen);
        }
    }

    private static void checkSeen(Seen expected, byte[] seen) {
        switch (expected) {
            case GREETING_ONLY:
                assertTrue(seen.length >= 11 && seen.length <= Greeting.SIZE, "at most our greeting: " + seen.length);
                break;
            case GREETING_AND_READY:
                List<Wire.Frame> frames = Wire.frames(Arrays.copyOfRange(seen, Greeting.SIZE, seen.length));
                assertEquals(1, frames.size(), "our READY and nothing after it: " + frames);
                assertEquals("READY", frames.get(0).name());
                break;
            default:
                break;
        }
    }
}
