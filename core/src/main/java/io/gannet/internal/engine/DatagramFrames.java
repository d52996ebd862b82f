package io.gannet.internal.engine;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * The layout of one message in one datagram: its frames one after the other, each as a ZMTP
 * 3.1 message frame (RFC 37, section "Framing"), with no greeting and no commands:
 *
 * <pre>
 * +-------+------------------+-----------+
 * | flags | size (1 or 8 B)  | body      |   ... repeated, the last frame without MORE
 * +-------+------------------+-----------+
 * flags: bit 0 MORE (another frame follows), bit 1 LONG (size is 8 bytes, network order)
 * </pre>
 *
 * A datagram holds exactly one whole message: the last frame has MORE clear and ends the
 * datagram. Anything else is malformed and dropped whole. Stateless.
 */
final class DatagramFrames {
    static final int MORE = 0x01;
    static final int LONG = 0x02;

    private DatagramFrames() {
    }

    /** The bytes a frame of {@code size} body bytes takes. */
    static int encodedSize(int size) {
        return 1 + (size > 0xFF ? 8 : 1) + size;
    }

    /**
     * Appends one frame to {@code out}; returns false, writing nothing, if it does not fit.
     * The body's reader index is left as it was.
     */
    static boolean put(ByteBuffer out, ByteBuf body, boolean more) {
        int size = body.readableBytes();
        if (out.remaining() < encodedSize(size)) {
            return false;
        }
        boolean isLong = size > 0xFF;
        out.put((byte) ((more ? MORE : 0) | (isLong ? LONG : 0)));
        if (isLong) {
            out.putLong(size);
        } else {
            out.put((byte) size);
        }
        int limit = out.limit();
        out.limit(out.position() + size);
        body.getBytes(body.readerIndex(), out);
        out.limit(limit);
        return true;
    }

    /**
     * Checks that {@code in} (position to limit) is one well-formed message and returns its
     * frame count, or -1 when it is malformed (reserved flag bits, a size past the end, a
     * last frame with MORE, bytes after the last frame, an empty datagram).
     */
    static int count(ByteBuffer in) {
        int p = in.position();
        int end = in.limit();
        int frames = 0;
        while (p < end) {
            int flags = in.get(p++) & 0xFF;
            if ((flags & ~(MORE | LONG)) != 0) {
                return -1;
            }
            long size;
            if ((flags & LONG) != 0) {
                if (end - p < 8) {
                    return -1;
                }
                size = in.getLong(p);
                p += 8;
            } else {
                if (end - p < 1) {
                    return -1;
                }
                size = in.get(p++) & 0xFF;
            }
            if (size < 0 || size > end - p) {
                return -1;
            }
            p += (int) size;
            frames++;
            if ((flags & MORE) == 0) {
                return p == end ? frames : -1;
            }
        }
        return -1;
    }

    /**
     * Reads the next frame of a datagram that {@link #count} accepted: its body into
     * {@code body} (which must have room), and whether another frame follows.
     */
    static boolean next(ByteBuffer in, ByteBuf body) {
        int flags = in.get() & 0xFF;
        int size = (flags & LONG) != 0 ? (int) in.getLong() : in.get() & 0xFF;
        int limit = in.limit();
        in.limit(in.position() + size);
        body.writeBytes(in);
        in.limit(limit);
        return (flags & MORE) != 0;
    }

    /** The body size of the next frame of an accepted datagram, without moving. */
    static int peekSize(ByteBuffer in) {
        int p = in.position();
        int flags = in.get(p) & 0xFF;
        return (flags & LONG) != 0 ? (int) in.getLong(p + 1) : in.get(p + 1) & 0xFF;
    }
}
