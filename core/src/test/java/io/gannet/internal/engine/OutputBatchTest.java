package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.internal.zmtp.TestBuffers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputBatchTest {

    /** Records what each write call took; takes at most {@code accept} more bytes, like a socket buffer. */
    private static final class RecordingChannel implements GatheringByteChannel {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Long> writes = new ArrayList<>();
        long accept = Long.MAX_VALUE;

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long left = accept;
            long n = 0;
            for (int i = offset; i < offset + length && left > 0; i++) {
                int take = (int) Math.min(left, srcs[i].remaining());
                byte[] b = new byte[take];
                srcs[i].get(b);
                bytes.write(b, 0, take);
                n += take;
                left -= take;
            }
            if (accept != Long.MAX_VALUE) {
                accept -= n;
            }
            writes.add(n);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static ByteBuf payload(int size) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(size);
        for (int i = 0; i < size; i++) {
            b.writeByte(i * 13 + (i >>> 8));
        }
        return b;
    }

    /** The bytes a batch of {@code frames} must put on the wire. */
    private static byte[] wire(ByteBuf... frames) {
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf f : frames) {
            TestBuffers.writeFrame(out, f, false, false);
        }
        byte[] b = new byte[out.readableBytes()];
        out.readBytes(b);
        out.release();
        return b;
    }

    @Test
    void largeBatchStartsWithAShortWriteThenSendsTheRest() throws Exception {
        OutputBatch batch = new OutputBatch(PooledByteBufAllocator.DEFAULT);
        ByteBuf body = payload(65_536);
        byte[] expected = wire(body);
        batch.addFrame(body, false, false);
        RecordingChannel channel = new RecordingChannel();
        assertTrue(batch.writeTo(channel));
        assertEquals(List.of(8192L, (long) expected.length - 8192), channel.writes);
        assertArrayEquals(expected, channel.bytes.toByteArray());
        assertTrue(batch.isEmpty());
        batch.release();
    }

    @Test
    void smallBatchGoesOutInOneWrite() throws Exception {
        OutputBatch batch = new OutputBatch(PooledByteBufAllocator.DEFAULT);
        ByteBuf a = payload(100);
        ByteBuf b = payload(20_000);
        byte[] expected = wire(a, b);
        batch.addFrame(a, false, false);
        batch.addFrame(b, false, false);
        RecordingChannel channel = new RecordingChannel();
        assertTrue(batch.writeTo(channel));
        assertEquals(List.of((long) expected.length), channel.writes);
        assertArrayEquals(expected, channel.bytes.toByteArray());
        batch.release();
    }

    @Test
    void fullSocketLeavesTheBatchToContinueWhereItStopped() throws Exception {
        OutputBatch batch = new OutputBatch(PooledByteBufAllocator.DEFAULT);
        ByteBuf a = payload(65_536);
        ByteBuf b = payload(3000);
        ByteBuf c = payload(40_000);
        byte[] expected = wire(a, b, c);
        batch.addFrame(a, false, false);
        batch.addFrame(b, false, false);
        batch.addFrame(c, false, false);
        RecordingChannel channel = new RecordingChannel();
        channel.accept = 0;
        assertFalse(batch.writeTo(channel), "nothing taken");
        channel.accept = 5000;
        assertFalse(batch.writeTo(channel), "socket full after 5000 bytes");
        channel.accept = 70_000;
        assertFalse(batch.writeTo(channel), "socket full again, mid-payload");
        channel.accept = Long.MAX_VALUE;
        assertTrue(batch.writeTo(channel));
        assertArrayEquals(expected, channel.bytes.toByteArray());
        assertTrue(batch.isEmpty());
        batch.release();
    }

    @Test
    void repeatedConstantPayloadGoesOutIntactBatchAfterBatch() throws Exception {
        OutputBatch batch = new OutputBatch(PooledByteBufAllocator.DEFAULT);
        ByteBuf backing = payload(65_536);
        ByteBuf constant = Unpooled.unreleasableBuffer(backing.asReadOnly());
        byte[] one = wire(constant);
        RecordingChannel channel = new RecordingChannel();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i <= round; i++) {
                batch.addFrame(constant, false, false);
                expected.write(one);
            }
            assertTrue(batch.writeTo(channel));
        }
        assertArrayEquals(expected.toByteArray(), channel.bytes.toByteArray());
        batch.release();
        assertEquals(1, backing.refCnt(), "cached views gave their references back");
        backing.release();
    }

    @Test
    void unsentMessagesAreThoseTheChannelHasNotTakenWhole() throws Exception {
        OutputBatch batch = new OutputBatch(PooledByteBufAllocator.DEFAULT);
        RecordingChannel ch = new RecordingChannel();
        // Three messages of 100 bytes (2-byte headers) end at 102, 204 and 306 bytes; a fourth
        // of a 10-byte frame and a 4,000-byte one (9-byte header, its own segment) at 4,327.
        for (int i = 0; i < 3; i++) {
            batch.addFrame(payload(100), false, false);
            batch.messageEnded();
        }
        batch.addFrame(payload(10), true, false); // first frame of a message still being taken
        batch.addFrame(payload(4000), false, false);
        batch.messageEnded();
        assertEquals(4, batch.unsentMessages());
        ch.accept = 203;
        assertFalse(batch.writeTo(ch));
        assertEquals(3, batch.unsentMessages(), "one whole message written, the second cut at 203 of 204 bytes");
        ch.accept = 1;
        assertFalse(batch.writeTo(ch));
        assertEquals(2, batch.unsentMessages());
        ch.accept = Long.MAX_VALUE;
        assertTrue(batch.writeTo(ch));
        assertEquals(0, batch.unsentMessages(), "a written batch starts counting afresh");
        batch.addFrame(payload(5), false, false);
        batch.messageEnded();
        assertEquals(1, batch.unsentMessages());
        batch.release();
    }
}
