package io.gannet.internal.engine;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * An {@link EngineChannel} over a non-blocking {@link SocketChannel} registered with its
 * I/O thread's selector. Output goes straight to the socket channel (no wrapper on the write
 * path), and interest changes touch the selection key only when they change it.
 */
final class SocketEngineChannel implements EngineChannel {
    private final IoThread io;
    private final SocketChannel channel;
    /** The connecter's key for the channel, taken over at start (a channel registers once per selector). */
    private SelectionKey key;

    SocketEngineChannel(IoThread io, SocketChannel channel, SelectionKey existingKey) {
        this.io = io;
        this.channel = channel;
        this.key = existingKey;
    }

    @Override
    public void start(IoHandler handler) throws IOException {
        if (key != null && key.isValid()) {
            key.attach(handler);
            key.interestOps(SelectionKey.OP_READ);
        } else {
            key = io.register(channel, SelectionKey.OP_READ, handler);
        }
    }

    @Override
    public int read(ByteBuf into) throws IOException {
        return into.writeBytes(channel, into.writableBytes());
    }

    @Override
    public GatheringByteChannel output() {
        return channel;
    }

    @Override
    public void interest(boolean read, boolean write) {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = (read ? SelectionKey.OP_READ : 0) | (write ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public void close() {
        if (key != null) {
            key.cancel();
        }
        Channels.closeQuietly(channel);
    }

    @Override
    public SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }
}
