package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.SocketType;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.zmtp.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One raw connection of a STREAM socket: plain bytes, no greeting, no handshake, no framing
 * (libzmq's raw engine, {@code ZMQ_STREAM}).
 *
 * <pre>
 *  start ──pipe attached──► ACTIVE ──EOF / error / pipe gone──► CLOSED
 * </pre>
 *
 * <p><b>Input:</b> whatever one {@code read} returns becomes one single-frame message on the
 * session's pipe (a slice of the pooled read buffer; small reads are copied so they do not
 * pin it). The socket type prefixes the routing id. TCP has no message boundaries, so one
 * send of the peer may arrive as several messages, or several as one. A full pipe (RCVHWM)
 * stops reading until {@link #inputReady()}: TCP back-pressure, nothing lost.
 *
 * <p><b>Output:</b> each message read from the pipe (the socket type has already taken the
 * routing id off) is written as it is, without a header, many per gathering write through
 * an {@link OutputBatch}.
 *
 * <p>The connection ends when the peer closes it or it fails (the session then closes the
 * pipe, and the STREAM socket tells the application), or when the socket closes the pipe
 * (the application sent an empty data frame): what was queued before is written first.
 * Owned by its I/O thread; not thread-safe.
 */
final class RawEngine extends Engine {
    private static final int READ_ROUNDS = 8;

    private final IoThread io;
    private final SocketChannel channel;
    private final EngineOwner owner;
    private final String endpoint;
    private boolean active;
    private boolean closed;
    private PipeEnd pipe;

    // input
    /** Borrowed from the I/O thread ({@link IoBuffers}) during a read; null between reads. */
    private ByteBuf readBuf;
    private final Msg inMsg = new Msg();
    private boolean inHeld;

    // output
    private final Msg outMsg = new Msg();

    RawEngine(IoThread io, SocketChannel channel, EndpointConfig cfg, ByteBufAllocator alloc, EngineOwner owner,
              String endpoint) {
        super(io);
        this.io = io;
        this.channel = channel;
        this.owner = owner;
        this.endpoint = endpoint;
    }

    /** Registers the channel and, there being no handshake, hands the connection to the owner at once. */
    @Override
    void start(SelectionKey existingKey) throws IOException {
        register(io, channel, existingKey);
        active = true;
        if (!owner.handshakeDone(this)) {
            stop("the socket is closing");
            return;
        }
        // Finds the pipe empty, so its reader sleeps and outputReady() follows the first message.
        flushOutput();
    }

    @Override
    SocketType peerType() {
        return null;
    }

    @Override
    byte[] peerIdentity() {
        return null;
    }

    @Override
    boolean isActive() {
        return active && !closed;
    }

    @Override
    boolean outputMidMessage() {
        return false;
    }

    @Override
    int unsentMessages() {
        return closed ? 0 : unsentInBatch();
    }

    // ---- the session's side ---------------------------------------------------------------

    @Override
    void attachPipe(PipeEnd end) {
        pipe = end;
    }

    @Override
    void outputReady() {
        if (isActive() && !writeInterest()) {
            flushOutput();
        }
    }

    @Override
    void inputReady() {
        if (!isActive() || !inputBlocked()) {
            return;
        }
        if (inHeld) {
            if (pipe == null || !pipe.write(inMsg)) {
                return;
            }
            inHeld = false;
            pipe.flush();
        }
        inputBlocked(false);
        // Bytes that arrived while reading was off are reported by the selector.
    }

    @Override
    void pipeGone() {
        pipe = null;
        if (inHeld) {
            inMsg.close();
            inHeld = false;
        }
        if (isActive() && !writeInterest()) {
            flushOutput();
        }
    }

    // ---- selector events ------------------------------------------------------------------

    @Override
    public void ready(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0 && !closed) {
            // OP_WRITE stays on until flushOutput finds the output idle (Engine#writeInterest).
            flushOutput();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && !closed && !inputBlocked()) {
            readInput();
        }
    }

    @Override
    public void failed(Throwable cause) {
        stop("engine failure: " + cause);
    }

    // ---- input ------------------------------------------------------------------------------

    private void readInput() {
        for (int round = 0; round < READ_ROUNDS && !inputBlocked(); round++) {
            prepareReadBuffer();
            int space = readBuf.writableBytes();
            int n = readFrom(channel, readBuf);
            if (n < 0) {
                return;
            }
            if (n == 0) {
                break;
            }
            deliver(n);
            if (n < space) {
                break;
            }
        }
        if (readBuf != null) {
            // Every read became a message (or was skipped): nothing here is unread.
            buffers.returnReadBuffer(readBuf);
            readBuf = null;
        }
        if (pipe != null) {
            pipe.flush();
        }
    }

    /**
     * Borrows the I/O thread's read buffer, or between rounds reuses it when no message still
     * points into it; otherwise takes a fresh one.
     */
    private void prepareReadBuffer() {
        if (readBuf == null) {
            readBuf = buffers.borrowReadBuffer();
        } else if (readBuf.refCnt() == 1) {
            readBuf.clear();
        } else if (readBuf.writableBytes() < IoBuffers.MIN_READ_SPACE) {
            readBuf.release();
            readBuf = buffers.newReadBuffer();
        }
    }

    /** Makes the {@code n} bytes just read one message on the pipe; holds it if the pipe is full. */
    private void deliver(int n) {
        if (pipe == null) {
            readBuf.skipBytes(n);
            return;
        }
        ByteBuf data;
        if (n < FrameDecoder.DEFAULT_COPY_THRESHOLD) {
            // Small reads are copied into the I/O thread's recycled buffers, as the ZMTP
            // decoder does: cheap to release on the application thread (see SmallBodyPool).
            data = io.smallBodies().take(n);
            data.writeBytes(readBuf, n);
        } else {
            data = readBuf.readRetainedSlice(n);
        }
        inMsg.set(data, false);
        if (!pipe.write(inMsg)) {
            inHeld = true;
            inputBlocked(true);
        }
    }

    // ---- output -----------------------------------------------------------------------------

    private void flushOutput() {
        boolean idle;
        try {
            idle = writeBatches(channel);
        } catch (IOException e) {
            lost("write failed: " + e.getMessage());
            return;
        }
        writeInterest(!idle);
        if (idle) {
            owner.outputIdle(this);
        }
    }

    @Override
    void fillBatch(OutputBatch batch) {
        while (batch.hasRoom() && pipe != null && pipe.read(outMsg)) {
            batch.addPayload(outMsg.take());
            batch.messageEnded();
        }
    }

    // ---- closing ----------------------------------------------------------------------------

    @Override
    void lost(String detail) {
        stop(detail);
    }

    private void stop(String detail) {
        if (closed) {
            return;
        }
        boolean wasActive = active;
        close();
        owner.engineStopped(this, wasActive, null, 0, detail, false);
    }

    @Override
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelKey();
        Channels.closeQuietly(channel);
        if (readBuf != null) {
            readBuf.release();
            readBuf = null;
        }
        dropOutput();
        inMsg.close();
        inHeld = false;
        outMsg.close();
        if (pipe != null) {
            // Every chunk read before the end reaches the socket, also when the read loop
            // stopped at the end before its own flush.
            pipe.flush();
        }
    }

    @Override
    public String toString() {
        return "RawEngine[" + endpoint + (closed ? ", closed" : ", active") + "]";
    }
}
