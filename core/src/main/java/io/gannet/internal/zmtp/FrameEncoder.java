package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;

/**
 * Writes ZMTP 3.x frame headers ({@link Frame} shows the layout, RFC 37 "Framing").
 *
 * <p>The engine batches: it writes the headers of many frames into one header buffer and
 * gathers {@code header, payload, header, payload...} into one {@code write(ByteBuffer[])},
 * so large payload bytes are never copied (small ones are copied behind their header, where
 * an extra gathered buffer would cost more than the copy). Stateless; any thread.
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    /** Header bytes a frame of {@code size} body bytes needs: 2 up to 255, else 9. */
    public static int headerSize(long size) {
        return size <= Frame.MAX_SHORT_SIZE ? Frame.SHORT_HEADER_SIZE : Frame.LONG_HEADER_SIZE;
    }

    /**
     * Writes one frame header into {@code out}: the short form for bodies up to 255 bytes, the
     * long form above.
     *
     * @param out     where to write (grows if needed)
     * @param size    the body size, 0 or more
     * @param more    whether more frames of this message follow (must be false for commands)
     * @param command whether the frame is a command
     * @return the number of header bytes written (2 or 9)
     * @throws IllegalArgumentException for a negative size or a command with MORE (misuse)
     */
    public static int writeHeader(ByteBuf out, long size, boolean more, boolean command) {
        if (size < 0) {
            throw new IllegalArgumentException("negative frame size " + size);
        }
        if (more && command) {
            throw new IllegalArgumentException("a command frame cannot have MORE set");
        }
        int flags = (more ? Frame.MORE : 0) | (command ? Frame.COMMAND : 0);
        if (size <= Frame.MAX_SHORT_SIZE) {
            out.writeByte(flags);
            out.writeByte((int) size);
            return Frame.SHORT_HEADER_SIZE;
        }
        out.writeByte(flags | Frame.LONG);
        out.writeLong(size);
        return Frame.LONG_HEADER_SIZE;
    }
}
