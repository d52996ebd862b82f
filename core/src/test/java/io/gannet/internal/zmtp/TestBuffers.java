package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Test helpers: an allocator whose metric tells how much memory is live (so a test can
 * prove nothing leaked and nothing was allocated for a claimed size), and hex fixtures.
 */
public final class TestBuffers {

    private TestBuffers() {
    }

    /** A heap allocator that tracks its live memory; heap so zero copy can be checked by array identity. */
    public static UnpooledByteBufAllocator allocator() {
        return new UnpooledByteBufAllocator(false);
    }

    /** Bytes currently allocated and not released. */
    public static long used(UnpooledByteBufAllocator alloc) {
        return alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory();
    }

    /** Bytes from hex with optional spaces: "ff 00 7f". */
    public static byte[] hex(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replace(" ", "").replace("\n", ""));
    }

    /** A fresh buffer holding {@code bytes}. */
    public static ByteBuf buffer(UnpooledByteBufAllocator alloc, byte[] bytes, int from, int to) {
        ByteBuf b = alloc.heapBuffer(Math.max(1, to - from));
        b.writeBytes(bytes, from, to - from);
        return b;
    }

    /**
     * Copies a whole frame (header and the readable bytes of {@code payload}) into {@code out},
     * leaving {@code payload} alone; returns the bytes written.
     */
    public static int writeFrame(ByteBuf out, ByteBuf payload, boolean more, boolean command) {
        int size = payload.readableBytes();
        int header = FrameEncoder.writeHeader(out, size, more, command);
        out.writeBytes(payload, payload.readerIndex(), size);
        return header + size;
    }

    /** The readable bytes of {@code b} (does not release it). */
    public static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b);
    }
}
