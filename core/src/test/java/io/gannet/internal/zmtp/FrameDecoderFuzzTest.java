package io.gannet.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gannet.internal.fuzz.BoundedRun;
import io.gannet.internal.fuzz.FuzzInput;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for {@link FrameDecoder}: the bytes after the greeting, as a hostile peer
 * would send them. Input layout: byte 0 chooses where the stream is cut into reads
 * ({@link FuzzInput#pieces}), byte 1 the decoder's settings (MAXMSGSIZE, whole-body limit,
 * the handler pausing), the rest is the stream.
 *
 * <p>Properties: no exception escapes (a bad stream is {@link FrameDecoder.Result#FAILED}
 * with an error and a detail); the frames and the error are the same whether the stream
 * comes whole or in pieces; the decoder never holds more memory than the bytes that arrived
 * plus its whole-body limit, whatever sizes the frames claim; every buffer is released.
 */
class FrameDecoderFuzzTest {
    private static final long MAX_MSG_SIZE = 1000;
    private static final int WHOLE_BODY_LIMIT = 4096;
    private static final int COPY_THRESHOLD = 256;
    /** What the decoder may hold besides the input: one body up to the limit and a tail buffer. */
    private static final long SLACK = WHOLE_BODY_LIMIT + COPY_THRESHOLD + 64 * 1024;

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) {
        check(input);
    }

    @Test
    void boundedRun() {
        BoundedRun.run(FrameDecoderFuzzTest.class, "fuzz", FrameDecoderFuzzTest::check, BoundedRun.DEFAULT_ITERATIONS);
    }

    static void check(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int config = input[1];
        byte[] stream = Arrays.copyOfRange(input, 2, input.length);
        Outcome whole = decode(List.of(stream), config);
        Outcome split = decode(FuzzInput.pieces(input[0], stream), config);
        assertEquals(whole, split, "the same stream cut into other reads");
    }

    /** What a decoder made of a stream: its frames and, if it failed, why. */
    record Outcome(List<RecordingHandler.Received> frames, ProtocolError error) {
    }

    private static Outcome decode(List<byte[]> reads, int config) {
        UnpooledByteBufAllocator alloc = TestBuffers.allocator();
        UnpooledByteBufAllocator inputs = TestBuffers.allocator();
        LargeBodyPool large = new LargeBodyPool();
        FrameDecoder decoder = new FrameDecoder(alloc, (config & 1) != 0 ? MAX_MSG_SIZE : -1, COPY_THRESHOLD,
                (config & 2) != 0 ? WHOLE_BODY_LIMIT : 0, new SmallBodyPool(), large);
        RecordingHandler handler = new RecordingHandler();
        int pause = (config >> 2) & 3;
        handler.pauseEvery = pause == 0 ? Integer.MAX_VALUE : pause;
        FrameDecoder.Result r = FrameDecoder.Result.NEED_INPUT;
        long fed = 0;
        try {
            for (byte[] read : reads) {
                ByteBuf in = inputs.heapBuffer(Math.max(1, read.length)).writeBytes(read);
                fed += read.length;
                try {
                    r = decoder.decode(in, handler);
                    while (r == FrameDecoder.Result.PAUSED) {
                        r = decoder.decode(in, handler);
                    }
                    assertTrue(r == FrameDecoder.Result.FAILED || !in.isReadable(), "input left unread: " + r);
                } finally {
                    in.release();
                }
                long held = TestBuffers.used(alloc);
                assertTrue(held <= fed + SLACK, "decoder holds " + held + " bytes after " + fed + " arrived");
                if (r == FrameDecoder.Result.FAILED) {
                    break;
                }
            }
            if (r == FrameDecoder.Result.FAILED) {
                assertNotNull(decoder.error());
                assertNotNull(decoder.errorDetail());
            }
            return new Outcome(handler.frames, r == FrameDecoder.Result.FAILED ? decoder.error() : null);
        } finally {
            decoder.release();
            large.close();
            assertEquals(0, TestBuffers.used(alloc), "decoder buffers leaked");
            assertEquals(0, TestBuffers.used(inputs), "input buffers still retained");
        }
    }
}
