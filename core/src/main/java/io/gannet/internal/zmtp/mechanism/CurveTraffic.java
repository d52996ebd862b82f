package io.gannet.internal.zmtp.mechanism;

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

    private final byte[] key;
    private final String sendPrefix;
    private final String receivePrefix;
    private long nonce;
    private long peerNonce;
    private HandshakeError error;

    /**
     * @param key       the short-term box key (beforenm(C', s') or beforenm(S', c')); kept, wiped by {@link #wipe}
     * @param nonce     the next short nonce to send
     * @param peerNonce the last short nonce received in the handshake
     */
    CurveTraffic(byte[] key, boolean client, long nonce, long peerNonce) {
        this.key = key;
        this.sendPrefix = client ? CLIENT_PREFIX : SERVER_PREFIX;
        this.receivePrefix = client ? SERVER_PREFIX : CLIENT_PREFIX;
        this.nonce = nonce;
        this.peerNonce = peerNonce;
    }

    /** Seals one frame ({@code flags}: 1 MORE, 2 COMMAND) into a MESSAGE body, taking {@code body}. */
    ByteBuf seal(ByteBuf body, int flags, ByteBufAllocator alloc) {
        byte[] plain;
        try {
            int size = body.readableBytes();
            plain = new byte[1 + size];
            plain[0] = (byte) flags;
            body.getBytes(body.readerIndex(), plain, 1, size);
        } finally {
            body.release();
        }
        long n = nonce++;
        ByteBuf out = Commands.allocate(alloc, MESSAGE, 8 + CryptoBox.TAG_LENGTH + plain.length);
        byte[] box = new byte[CryptoBox.TAG_LENGTH + plain.length];
        CryptoBox.seal(key, longNonce(sendPrefix, n), plain, 0, plain.length, box, 0);
        out.writeLong(n).writeBytes(box);
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
            byte[] box = new byte[length - 8];
            body.getBytes(at + 8, box);
            plain = new byte[box.length - CryptoBox.TAG_LENGTH];
            if (!CryptoBox.open(key, longNonce(receivePrefix, n), box, 0, box.length, plain, 0)) {
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
        Arrays.fill(key, (byte) 0);
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
