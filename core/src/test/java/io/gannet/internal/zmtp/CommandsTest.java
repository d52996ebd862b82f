package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.gannet.internal.zmtp.TestBuffers.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandsTest {

    /** READY body of a libzmq DEALER without routing id. */
    static final String LIBZMQ_DEALER_READY = "05 52 45 41 44 59 0b 53 6f 63 6b 65 74 2d 54 79 70 65 00 00 00 06 44 45 41 4c 45 52";
    /** READY body of a libzmq ROUTER: it always adds an Identity property, here empty. */
    static final String LIBZMQ_ROUTER_READY = "05 52 45 41 44 59 0b 53 6f 63 6b 65 74 2d 54 79 70 65 00 00 00 06 52 4f 55 54 45 52"
            + " 08 49 64 65 6e 74 69 74 79 00 00 00 00";

    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    private ByteBuf body(String hexBytes) {
        return alloc.heapBuffer().writeBytes(hex(hexBytes));
    }

    @Test
    void encodesReadyExactlyAsLibzmqDoes() {
        ByteBuf ours = ReadyCommand.encode(alloc, Metadata.builder().put(Metadata.SOCKET_TYPE, "DEALER").build());
        assertArrayEquals(hex(LIBZMQ_DEALER_READY), TestBuffers.bytes(ours));
        ours.release();
        ByteBuf router = ReadyCommand.encode(alloc, Metadata.builder().put("Socket-Type", "ROUTER")
                .put("Identity", new byte[0]).build());
        assertArrayEquals(hex(LIBZMQ_ROUTER_READY), TestBuffers.bytes(router));
        router.release();
    }

    @Test
    void parsesLibzmqReadyWithCaseInsensitiveNames() throws ZmtpViolation {
        ByteBuf b = body(LIBZMQ_ROUTER_READY);
        assertTrue(CommandName.READY.matches(b));
        assertEquals(CommandName.READY, CommandName.of(b));
        Metadata m = ReadyCommand.parse(b);
        assertEquals("ROUTER", m.getString("socket-type"));
        assertEquals("ROUTER", m.getString("SOCKET-TYPE"));
        assertArrayEquals(new byte[0], m.get("identity"));
        assertEquals(2, m.size());
        assertEquals(0, b.readerIndex(), "parsing does not move the reader index");
        b.release();
    }

    @Test
    void metadataRoundTripKeepsUnknownAndUserProperties() throws ZmtpViolation {
        byte[] big = new byte[70_000];
        big[69_999] = 9;
        Metadata sent = Metadata.builder().put("Socket-Type", "PUB").put("X-Hostname", "box")
                .put("User-Id", "alice").put("X-Big", big).put("x-hostname", "other").build();
        assertEquals(4, sent.size(), "a repeated name keeps its last value");
        ByteBuf b = ReadyCommand.encode(alloc, sent);
        Metadata got = ReadyCommand.parse(b);
        assertEquals("other", got.getString("X-HOSTNAME"));
        assertEquals("alice", got.getString("user-id"));
        assertArrayEquals(big, got.get("X-Big"));
        assertNull(got.get("Resource"));
        assertEquals(4, got.toMap().size());
        b.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "05 52 45 41 44 59 0c 53 6f 63 6b 65 74 2d 54 79 70 65",             // name length past end
        "05 52 45 41 44 59 0b 53 6f 63 6b 65 74 2d 54 79 70 65 00 00 00",    // truncated value length
        "05 52 45 41 44 59 0b 53 6f 63 6b 65 74 2d 54 79 70 65 00 00 00 07 44 45 41 4c 45 52", // value past end
        "05 52 45 41 44 59 0b 53 6f 63 6b 65 74 2d 54 79 70 65 ff ff ff ff 44", // value length 2^32-1
        "05 52 45 41 44 59 00 00 00 00 00",                                    // empty property name
    })
    void rejectsMalformedReady(String hexBytes) {
        ByteBuf b = body(hexBytes);
        ZmtpViolation e = assertThrows(ZmtpViolation.class, () -> ReadyCommand.parse(b));
        assertEquals(ProtocolError.MALFORMED_READY, e.error());
        assertFalse(e.getMessage().isEmpty());
        b.release();
    }

    @Test
    void errorCommandRoundTripAndMalformedReason() throws ZmtpViolation {
        ByteBuf e = ErrorCommand.encode(alloc, "Invalid socket type\u00e9" + "x".repeat(300));
        assertTrue(CommandName.ERROR.matches(e));
        String reason = ErrorCommand.parse(e);
        assertEquals(255, reason.length());
        assertTrue(reason.startsWith("Invalid socket type?x"));
        e.release();
        ByteBuf bad = body("05 45 52 52 4f 52 09 61 62");
        assertEquals(ProtocolError.MALFORMED_ERROR, assertThrows(ZmtpViolation.class, () -> ErrorCommand.parse(bad)).error());
        bad.release();
        ByteBuf empty = body("05 45 52 52 4f 52");
        assertThrows(ZmtpViolation.class, () -> ErrorCommand.parse(empty));
        empty.release();
    }

    @Test
    void pingCarriesTtlAndPongEchoesContextCutTo16Bytes() {
        ByteBuf ping = PingCommand.encodePing(alloc, 65535, "ctx".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(hex("04 50 49 4e 47 ff ff 63 74 78"), TestBuffers.bytes(ping));
        assertTrue(PingCommand.isWellFormedPing(ping));
        assertEquals(65535, PingCommand.ttlDeciseconds(ping));
        ByteBuf pong = PingCommand.encodePong(alloc, ping);
        assertArrayEquals(hex("04 50 4f 4e 47 63 74 78"), TestBuffers.bytes(pong));
        ping.release();
        pong.release();

        ByteBuf longPing = body("04 50 49 4e 47 00 0a" + " 41".repeat(20));
        ByteBuf cut = PingCommand.encodePong(alloc, longPing);
        assertEquals(16, Commands.dataLength(cut));
        assertEquals(16, PingCommand.pongContextLength(cut));
        longPing.release();
        cut.release();

        ByteBuf shortPing = body("04 50 49 4e 47 00");
        assertFalse(PingCommand.isWellFormedPing(shortPing));
        shortPing.release();
        assertThrows(IllegalArgumentException.class, () -> PingCommand.encodePing(alloc, 70000, new byte[0]));
    }

    @Test
    void convertsSubscriptionsBetweenMessageAndCommandForms() {
        ByteBuf sub = Subscriptions.message(alloc, true, "topic".getBytes(StandardCharsets.US_ASCII));
        assertTrue(Subscriptions.isSubscriptionMessage(sub));
        ByteBuf cmd = Subscriptions.messageToCommand(alloc, sub);
        assertArrayEquals(hex("09 53 55 42 53 43 52 49 42 45 74 6f 70 69 63"), TestBuffers.bytes(cmd));
        assertTrue(Subscriptions.isSubscriptionCommand(cmd));
        ByteBuf back = Subscriptions.commandToMessage(alloc, cmd);
        assertArrayEquals(TestBuffers.bytes(sub), TestBuffers.bytes(back));
        sub.release();
        cmd.release();
        back.release();

        ByteBuf cancelAll = Subscriptions.message(alloc, false, new byte[0]);
        ByteBuf cancelCmd = Subscriptions.messageToCommand(alloc, cancelAll);
        assertArrayEquals(hex("06 43 41 4e 43 45 4c"), TestBuffers.bytes(cancelCmd));
        ByteBuf cancelBack = Subscriptions.commandToMessage(alloc, cancelCmd);
        assertArrayEquals(new byte[] {0}, TestBuffers.bytes(cancelBack));
        cancelAll.release();
        cancelCmd.release();
        cancelBack.release();
    }

    @Test
    void refusesToConvertWhatIsNotASubscription() {
        ByteBuf plain = alloc.heapBuffer().writeBytes("hello".getBytes(StandardCharsets.US_ASCII));
        ByteBuf empty = alloc.heapBuffer(1);
        ByteBuf ping = body("04 50 49 4e 47 00 00");
        assertNull(Subscriptions.messageToCommand(alloc, plain));
        assertNull(Subscriptions.messageToCommand(alloc, empty));
        assertNull(Subscriptions.commandToMessage(alloc, ping));
        assertFalse(Subscriptions.isSubscriptionCommand(ping));
        plain.release();
        empty.release();
        ping.release();
    }

    @Test
    void recognisesCommandNamesWithoutBeingFooledByLengths() {
        ByteBuf unknown = body("05 48 45 4c 4c 4f 00");
        ByteBuf truncated = body("05 52 45 41");
        ByteBuf emptyName = body("00 01 02");
        ByteBuf nothing = alloc.heapBuffer(1);
        assertNull(CommandName.of(unknown));
        assertTrue(Commands.isWellFormed(unknown));
        assertEquals("HELLO", Commands.nameOf(unknown));
        assertNull(CommandName.of(truncated));
        assertFalse(Commands.isWellFormed(truncated));
        assertFalse(Commands.isWellFormed(emptyName));
        assertFalse(Commands.isWellFormed(nothing));
        assertTrue(Commands.hasName(unknown, Commands.name("HELLO")));
        unknown.release();
        truncated.release();
        emptyName.release();
        nothing.release();
    }

    @Test
    void refusesInvalidOwnPropertyNames() {
        assertThrows(IllegalArgumentException.class, () -> Metadata.builder().put("", "x"));
        assertThrows(IllegalArgumentException.class, () -> Metadata.builder().put("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> Metadata.builder().put("x".repeat(256), "x"));
    }
}
