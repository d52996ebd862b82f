package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.crypto.BoxSession;
import io.gannet.internal.crypto.CryptoBox;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

import java.util.Arrays;

/**
 * CURVE's MESSAGE framing after the handshake (RFC 26 "MESSAGE"), for either side: every
 * frame sealed with the connection's short-term key under a nonce that counts up, every
 * received one opened and its nonce required to be above the last (a replay or reordering is
 * refused, as libzmq refuses it).
 *
 * <pre>
 *  MESSAGE | 0x07 "MESSAGE" | nonce8 | Box[flags + frame](key)      flags: 1 MORE, 2 COMMAND
 *          long nonce: "CurveZMQMESSAGEC" (client to server) or "CurveZMQMESSAGES" + nonce8
 * </pre>
 *
 * One per connection, on the engine's I/O thread; {@link #wipe()} overwrites the key.
 */
final class CurveTraffic {
    static final byte[] MESSAGE = Commands.name("MESSAGE");
    static final String CLIENT_PREFIX = "CurveZMQMESSAGEC";
    static final String SERVER_PREFIX = "CurveZMQMESSAGES";

    /** Reused for every MESSAGE of this connection: cipher, MAC, and the two long nonces. */
    private final BoxSession box;
    private final byte[] sendNonce;
    private final byte[] receiveNonce;
    /** A frame or box copied out of a buffer without an array (grows, kept). */
    private byte[] scratch = new byte[0];
    private long nonce;
    private long peerNonce;
    private HandshakeError error;

    /**
     * @param key       the short-term box key (beforenm(C', s') or beforenm(S', c')); kept, wiped by {@link #wipe}
     * @param nonce     the next short nonce to send
     * @param peerNonce the last short nonce received in the handshake
     */
    CurveTraffic(byte[] key, boolean client, long nonce, long peerNonce) {
        this.box = new BoxSession(key);
        this.sendNonce = longNonce(client ? CLIENT_PREFIX : SERVER_PREFIX, 0);
        this.receiveNonce = longNonce(client ? SERVER_PREFIX : CLIENT_PREFIX, 0);
        this.nonce = nonce;
        this.peerNonce = peerNonce;
    }

    /**
     * Seals one frame ({@code flags}: 1 MORE, 2 COMMAND) into a MESSAGE body, taking {@code body}.
     * The box is sealed straight from the frame's bytes into the new body's array.
     */
    ByteBuf seal(ByteBuf body, int flags, ByteBufAllocator alloc) {
        ByteBuf out;
        try {
            int size = body.readableBytes();
            byte[] plain;
            int plainAt;
            if (body.hasArray()) {
                plain = body.array();
                plainAt = body.arrayOffset() + body.readerIndex();
            } else {
                plain = scratch(size);
                plainAt = 0;
                body.getBytes(body.readerIndex(), plain, 0, size);
            }
            long n = nonce++;
            setShortNonce(sendNonce, n);
            int boxLength = CryptoBox.TAG_LENGTH + 1 + size;
            int capacity = 1 + MESSAGE.length + 8 + boxLength;
            out = alloc.heapBuffer(capacity);
            if (!out.hasArray()) { // an allocator whose heap buffers hide their array
                out.release();
                out = Unpooled.buffer(capacity);
            }
            out.writeByte(MESSAGE.length).writeBytes(MESSAGE).writeLong(n);
            int boxAt = out.writerIndex();
            box.seal(sendNonce, (byte) flags, plain, plainAt, size, out.array(), out.arrayOffset() + boxAt);
            out.writerIndex(boxAt + boxLength);
        } finally {
            body.release();
        }
        return out;
    }

    /**
     * Opens one MESSAGE body (taking it) and hands what it carries to {@code out}.
     *
     * @return what {@code out} returned; false with {@link #error()} set when the frame is
     *         not a MESSAGE, is too short, repeats or goes back on a nonce, or does not open
     */
    boolean open(ByteBuf body, FrameHandler out) {
        byte[] plain;
        try {
            if (!Commands.hasName(body, MESSAGE)) {
                return refuse(ProtocolError.UNEXPECTED_COMMAND, "a CURVE connection carries only MESSAGE commands");
            }
            int at = Commands.dataIndex(body);
            int length = Commands.dataLength(body);
            if (length < 8 + CryptoBox.TAG_LENGTH + 1) {
                return refuse(ProtocolError.MALFORMED_MESSAGE, "CURVE MESSAGE of " + length + " data bytes");
            }
            long n = body.getLong(at);
            if (Long.compareUnsigned(n, peerNonce) <= 0) {
                return refuse(ProtocolError.INVALID_SEQUENCE, "CURVE MESSAGE nonce " + Long.toUnsignedString(n)
                        + " not above " + Long.toUnsignedString(peerNonce));
            }
            int boxLength = length - 8;
            byte[] sealed;
            int sealedAt;
            if (body.hasArray()) {
                sealed = body.array();
                sealedAt = body.arrayOffset() + at + 8;
            } else {
                sealed = scratch(boxLength);
                sealedAt = 0;
                body.getBytes(at + 8, sealed, 0, boxLength);
            }
            plain = new byte[boxLength - CryptoBox.TAG_LENGTH];
            setShortNonce(receiveNonce, n);
            if (!box.open(receiveNonce, sealed, sealedAt, boxLength, plain, 0)) {
                return refuse(ProtocolError.CRYPTOGRAPHIC, "CURVE MESSAGE does not open");
            }
            peerNonce = n;
        } finally {
            body.release();
        }
        ByteBuf frame = Unpooled.wrappedBuffer(plain, 1, plain.length - 1);
        if ((plain[0] & 0x02) != 0) {
            return out.onCommand(frame);
        }
        return out.onMessageFrame(frame, (plain[0] & 0x01) != 0);
    }

    /** Why the last {@link #open} refused its frame. */
    HandshakeError error() {
        return error;
    }

    void wipe() {
        box.wipe();
        Arrays.fill(scratch, (byte) 0);
    }

    private byte[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, 2 * scratch.length)];
        }
        return scratch;
    }

    /** Writes a big-endian short nonce into the last 8 bytes of a long one. */
    private static void setShortNonce(byte[] longNonce, long shortNonce) {
        for (int i = 0; i < 8; i++) {
            longNonce[16 + i] = (byte) (shortNonce >>> (56 - 8 * i));
        }
    }

    private boolean refuse(ProtocolError what, String detail) {
        error = HandshakeError.of(what, detail);
        return false;
    }

    /** A 24-byte nonce: a 16-character prefix and a big-endian short nonce. */
    static byte[] longNonce(String prefix16, long shortNonce) {
        byte[] n = new byte[24];
        for (int i = 0; i < 16; i++) {
            n[i] = (byte) prefix16.charAt(i);
        }
        for (int i = 0; i < 8; i++) {
            n[16 + i] = (byte) (shortNonce >>> (56 - 8 * i));
        }
        return n;
    }

    /** A 24-byte nonce: an 8-character prefix and 16 bytes. */
    static byte[] longNonce(String prefix8, byte[] rest16, int offset) {
        byte[] n = new byte[24];
        for (int i = 0; i < 8; i++) {
            n[i] = (byte) prefix8.charAt(i);
        }
        System.arraycopy(rest16, offset, n, 8, 16);
        return n;
    }
}
