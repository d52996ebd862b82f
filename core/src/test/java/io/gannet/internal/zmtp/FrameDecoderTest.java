package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.gannet.internal.zmtp.TestBuffers.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameDecoderTest {

    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc), "live buffer memory after the test");
    }

    /** A stream of varied frames: sizes around both thresholds, MORE, commands, long form below 256. */
    private byte[] stream(List<RecordingHandler.Received> expected) {
        ByteBuf out = alloc.heapBuffer();
        Random random = new Random(42);
        int[] sizes = {0, 1, 2, 100, 255, 256, 257, 300, 1000, 4096, 0, 5};
        for (int i = 0; i < sizes.length; i++) {
            byte[] body = new byte[sizes[i]];
            random.nextBytes(body);
            boolean command = i % 5 == 3;
            boolean more = !command && i % 2 == 0;
            ByteBuf payload = alloc.heapBuffer(Math.max(1, body.length)).writeBytes(body);
            TestBuffers.writeFrame(out, payload, more, command);
            payload.release();
            expected.add(new RecordingHandler.Received(command, more, body));
        }
        // libzmq may send a long-form size below 256, and reserved flag bits must be ignored
        out.writeBytes(hex("02 00 00 00 00 00 00 00 03 61 62 63"));
        expected.add(new RecordingHandler.Received(false, false, "abc".getBytes()));
        out.writeBytes(hex("f9 02 78 79"));
        expected.add(new RecordingHandler.Received(false, true, "xy".getBytes()));
        byte[] bytes = TestBuffers.bytes(out);
        out.release();
        return bytes;
    }

    @Test
    void decodesWholeStreamInOneRead() {
        List<RecordingHandler.Received> expected = new ArrayList<>();
        byte[] bytes = stream(expected);
        assertEquals(expected, decodeInPieces(bytes, new int[0], FrameDecoder.DEFAULT_COPY_THRESHOLD));
    }

    @Test
    void decodesSameFramesWhenSplitAtEveryPosition() {
        List<RecordingHandler.Received> expected = new ArrayList<>();
        byte[] bytes = stream(expected);
        for (int split = 0; split <= bytes.length; split++) {
            assertEquals(expected, decodeInPieces(bytes, new int[] {split}, FrameDecoder.DEFAULT_COPY_THRESHOLD),
                    "split at " + split);
        }
    }

    @Test
    void decodesSameFramesOneByteAtATimeWithAnyCopyThreshold() {
        List<RecordingHandler.Received> expected = new ArrayList<>();
        byte[] bytes = stream(expected);
        int[] everyByte = new int[bytes.length];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i;
        }
        for (int threshold : new int[] {0, 1, 256, SmallBodyPool.MAX_BODY}) {
            assertEquals(expected, decodeInPieces(bytes, everyByte, threshold), "threshold " + threshold);
        }
    }

    @Test
    void decodesSameFramesInRandomPieces() {
        List<RecordingHandler.Received> expected = new ArrayList<>();
        byte[] bytes = stream(expected);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int[] cuts = random.ints(random.nextInt(20), 0, bytes.length).sorted().toArray();
            assertEquals(expected, decodeInPieces(bytes, cuts, 1 + random.nextInt(600)));
        }
    }

    /** Feeds {@code bytes} cut at {@code cuts} (sorted), each piece in its own buffer. */
    private List<RecordingHandler.Received> decodeInPieces(byte[] bytes, int[] cuts, int copyThreshold) {
        FrameDecoder decoder = new FrameDecoder(alloc, -1, copyThreshold);
        RecordingHandler handler = new RecordingHandler();
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : bytes.length;
            ByteBuf piece = TestBuffers.buffer(alloc, bytes, from, to);
            assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(piece, handler));
            assertFalse(piece.isReadable());
            piece.release();
            from = to;
        }
        assertFalse(decoder.isMidFrame());
        return handler.frames;
    }

    @Test
    void deliversLargeFrameAsSliceOfInputAndCopiesSmallOne() {
        ByteBuf in = alloc.heapBuffer();
        FrameEncoder.writeHeader(in, 1000, false, false);
        in.writeZero(1000);
        FrameEncoder.writeHeader(in, 10, false, false);
        in.writeZero(10);
        List<ByteBuf> bodies = new ArrayList<>();
        FrameHandler keep = new FrameHandler() {
            @Override
            public boolean onMessageFrame(ByteBuf body, boolean more) {
                bodies.add(body);
                return true;
            }

            @Override
            public boolean onCommand(ByteBuf body) {
                bodies.add(body);
                return true;
            }
        };
        FrameDecoder decoder = new FrameDecoder(alloc, -1, 256);
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, keep));
        ByteBuf large = bodies.get(0);
        ByteBuf small = bodies.get(1);
        assertSame(in.array(), large.array(), "large body shares the read buffer's memory");
        assertEquals(in.arrayOffset() + 9, large.arrayOffset() + large.readerIndex());
        assertNotSame(in.array(), small.array(), "small body is copied");
        assertEquals(2, in.refCnt(), "the slice holds one reference to the read buffer");
        in.release();
        assertEquals(1, large.refCnt(), "the slice keeps the read buffer alive");
        large.release();
        small.release();
        assertEquals(0, in.refCnt());
    }

    @Test
    void pausesWhenHandlerRefusesAndResumesWhereItStopped() {
        ByteBuf in = alloc.heapBuffer();
        for (int i = 0; i < 5; i++) {
            FrameEncoder.writeHeader(in, 1, false, false);
            in.writeByte('a' + i);
        }
        RecordingHandler handler = new RecordingHandler();
        handler.pauseEvery = 2;
        FrameDecoder decoder = new FrameDecoder(alloc, -1, 256);
        assertEquals(FrameDecoder.Result.PAUSED, decoder.decode(in, handler));
        assertEquals(2, handler.frames.size());
        assertEquals(9, in.readableBytes(), "the rest of the input stays unread");
        assertEquals(FrameDecoder.Result.PAUSED, decoder.decode(in, handler));
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, handler));
        assertEquals(5, handler.frames.size());
        assertEquals('e', handler.frames.get(4).body()[0]);
        in.release();
    }

    @Test
    void growsSplitBodyOnlyWithArrivingBytesNotThePeersClaim() {
        FrameDecoder decoder = new FrameDecoder(alloc, -1, 256);
        RecordingHandler handler = new RecordingHandler();
        ByteBuf header = alloc.heapBuffer();
        FrameEncoder.writeHeader(header, 1L << 30, false, false);
        header.writeBytes(new byte[10]);
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(header, handler));
        header.release();
        for (int i = 0; i < 100; i++) {
            ByteBuf b = alloc.heapBuffer(1).writeByte(i);
            decoder.decode(b, handler);
            b.release();
        }
        assertTrue(decoder.isMidFrame());
        assertTrue(TestBuffers.used(alloc) < 4096, "a 1 GiB claim allocated " + TestBuffers.used(alloc) + " bytes");
        decoder.release();
        assertTrue(handler.frames.isEmpty());
    }

    @Test
    void releasesPartialFrameWhenConnectionCloses() {
        FrameDecoder decoder = new FrameDecoder(alloc, -1, 256);
        ByteBuf in = alloc.heapBuffer();
        FrameEncoder.writeHeader(in, 5000, true, false);
        in.writeZero(3000);
        assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, new RecordingHandler()));
        in.release();
        assertTrue(decoder.isMidFrame());
        ByteBuf partial = decoder.directReadTarget();
        assertEquals(1, partial.refCnt(), "the partial body is held");
        decoder.release();
        assertEquals(0, partial.refCnt(), "and released with the decoder");
    }
}
