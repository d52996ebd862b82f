package io.gannet.transports.pgm;

import io.gannet.Msg;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Packs a publisher's messages into TSDUs (the payload of one PGM ODATA packet) exactly as
 * libzmq's {@code pgm_sender} does, so that libzmq subscribers read them:
 *
 * <pre>
 * TSDU (at most maxTsdu bytes):
 * +----------------+--------------------------------------------------------------+
 * | offset (2 B,   | ZMTP/1.0 frames, one after the other; a frame may continue    |
 * | big endian)    | from the previous TSDU and go on in the next                  |
 * +----------------+--------------------------------------------------------------+
 * offset: where in the frame bytes the first message begins (the first frame of a
 *         multipart message); 0xFFFF when no message begins in this TSDU
 *
 * ZMTP/1.0 frame:
 * +--------------------------+-------+------------+
 * | length: 1 B if < 255,    | flags | body       |   length counts flags + body
 * | else 0xFF + 8 B (BE)     | bit 0 MORE         |
 * +--------------------------+-------+------------+
 * </pre>
 *
 * As libzmq, the offset is the first place in the TSDU where a message may begin and room is
 * left, even if the socket then has no message: a TSDU that ends a message early may say
 * {@code offset == its length}. The caller sends a TSDU when it is {@link #full()} or when
 * the socket has no more messages right now. One buffer, reused: no allocation per TSDU.
 *
 * <p>Owned by one I/O thread.
 */
final class TsduWriter {
    static final int NO_MESSAGE_STARTS = 0xFFFF;
    private static final int MORE = 0x01;

    private final ByteBuffer tsdu;
    private final byte[] header = new byte[10];
    private int headerLength;
    private int headerPosition;
    /** The frame being copied (held until its last byte is in a TSDU); null when idle. */
    private ByteBuf body;
    private int bodyPosition;
    private boolean frameMore;
    /** A message has begun and its last frame is not fully copied yet. */
    private boolean midMessage;
    private int offset = NO_MESSAGE_STARTS;
    /** Messages whose last byte is in the current TSDU. */
    private int messagesEnded;

    TsduWriter(int maxTsdu) {
        if (maxTsdu < 3) {
            throw new IllegalArgumentException("a TSDU of " + maxTsdu + " bytes has no room for data");
        }
        this.tsdu = ByteBuffer.allocate(maxTsdu);
        tsdu.position(2);
    }

    /** Whether a frame is being copied; if not, {@link #load} takes the next. */
    boolean busy() {
        return body != null;
    }

    /** Whether the TSDU has no room left. */
    boolean full() {
        return !tsdu.hasRemaining();
    }

    /** Whether the TSDU holds no frame bytes. */
    boolean isEmpty() {
        return tsdu.position() == 2;
    }

    /**
     * Marks the current position as a message start if no message began in this TSDU yet
     * (libzmq's rule); call before asking the socket for the next message.
     */
    void atBoundary() {
        if (!midMessage && offset == NO_MESSAGE_STARTS && tsdu.hasRemaining()) {
            offset = tsdu.position() - 2;
        }
    }

    /** Takes the next frame's data (the writer releases it) and copies what fits. */
    void load(Msg frame) {
        atBoundary();
        frameMore = frame.hasMore();
        body = frame.take();
        bodyPosition = body.readerIndex();
        long size = (long) body.readableBytes() + 1;
        if (size < 0xFF) {
            header[0] = (byte) size;
            header[1] = (byte) (frameMore ? MORE : 0);
            headerLength = 2;
        } else {
            header[0] = (byte) 0xFF;
            for (int i = 0; i < 8; i++) {
                header[1 + i] = (byte) (size >>> (8 * (7 - i)));
            }
            header[9] = (byte) (frameMore ? MORE : 0);
            headerLength = 10;
        }
        headerPosition = 0;
        midMessage = true;
        copy();
    }

    /** Copies as much of the current frame as fits into the TSDU. */
    void copy() {
        if (body == null) {
            return;
        }
        int n = Math.min(headerLength - headerPosition, tsdu.remaining());
        tsdu.put(header, headerPosition, n);
        headerPosition += n;
        int end = body.writerIndex();
        n = Math.min(end - bodyPosition, tsdu.remaining());
        if (n > 0) {
            int limit = tsdu.limit();
            tsdu.limit(tsdu.position() + n);
            body.getBytes(bodyPosition, tsdu);
            tsdu.limit(limit);
            bodyPosition += n;
        }
        if (headerPosition == headerLength && bodyPosition == end) {
            body.release();
            body = null;
            if (!frameMore) {
                midMessage = false;
                messagesEnded++;
            }
        }
    }

    /**
     * The TSDU to send, offset written in, in {@code view} (from {@link #newView()}; reused, so
     * sending allocates nothing) from position 0 to its length. Then {@link #sent()}.
     */
    ByteBuffer packet(ByteBuffer view) {
        tsdu.putShort(0, (short) offset);
        view.clear();
        view.limit(tsdu.position());
        return view;
    }

    /** The view {@link #packet(ByteBuffer)} fills: the TSDU's own bytes. */
    ByteBuffer newView() {
        return tsdu.duplicate();
    }

    /** The TSDU went out: start the next one; returns how many messages it ended. */
    int sent() {
        int ended = messagesEnded;
        messagesEnded = 0;
        offset = NO_MESSAGE_STARTS;
        tsdu.clear();
        tsdu.position(2);
        copy(); // the rest of a frame that did not fit goes first
        return ended;
    }

    /** Messages taken from the socket and not fully handed out in sent TSDUs. */
    long unsentMessages() {
        return messagesEnded + (midMessage ? 1 : 0);
    }

    /** Releases the frame being copied. */
    void close() {
        if (body != null) {
            body.release();
            body = null;
        }
    }
}
