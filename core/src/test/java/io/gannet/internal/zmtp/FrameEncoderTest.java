package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.gannet.internal.zmtp.TestBuffers.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameEncoderTest {

    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    @Test
    void usesShortFormUpTo255AndLongFormAbove() {
        ByteBuf out = alloc.heapBuffer();
        assertEquals(2, FrameEncoder.writeHeader(out, 0, false, false));
        assertEquals(2, FrameEncoder.writeHeader(out, 255, true, false));
        assertEquals(9, FrameEncoder.writeHeader(out, 256, true, false));
        assertEquals(9, FrameEncoder.writeHeader(out, 0x1_0000_0000L, false, true));
        assertEquals(2, FrameEncoder.writeHeader(out, 5, false, true));
        assertArrayEquals(hex("00 00" + "01 ff" + "03 00 00 00 00 00 00 01 00" + "06 00 00 00 01 00 00 00 00" + "04 05"),
                TestBuffers.bytes(out));
        assertEquals(2, FrameEncoder.headerSize(255));
        assertEquals(9, FrameEncoder.headerSize(256));
        out.release();
    }

    @Test
    void refusesMisuse() {
        ByteBuf out = alloc.heapBuffer();
        assertThrows(IllegalArgumentException.class, () -> FrameEncoder.writeHeader(out, -1, false, false));
        assertThrows(IllegalArgumentException.class, () -> FrameEncoder.writeHeader(out, 1, true, true));
        out.release();
    }
}
