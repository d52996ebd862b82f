package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static io.gannet.internal.zmtp.TestBuffers.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GreetingTest {

    /** libzmq 4.3's greeting for NULL: padding byte 8 holds 1 (old identity length + 1). */
    static final byte[] LIBZMQ_NULL_GREETING = hex("ff 00 00 00 00 00 00 00 01 7f 03 01"
            + "4e 55 4c 4c 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + "00" + "00".repeat(31));

    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    @Test
    void encodesGreetingByteForByte() {
        ByteBuf out = alloc.heapBuffer();
        Greeting.encode(out, "NULL", false);
        byte[] expected = LIBZMQ_NULL_GREETING.clone();
        expected[8] = 0; // we send zero padding
        assertArrayEquals(expected, TestBuffers.bytes(out));
        out.release();
    }

    @Test
    void encodesAsServerAndLongestMechanism() {
        ByteBuf out = alloc.heapBuffer();
        Greeting.encode(out, "ABCDEFGHIJ0123456789", true);
        assertEquals(64, out.readableBytes());
        assertEquals(1, out.getByte(32));
        assertEquals('9', out.getByte(31));
        out.release();
        assertThrows(IllegalArgumentException.class, () -> Greeting.encode(alloc.heapBuffer(0, 0), "null", false));
    }

    @Test
    void acceptsLibzmqGreetingOneByteAtATime() {
        GreetingDecoder d = new GreetingDecoder("NULL");
        for (int i = 0; i < 64; i++) {
            ByteBuf b = TestBuffers.buffer(alloc, LIBZMQ_NULL_GREETING, i, i + 1);
            GreetingDecoder.Result r = d.decode(b);
            assertEquals(i == 63 ? GreetingDecoder.Result.DONE : GreetingDecoder.Result.NEED_INPUT, r, "byte " + i);
            assertFalse(b.isReadable());
            b.release();
        }
        assertEquals("NULL", d.peerMechanism());
        assertEquals(3, d.peerMajor());
        assertEquals(1, d.peerMinor());
        assertTrue(d.peerSpeaks31());
        assertFalse(d.peerAsServer());
        assertNull(d.error());
    }

    @Test
    void acceptsGreetingInLibzmqsTwoPartsAndLeavesFramesUnread() {
        byte[] withFrame = Arrays.copyOf(LIBZMQ_NULL_GREETING, 66);
        withFrame[64] = 0x04; // a command frame follows in the same read
        GreetingDecoder d = new GreetingDecoder("NULL");
        ByteBuf first = TestBuffers.buffer(alloc, withFrame, 0, 11);
        assertEquals(GreetingDecoder.Result.NEED_INPUT, d.decode(first));
        assertEquals(3, d.peerMajor());
        ByteBuf rest = TestBuffers.buffer(alloc, withFrame, 11, 66);
        assertEquals(GreetingDecoder.Result.DONE, d.decode(rest));
        assertEquals(2, rest.readableBytes());
        first.release();
        rest.release();
    }

    @Test
    void negotiatesDownToThreeZeroAndAcceptsHigherVersions() {
        byte[] v30 = LIBZMQ_NULL_GREETING.clone();
        v30[11] = 0;
        GreetingDecoder d = decodeWhole(v30);
        assertTrue(d.isDone());
        assertEquals(0, d.peerMinor());
        assertEquals(0, d.negotiatedMinor());
        assertFalse(d.peerSpeaks31());

        byte[] v40 = LIBZMQ_NULL_GREETING.clone();
        v40[10] = 4;
        v40[11] = 0;
        GreetingDecoder d4 = decodeWhole(v40);
        assertTrue(d4.isDone(), "RFC 37: higher versions MUST be accepted");
        assertEquals(1, d4.negotiatedMinor());
    }

    @Test
    void reportsPeerAsServerFlag() {
        byte[] g = LIBZMQ_NULL_GREETING.clone();
        g[32] = 1;
        assertTrue(decodeWhole(g).peerAsServer());
    }

    static Stream<Arguments> badGreetings() {
        return Stream.of(
                Arguments.of("ZMTP 1.0 short identity", patch(0, 0x01, 1, 0x00), ProtocolError.BAD_SIGNATURE),
                Arguments.of("signature byte 0 zero", patch(0, 0x00), ProtocolError.BAD_SIGNATURE),
                Arguments.of("byte 9 without bit 0 (ZMTP 1.0 long identity)", patch(9, 0x7E), ProtocolError.BAD_SIGNATURE),
                Arguments.of("ZMTP 2.0 (revision 1)", patch(10, 0x01, 11, 0x05), ProtocolError.UNSUPPORTED_VERSION),
                Arguments.of("revision 0", patch(10, 0x00), ProtocolError.UNSUPPORTED_VERSION),
                Arguments.of("unknown mechanism FOO", mechanism("FOO"), ProtocolError.MECHANISM_MISMATCH),
                Arguments.of("PLAIN against NULL", mechanism("PLAIN"), ProtocolError.MECHANISM_MISMATCH),
                Arguments.of("lower-case null", mechanism("null"), ProtocolError.BAD_MECHANISM_NAME),
                Arguments.of("empty mechanism", mechanism(""), ProtocolError.BAD_MECHANISM_NAME),
                Arguments.of("junk after NUL", patch(17, 'X'), ProtocolError.BAD_MECHANISM_NAME),
                Arguments.of("HTTP request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(3).getBytes(),
                        ProtocolError.BAD_SIGNATURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badGreetings")
    void rejectsBadGreetingWholeAndByteByByte(String what, byte[] greeting, ProtocolError expected) {
        GreetingDecoder whole = decodeWhole(greeting);
        assertEquals(expected, whole.error().error(), what);
        assertFalse(whole.error().detail().isEmpty());

        GreetingDecoder d = new GreetingDecoder("NULL");
        GreetingDecoder.Result r = GreetingDecoder.Result.NEED_INPUT;
        for (int i = 0; i < greeting.length && r == GreetingDecoder.Result.NEED_INPUT; i++) {
            ByteBuf b = TestBuffers.buffer(alloc, greeting, i, i + 1);
            r = d.decode(b);
            b.release();
        }
        assertEquals(GreetingDecoder.Result.FAILED, r);
        assertEquals(expected, d.error().error());
        ByteBuf more = TestBuffers.buffer(alloc, LIBZMQ_NULL_GREETING, 0, 64);
        assertEquals(GreetingDecoder.Result.FAILED, d.decode(more), "a failed decoder stays failed");
        more.release();
    }

    @Test
    void signatureErrorIsReportedAfterTheFirstByte() {
        GreetingDecoder d = new GreetingDecoder("NULL");
        ByteBuf b = TestBuffers.buffer(alloc, new byte[] {0x01}, 0, 1);
        assertEquals(GreetingDecoder.Result.FAILED, d.decode(b));
        b.release();
    }

    private GreetingDecoder decodeWhole(byte[] greeting) {
        GreetingDecoder d = new GreetingDecoder("NULL");
        ByteBuf b = TestBuffers.buffer(alloc, greeting, 0, greeting.length);
        d.decode(b);
        b.release();
        return d;
    }

    private static byte[] patch(int... offsetValue) {
        byte[] g = LIBZMQ_NULL_GREETING.clone();
        for (int i = 0; i < offsetValue.length; i += 2) {
            g[offsetValue[i]] = (byte) offsetValue[i + 1];
        }
        return g;
    }

    private static byte[] mechanism(String name) {
        byte[] g = LIBZMQ_NULL_GREETING.clone();
        Arrays.fill(g, 12, 32, (byte) 0);
        System.arraycopy(name.getBytes(), 0, g, 12, name.length());
        return g;
    }
}
