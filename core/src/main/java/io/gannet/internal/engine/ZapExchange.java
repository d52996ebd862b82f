package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.internal.Command;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.PipeHandler;
import io.gannet.internal.ZapConnector;
import io.gannet.internal.zmtp.mechanism.ZapClient;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's ZAP request and reply (RFC 27), over a pipe to the handler's socket that
 * the I/O thread owns: the request is written and the engine goes on serving other
 * connections; when the reply's frames arrive ({@link #readActivated}) they go to the engine.
 * Reads stop at the frame without MORE; more than the seven frames of a reply, or a handler
 * that goes away first, is reported as such and never waited for. The pipe is closed once the
 * reply is in, or with the connection. Owned by the engine's I/O thread.
 */
final class ZapExchange implements ZapClient, PipeHandler {
    /** Where the reply goes. */
    interface Listener {
        /**
         * @param frames      the reply, or null when the handler went away first
         * @param moreFlagsOk false when the reply did not end with its seventh frame
         */
        void zapReplied(List<byte[]> frames, boolean moreFlagsOk);
    }

    /** A reply longer than this is malformed: stop reading it (a hostile handler cannot grow it). */
    private static final int MAX_FRAMES = 7;

    private final IoThread io;
    private final ZapConnector connector;
    private final SocketChannel channel;
    private final Listener listener;
    private final Msg scratch = new Msg();
    private final List<byte[]> reply = new ArrayList<>(MAX_FRAMES);
    private PipeEnd pipe;
    private boolean done;

    ZapExchange(IoThread io, ZapConnector connector, SocketChannel channel, Listener listener) {
        this.io = io;
        this.connector = connector;
        this.channel = channel;
        this.listener = listener;
    }

    @Override
    public boolean request(List<byte[]> frames) {
        if (connector == null || pipe != null || done) {
            return false;
        }
        pipe = connector.connect(io, this);
        if (pipe == null) {
            return false;
        }
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            scratch.set(f.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(f), i < frames.size() - 1);
            pipe.write(scratch); // no high-water mark on this pipe: never refused
        }
        scratch.close();
        pipe.flush();
        // A pipe wakes its reader only after a read found it empty: read once from the I/O
        // thread's queue (not from inside the mechanism's call), so the reply is either found
        // then or announced (libzmq reads right after sending, for the same reason).
        PipeEnd sent = pipe;
        io.post(new Command.Run(() -> readActivated(sent)));
        return true;
    }

    @Override
    public String peerAddress() {
        try {
            SocketAddress remote = channel.getRemoteAddress();
            if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
                return inet.getAddress().getHostAddress();
            }
        } catch (IOException e) {
            // Gone already: no address, as libzmq gives none when it cannot tell.
        }
        return "";
    }

    @Override
    public void readActivated(PipeEnd end) {
        if (end != pipe || done) {
            return;
        }
        while (end.read(scratch)) {
            boolean more = scratch.hasMore();
            reply.add(scratch.bytes());
            scratch.close();
            if (!more || reply.size() == MAX_FRAMES) {
                finish(reply, !more && reply.size() == MAX_FRAMES);
                return;
            }
        }
    }

    @Override
    public void writeActivated(PipeEnd end) {
        // Nothing waits for room: the pipe has no high-water mark.
    }

    @Override
    public void terminated(PipeEnd end) {
        if (end == pipe && !done) {
            finish(null, false);
        }
    }

    private void finish(List<byte[]> frames, boolean moreFlagsOk) {
        done = true;
        close();
        listener.zapReplied(frames, moreFlagsOk);
    }

    /** Closes the pipe (the connection ended, or the reply is in). */
    void close() {
        if (pipe != null) {
            pipe.close(true);
            pipe = null;
        }
        scratch.close();
    }
}
