package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static io.gannet.internal.zmtp.TestBuffers.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed frames: each must fail right after the offending bytes, allocating nothing. */
class FrameDecoderBadInputTest {

    private static final long MAX = 1000;

    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("long size over MAXMSGSIZE", "02 00 00 00 00 00 00 03 e9", ProtocolError.FRAME_TOO_LARGE),
                Arguments.of("command over MAXMSGSIZE", "06 00 00 00 00 00 00 10 00", ProtocolError.FRAME_TOO_LARGE),
                Arguments.of("size 2^63", "02 80 00 00 00 00 00 00 00", ProtocolError.BAD_FRAME_SIZE),
                Arguments.of("size 2^64-1", "02 ff ff ff ff ff ff ff ff", ProtocolError.BAD_FRAME_SIZE),
                Arguments.of("command with MORE", "05 05 05 52 45 41 44 59", ProtocolError.COMMAND_WITH_MORE),
                Arguments.of("long command with MORE", "07", ProtocolError.COMMAND_WITH_MORE),
                Arguments.of("HTTP after greeting", "47 45 54 20 2f", ProtocolError.COMMAND_WITH_MORE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void failsRightAfterOffendingBytesWithoutAllocating(String what, String hexBytes, ProtocolError expected) {
        byte[] bytes = hex(hexBytes);
        FrameDecoder decoder = new FrameDecoder(alloc, MAX, 256);
        ByteBuf in = TestBuffers.buffer(alloc, bytes, 0, bytes.length);
        long before = TestBuffers.used(alloc);
        RecordingHandler handler = new RecordingHandler();
        assertEquals(FrameDecoder.Result.FAILED, decoder.decode(in, handler), what);
        assertEquals(before, TestBuffers.used(alloc), "allocated for a frame it refused");
        assertEquals(expected, decoder.error());
        assertNotNull(decoder.errorDetail());
        assertTrue(handler.frames.isEmpty());
        assertEquals(FrameDecoder.Result.FAILED, decoder.decode(in, handler), "stays failed");
        in.release();
    }

    @Test
    void refusesFramesJavaCannotHoldEvenWithoutLimit() {
        for (String size : new String[] {"00 00 00 00 80 00 00 00", "00 00 01 00 00 00 00 00", "7f ff ff ff ff ff ff ff"}) {
            FrameDecoder decoder = new FrameDecoder(alloc, -1, 256);
            ByteBuf in = alloc.heapBuffer().writeBytes(hex("02 " + size));
            assertEquals(FrameDecoder.Result.FAILED, decoder.decode(in, new RecordingHandler()));
            assertEquals(ProtocolError.FRAME_SIZE_UNSUPPORTED, decoder.error());
            in.release();
        }
    }

    @Test
    void acceptsFrameOfExactlyMaxMessageSize() {
        FrameDecoder decoder = new FrameDecoder(alloc, MAX, 256);
        ByteBuf in = alloc.heapBuffer();
        FrameEncoder.writeHeader(in, MAX, false, false);
        in.writeZero((int) MAX);
        RecordingHandler handler = new RecordingHandler();
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, handler));
        assertEquals(1, handler.frames.size());
        in.release();
    }

    @Test
    void failsOnOversizeWhenSizeArrivesOneByteAtATime() {
        byte[] bytes = hex("02 00 00 00 00 00 00 03 e9");
        FrameDecoder decoder = new FrameDecoder(alloc, MAX, 256);
        for (int i = 0; i < bytes.length; i++) {
            ByteBuf b = TestBuffers.buffer(alloc, bytes, i, i + 1);
            FrameDecoder.Result r = decoder.decode(b, new RecordingHandler());
            assertEquals(i == bytes.length - 1 ? FrameDecoder.Result.FAILED : FrameDecoder.Result.NEED_INPUT, r);
            b.release();
        }
    }

    @Test
    void truncatedFrameWaitsForMoreAndLeaksNothingOnClose() {
        for (String truncated : new String[] {"00", "02 00 00 00", "00 05 61 62", "04 05 05 52 45"}) {
            FrameDecoder decoder = new FrameDecoder(alloc, MAX, 256);
            ByteBuf in = alloc.heapBuffer().writeBytes(hex(truncated));
            RecordingHandler handler = new RecordingHandler();
            assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, handler));
            assertTrue(decoder.isMidFrame(), truncated);
            assertTrue(handler.frames.isEmpty());
            in.release();
            decoder.release();
        }
    }

    @Test
    void deliversUnknownCommandsForTheEngineToJudge() {
        FrameDecoder decoder = new FrameDecoder(alloc, MAX, 256);
        ByteBuf in = alloc.heapBuffer().writeBytes(hex("04 06 05 48 45 4c 4c 4f"));
        RecordingHandler handler = new RecordingHandler();
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, handler));
        assertTrue(handler.frames.get(0).command());
        in.release();
    }

    @Test
    void randomJunkNeverThrowsAndLeavesNothingBehind() {
        Random random = new Random(2024);
        for (int round = 0; round < 2000; round++) {
            byte[] junk = new byte[1 + random.nextInt(64)];
            random.nextBytes(junk);
            FrameDecoder decoder = new FrameDecoder(alloc, random.nextBoolean() ? -1 : 100, random.nextInt(300));
            RecordingHandler handler = new RecordingHandler();
            int from = 0;
            while (from < junk.length) {
                int to = Math.min(junk.length, from + 1 + random.nextInt(8));
                ByteBuf b = TestBuffers.buffer(alloc, junk, from, to);
                FrameDecoder.Result r = decoder.decode(b, handler);
                b.release();
                if (r == FrameDecoder.Result.FAILED) {
                    break;
                }
                from = to;
            }
            decoder.release();
            assertEquals(0, TestBuffers.used(alloc), "round " + round);
        }
    }
}
