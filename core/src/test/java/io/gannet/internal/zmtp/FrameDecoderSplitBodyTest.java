package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies split over reads, around the whole-body limit: below it one buffer of the body's
 * size, which the engine may also fill straight from the socket ({@code directReadTarget});
 * above it a composite that grows only with the bytes that arrived. A small limit stands in
 * for the 1 MiB default so that every split position can be tried.
 */
class FrameDecoderSplitBodyTest {

    private static final int COPY_THRESHOLD = 256;
    private static final int LIMIT = 1000;

    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();
    private final LargeBodyPool largeBodies = new LargeBodyPool();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc), "live buffer memory after the test");
        largeBodies.close();
    }

    private FrameDecoder decoder(long maxFrameSize) {
        return new FrameDecoder(alloc, maxFrameSize, COPY_THRESHOLD, LIMIT, new SmallBodyPool(), largeBodies);
    }

    /** Frames of sizes around the copy threshold and the whole-body limit, with MORE and commands. */
    private byte[] stream(List<RecordingHandler.Received> expected) {
        ByteBuf out = alloc.heapBuffer();
        Random random = new Random(5);
        int[] sizes = {LIMIT - 1, 3, LIMIT, COPY_THRESHOLD, LIMIT + 1, 0, 2 * LIMIT + 7, COPY_THRESHOLD - 1, 600};
        for (int i = 0; i < sizes.length; i++) {
            byte[] body = new byte[sizes[i]];
            random.nextBytes(body);
            boolean command = i == 2;
            boolean more = !command && i % 2 == 0;
            ByteBuf payload = alloc.heapBuffer(Math.max(1, body.length)).writeBytes(body);
            TestBuffers.writeFrame(out, payload, more, command);
            payload.release();
            expected.add(new RecordingHandler.Received(command, more, body));
        }
        byte[] bytes = TestBuffers.bytes(out);
        out.release();
        return bytes;
    }

    @Test
    void decodesBodiesAroundTheLimitSplitAtEveryPosition() {
        List<RecordingHandler.Received> expected = new ArrayList<>();
        byte[] bytes = stream(expected);
        for (int split = 0; split <= bytes.length; split++) {
            assertEquals(expected, decode(bytes, new int[] {split}, false), "split at " + split);
        }
    }

    @Test
    void decodesBodiesAroundTheLimitOneByteAtATime() {
        List<RecordingHandler.Received> expected = new ArrayList<>();
        byte[] bytes = stream(expected);
        int[] everyByte = new int[bytes.length];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i;
        }
        assertEquals(expected, decode(bytes, everyByte, false));
    }

    @Test
    void decodesTheSameWhenBodiesAreReadStraightIntoTheirBuffer() {
        List<RecordingHandler.Received> expected = new ArrayList<>();
        byte[] bytes = stream(expected);
        for (int split = 0; split <= bytes.length; split++) {
            assertEquals(expected, decode(bytes, new int[] {split}, true), "split at " + split);
        }
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            int[] cuts = random.ints(random.nextInt(30), 0, bytes.length).sorted().toArray();
            assertEquals(expected, decode(bytes, cuts, true));
        }
    }

    /**
     * Feeds {@code bytes} cut at {@code cuts}. With {@code direct}, acts like the engine:
     * whenever the decoder offers a target, the bytes of the current piece that belong to
     * the body go straight into it (up to its writable bytes), then decode is called.
     */
    private List<RecordingHandler.Received> decode(byte[] bytes, int[] cuts, boolean direct) {
        FrameDecoder decoder = decoder(-1);
        RecordingHandler handler = new RecordingHandler();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : bytes.length;
            ByteBuf target = direct ? decoder.directReadTarget() : null;
            if (target != null) {
                int n = Math.min(to - from, target.writableBytes());
                target.writeBytes(bytes, from, n);
                from += n;
            }
            ByteBuf piece = TestBuffers.buffer(alloc, bytes, from, to);
            assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(piece, handler));
            assertFalse(piece.isReadable());
            piece.release();
            from = to;
        }
        assertFalse(decoder.isMidFrame());
        assertNull(decoder.directReadTarget(), "no target between frames");
        return handler.frames;
    }

    @Test
    void offersTheMissingRestOfABodyAsDirectTarget() {
        FrameDecoder decoder = decoder(-1);
        RecordingHandler handler = new RecordingHandler();
        ByteBuf in = alloc.heapBuffer();
        FrameEncoder.writeHeader(in, LIMIT, false, false);
        in.writeBytes(new byte[] {1, 2, 3});
        assertNull(decoder.directReadTarget(), "nothing in progress yet");
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, handler));
        in.release();
        ByteBuf target = decoder.directReadTarget();
        assertNotNull(target);
        assertTrue(target.isDirect(), "direct memory, so a channel read into it needs no copy");
        assertEquals(LIMIT - 3, target.writableBytes());
        assertEquals(LIMIT, target.capacity(), "a buffer of exactly the body's size");
        target.writeZero(LIMIT - 4);
        ByteBuf none = alloc.heapBuffer(1);
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(none, handler));
        assertTrue(handler.frames.isEmpty(), "one byte is still missing");
        assertEquals(1, decoder.directReadTarget().writableBytes());
        decoder.directReadTarget().writeByte(9);
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(none, handler));
        none.release();
        assertEquals(1, handler.frames.size());
        byte[] body = handler.frames.get(0).body();
        assertEquals(LIMIT, body.length);
        assertEquals(3, body[2]);
        assertEquals(9, body[LIMIT - 1]);
        assertNull(decoder.directReadTarget());
    }

    @Test
    void offersNoTargetForSmallBodiesOrBodiesAboveTheLimit() {
        for (int size : new int[] {COPY_THRESHOLD - 1, LIMIT + 1}) {
            FrameDecoder decoder = decoder(-1);
            ByteBuf in = alloc.heapBuffer();
            FrameEncoder.writeHeader(in, size, false, false);
            in.writeByte(0);
            assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, new RecordingHandler()));
            in.release();
            assertTrue(decoder.isMidFrame());
            assertNull(decoder.directReadTarget(), "size " + size);
            decoder.release();
        }
    }

    @Test
    void takesOneBufferOfTheBodysSizeFromThePoolForAClaimUpToTheLimit() {
        FrameDecoder decoder = decoder(-1);
        ByteBuf in = alloc.heapBuffer();
        FrameEncoder.writeHeader(in, LIMIT, false, false);
        in.writeByte(0);
        decoder.decode(in, new RecordingHandler());
        in.release();
        assertEquals(0, TestBuffers.used(alloc), "nothing from the allocator");
        ByteBuf body = decoder.directReadTarget();
        assertEquals(LIMIT, body.capacity(), "one buffer of exactly the body's size");
        decoder.release();
        assertEquals(0, body.refCnt());
        assertEquals(1, largeBodies.idle(LIMIT), "back in the pool");
    }

    @Test
    void allocatesOnlyWhatArrivedForAClaimAboveTheLimit() {
        FrameDecoder decoder = decoder(-1);
        RecordingHandler handler = new RecordingHandler();
        ByteBuf header = alloc.heapBuffer();
        FrameEncoder.writeHeader(header, LIMIT + 1, false, false);
        header.writeByte(0);
        decoder.decode(header, handler);
        header.release();
        for (int i = 0; i < 10; i++) {
            ByteBuf b = alloc.heapBuffer(1).writeByte(i);
            decoder.decode(b, handler);
            b.release();
        }
        assertTrue(decoder.isMidFrame());
        assertTrue(TestBuffers.used(alloc) <= COPY_THRESHOLD,
                "a claim of " + (LIMIT + 1) + " bytes allocated " + TestBuffers.used(alloc) + " bytes for 11 that came");
        decoder.release();
        assertTrue(handler.frames.isEmpty());
    }

    @Test
    void maxMsgSizeBelowTheLimitStillAcceptsABodyOfThatSizeAndRefusesOneMore() {
        int max = LIMIT / 2;
        for (int size : new int[] {max, max + 1}) {
            FrameDecoder decoder = decoder(max);
            RecordingHandler handler = new RecordingHandler();
            ByteBuf in = alloc.heapBuffer();
            FrameEncoder.writeHeader(in, size, false, false);
            in.writeByte(7);
            FrameDecoder.Result first = decoder.decode(in, handler);
            in.release();
            if (size > max) {
                assertEquals(FrameDecoder.Result.FAILED, first);
                assertEquals(ProtocolError.FRAME_TOO_LARGE, decoder.error());
                assertEquals(0, TestBuffers.used(alloc), "allocated for a frame it refused");
                continue;
            }
            assertEquals(FrameDecoder.Result.NEED_INPUT, first);
            decoder.directReadTarget().writeZero(size - 1);
            ByteBuf none = alloc.heapBuffer(1);
            assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(none, handler));
            none.release();
            assertEquals(1, handler.frames.size());
            assertEquals(size, handler.frames.get(0).body().length);
        }
    }

    @Test
    void releasesABodyHalfReadStraightIntoItsBuffer() {
        FrameDecoder decoder = decoder(-1);
        ByteBuf in = alloc.heapBuffer();
        FrameEncoder.writeHeader(in, LIMIT, true, false);
        in.writeZero(10);
        decoder.decode(in, new RecordingHandler());
        in.release();
        ByteBuf body = decoder.directReadTarget();
        body.writeZero(100);
        decoder.release();
        assertNull(decoder.directReadTarget());
        assertEquals(0, body.refCnt(), "released");
        assertEquals(1, largeBodies.idle(LIMIT), "back in the pool");
    }
}
