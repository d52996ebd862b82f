package io.gannet.internal.engine;

import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.mechanism.HandshakeConfig;
import io.gannet.internal.zmtp.mechanism.Mechanism;
import io.gannet.internal.zmtp.mechanism.NullMechanism;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A test mechanism that wraps traffic the way CURVE does, without the cryptography: NULL's
 * handshake, then every frame carried inside a wrapper frame whose body is a flags byte
 * ({@link #MORE}, {@link #COMMAND}) followed by the frame's body with each byte XORed with
 * {@link #KEY}. A wrapper that is empty or has unknown flags does not unwrap.
 */
final class XorWrappingMechanism implements Mechanism {
    static final int MORE = 1;
    static final int COMMAND = 4;
    static final byte KEY = 0x5A;

    private final NullMechanism handshake;
    private HandshakeError failure;

    XorWrappingMechanism(HandshakeConfig config) {
        this.handshake = new NullMechanism(config);
    }

    /** The wrapper body for {@code body} with {@code flags}, as the peer must send it. */
    static byte[] wrap(byte[] body, int flags) {
        byte[] w = new byte[body.length + 1];
        w[0] = (byte) flags;
        for (int i = 0; i < body.length; i++) {
            w[i + 1] = (byte) (body[i] ^ KEY);
        }
        return w;
    }

    @Override
    public String name() {
        return handshake.name();
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public ByteBuf nextCommand(ByteBufAllocator alloc) {
        return handshake.nextCommand(alloc);
    }

    @Override
    public Status processCommand(ByteBuf body) {
        return handshake.processCommand(body);
    }

    @Override
    public Status status() {
        return failure != null ? Status.ERROR : handshake.status();
    }

    @Override
    public HandshakeError error() {
        return failure != null ? failure : handshake.error();
    }

    @Override
    public Metadata peerMetadata() {
        return handshake.peerMetadata();
    }

    @Override
    public boolean wrapsTraffic() {
        return true;
    }

    @Override
    public ByteBuf encode(ByteBuf body, boolean more, ByteBufAllocator alloc) {
        return wrap(body, more ? MORE : 0, alloc);
    }

    @Override
    public ByteBuf encodeCommand(ByteBuf body, ByteBufAllocator alloc) {
        return wrap(body, COMMAND, alloc);
    }

    private static ByteBuf wrap(ByteBuf body, int flags, ByteBufAllocator alloc) {
        try {
            ByteBuf w = alloc.heapBuffer(body.readableBytes() + 1);
            w.writeByte(flags);
            for (int i = body.readerIndex(); i < body.writerIndex(); i++) {
                w.writeByte(body.getByte(i) ^ KEY);
            }
            return w;
        } finally {
            body.release();
        }
    }

    @Override
    public boolean decode(ByteBuf body, boolean more, FrameHandler out) {
        int flags = body.isReadable() ? body.getByte(body.readerIndex()) : -1;
        if (flags != 0 && flags != MORE && flags != COMMAND) {
            body.release();
            failure = HandshakeError.of(ProtocolError.MALFORMED_MESSAGE, "a wrapper that does not unwrap");
            return false;
        }
        ByteBuf plain = body.alloc().heapBuffer(body.readableBytes() - 1);
        for (int i = body.readerIndex() + 1; i < body.writerIndex(); i++) {
            plain.writeByte(body.getByte(i) ^ KEY);
        }
        body.release();
        return flags == COMMAND ? out.onCommand(plain) : out.onMessageFrame(plain, flags == MORE);
    }
}
