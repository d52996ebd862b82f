package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.crypto.BoxSession;
import io.gannet.internal.crypto.CryptoBox;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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
    /** A MESSAGE body before its box: name length, name, short nonce. */
    private static final int HEADER = 1 + 7 + 8;

    /** One box per direction: each keeps its nonce prefix's HSalsa20 subkey (made once). */
    private final BoxSession sender;
    private final BoxSession receiver;
    private long nonce;
    private long peerNonce;
    private HandshakeError error;

    /**
     * @param key       the short-term box key (beforenm(C', s') or beforenm(S', c')); only
     *                  read here: the caller wipes it
     * @param nonce     the next short nonce to send
     * @param peerNonce the last short nonce received in the handshake
     */
    CurveTraffic(byte[] key, boolean client, long nonce, long peerNonce) {
        this.sender = new BoxSession(key, prefix(client ? CLIENT_PREFIX : SERVER_PREFIX));
        this.receiver = new BoxSession(key, prefix(client ? SERVER_PREFIX : CLIENT_PREFIX));
        this.nonce = nonce;
        this.peerNonce = peerNonce;
    }

    /**
     * Seals one frame ({@code flags}: 1 MORE, 2 COMMAND) into a MESSAGE body, taking {@code body}.
     * The frame's bytes are copied once, behind the flags byte in the new body, and sealed
     * there in place.
     */
    ByteBuf seal(ByteBuf body, int flags, ByteBufAllocator alloc) {
        ByteBuf out;
        try {
            int size = body.readableBytes();
            long n = nonce++;
            int boxLength = CryptoBox.TAG_LENGTH + 1 + size;
            out = alloc.buffer(HEADER + boxLength);
            out.writeByte(MESSAGE.length).writeBytes(MESSAGE).writeLong(n);
            int boxAt = out.writerIndex();
            out.setByte(boxAt + CryptoBox.TAG_LENGTH, flags);
            out.setBytes(boxAt + CryptoBox.TAG_LENGTH + 1, body, body.readerIndex(), size);
            ByteBuffer memory = out.internalNioBuffer(boxAt, boxLength);
            sender.seal(n, memory, memory.position(), 1 + size);
            out.writerIndex(boxAt + boxLength);
        } finally {
            body.release();
        }
        return out;
    }

    /**
     * Opens one MESSAGE body (taking it) in place and hands what it carries to {@code out}:
     * the same buffer, its indexes moved onto the plaintext frame.
     *
     * @return what {@code out} returned; false with {@link #error()} set when the frame is
     *         not a MESSAGE, is too short, repeats or goes back on a nonce, or does not open
     */
    boolean open(ByteBuf body, FrameHandler out) {
        ByteBuf frame = body;
        int flags;
        try {
            if (!Commands.hasName(body, MESSAGE)) {
                return refuse(frame, ProtocolError.UNEXPECTED_COMMAND, "a CURVE connection carries only MESSAGE commands");
            }
            int at = Commands.dataIndex(body);
            int length = Commands.dataLength(body);
            if (length < 8 + CryptoBox.TAG_LENGTH + 1) {
                return refuse(frame, ProtocolError.MALFORMED_MESSAGE, "CURVE MESSAGE of " + length + " data bytes");
            }
            long n = body.getLong(at);
            if (Long.compareUnsigned(n, peerNonce) <= 0) {
                return refuse(frame, ProtocolError.INVALID_SEQUENCE, "CURVE MESSAGE nonce " + Long.toUnsignedString(n)
                        + " not above " + Long.toUnsignedString(peerNonce));
            }
            int boxAt = at + 8;
            int boxLength = length - 8;
            if (body.nioBufferCount() != 1 || body.isReadOnly()) { // a body gathered in pieces: one copy
                frame = body.alloc().buffer(boxLength).writeBytes(body, boxAt, boxLength);
                body.release();
                boxAt = 0;
            }
            ByteBuffer memory = frame.internalNioBuffer(boxAt, boxLength);
            if (!receiver.open(n, memory, memory.position(), boxLength)) {
                return refuse(frame, ProtocolError.CRYPTOGRAPHIC, "CURVE MESSAGE does not open");
            }
            peerNonce = n;
            flags = frame.getByte(boxAt + CryptoBox.TAG_LENGTH);
            frame.setIndex(boxAt + CryptoBox.TAG_LENGTH + 1, boxAt + boxLength);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        if ((flags & 0x02) != 0) {
            return out.onCommand(frame);
        }
        return out.onMessageFrame(frame, (flags & 0x01) != 0);
    }

    /** Why the last {@link #open} refused its frame. */
    HandshakeError error() {
        return error;
    }

    void wipe() {
        sender.wipe();
        receiver.wipe();
    }

    private static byte[] prefix(String prefix16) {
        return prefix16.getBytes(StandardCharsets.US_ASCII);
    }

    /** Releases {@code frame} and records why it was refused. */
    private boolean refuse(ByteBuf frame, ProtocolError what, String detail) {
        frame.release();
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
