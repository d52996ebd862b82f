package io.gannet.internal.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;

/**
 * An {@link EngineChannel} of bytes in memory, in the spirit of Netty's
 * {@code EmbeddedChannel}: the test {@link #feed}s what the peer sends and {@link #takeWritten}
 * what the engine sent; reads can be cut to a few bytes each ({@link #readChunk}), the output
 * can be made to take only so much ({@link #writeRoom}), and either direction can fail.
 */
final class MemoryChannel implements EngineChannel {
    private final ByteBuf inbound = Unpooled.buffer();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean peerClosed;
    private boolean closed;
    private boolean readInterest;
    private boolean writeInterest;
    private IoHandler handler;
    /** At most this many bytes per read. */
    int readChunk = Integer.MAX_VALUE;
    /** How many more bytes the output takes before it is full (a socket buffer). */
    long writeRoom = Long.MAX_VALUE;
    /** Thrown by the next write, if set. */
    IOException writeFailure;

    private final GatheringByteChannel output = new GatheringByteChannel() {
        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (writeFailure != null) {
                throw writeFailure;
            }
            long n = 0;
            for (int i = offset; i < offset + length && writeRoom > 0; i++) {
                ByteBuffer b = srcs[i];
                int take = (int) Math.min(b.remaining(), writeRoom);
                for (int k = 0; k < take; k++) {
                    written.write(b.get());
                }
                writeRoom -= take;
                n += take;
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    };

    @Override
    public void start(IoHandler h) {
        this.handler = h;
        readInterest = true;
    }

    @Override
    public int read(ByteBuf into) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        int n = Math.min(Math.min(inbound.readableBytes(), into.writableBytes()), readChunk);
        if (n == 0) {
            return peerClosed && !inbound.isReadable() ? -1 : 0;
        }
        into.writeBytes(inbound, n);
        inbound.discardReadBytes();
        return n;
    }

    @Override
    public GatheringByteChannel output() {
        return output;
    }

    @Override
    public void interest(boolean read, boolean write) {
        readInterest = read;
        writeInterest = write;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public SocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("memory", 0);
    }

    // ---- the test's side ------------------------------------------------------------------

    /** Bytes from the peer, to be read at the next readiness. */
    void feed(byte[] bytes) {
        inbound.writeBytes(bytes);
    }

    /** The peer closes its side: reads return -1 once what was fed is read. */
    void feedEof() {
        peerClosed = true;
    }

    /** Everything the engine wrote since the last call. */
    byte[] takeWritten() {
        byte[] b = written.toByteArray();
        written.reset();
        return b;
    }

    /** Whether the engine would be told it can read now. */
    boolean readable() {
        return !closed && readInterest && (inbound.isReadable() || peerClosed);
    }

    /** Whether the engine would be told it can write now. */
    boolean writable() {
        return !closed && writeInterest && writeRoom > 0;
    }

    boolean readInterest() {
        return readInterest;
    }

    boolean writeInterest() {
        return writeInterest;
    }

    boolean isClosed() {
        return closed;
    }

    /** Bytes fed and not yet read by the engine. */
    int unread() {
        return inbound.readableBytes();
    }

    IoHandler handler() {
        return handler;
    }
}
