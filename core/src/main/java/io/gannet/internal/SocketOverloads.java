package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The API's convenience forms of send and receive ({@code byte[]}, {@code String},
 * {@link Multipart}, a new {@link Msg}), each in terms of the frame calls that
 * {@link SocketImpl} implements ({@link #send(ByteBuf, int)}, {@link #recv(Msg, int)},
 * {@link #recvBuf(int)}), so the path of a message is written once.
 */
abstract class SocketOverloads extends SocketGuard implements Socket {

    SocketOverloads(SocketType type, Backoff backoff) {
        super(type, backoff);
    }

    /**
     * Sends one frame, waiting as the flags and SNDTIMEO allow; the caller holds the guard
     * and checked that the socket is usable.
     */
    abstract boolean sendFrame(Msg msg, int flags);

    @Override
    public boolean send(Multipart message, int flags) {
        int n = message.size();
        if (n == 0) {
            throw new GannetException(ErrorCode.EINVAL, "a message needs at least one frame");
        }
        enter();
        try {
            checkUsable();
            for (int i = 0; i < n; i++) {
                Msg frame = message.get(i);
                frame.more(i < n - 1 || (flags & SNDMORE) != 0);
                if (!sendFrame(frame, i == 0 ? flags : flags & ~DONTWAIT)) {
                    return false;
                }
            }
            message.close();
            return true;
        } finally {
            exit();
        }
    }

    // Copies go to plain heap buffers, not the pool: a pooled buffer freed by another thread
    // (the receiver) costs more than the copy itself, and a young-generation array is nearly free.
    @Override
    public boolean send(byte[] data, int flags) {
        ByteBuf buf = data.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(data.clone());
        return sendCopy(buf, flags);
    }

    @Override
    public boolean send(String text, int flags) {
        ByteBuf buf = text.isEmpty() ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
        return sendCopy(buf, flags);
    }

    private boolean sendCopy(ByteBuf copy, int flags) {
        boolean sent = false;
        try {
            sent = send(copy, flags);
            return sent;
        } finally {
            if (!sent) {
                copy.release();
            }
        }
    }

    @Override
    public Msg recv() {
        return recv(0);
    }

    @Override
    public Msg recv(int flags) {
        Msg m = new Msg();
        return recv(m, flags) ? m : null;
    }

    @Override
    public byte[] recvBytes(int flags) {
        ByteBuf b = recvBuf(flags);
        if (b == null) {
            return null;
        }
        try {
            byte[] out = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), out);
            return out;
        } finally {
            b.release();
        }
    }

    @Override
    public String recvString(int flags) {
        ByteBuf b = recvBuf(flags);
        if (b == null) {
            return null;
        }
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }

    @Override
    public Multipart recvMultipart(int flags) {
        Msg first = recv(flags);
        if (first == null) {
            return null;
        }
        Multipart m = new Multipart().add(first);
        while (hasMore()) {
            m.add(recv(0));
        }
        return m;
    }
}
