package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.SocketType;
import io.gannet.internal.PipeEnd;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * One connection's engine as its {@link Session} drives it: moves messages between an
 * {@link EngineChannel} and the session's pipe. {@link ZmtpEngine} speaks ZMTP; {@link RawEngine}
 * moves plain bytes for STREAM sockets. Which one a connection gets is decided once, by
 * {@link EndpointConfig#engines}.
 *
 * <p>What both share lives here: the channel's readiness and interest, the borrowed read
 * buffer and output batches, the message held at RCVHWM, and the write loop. Subclasses say
 * how bytes become messages ({@link #readInput}) and messages bytes ({@link #fillBatch}).
 *
 * <p>An abstract class rather than an interface so that implementations keep their methods
 * package-private. Owned by its I/O thread; every method runs there.
 */
abstract class Engine implements IoHandler {
    /** Reads in one readiness event before other connections of the thread get their turn. */
    static final int READ_ROUNDS = 8;
    /** Batches written in one go before other connections of the thread get their turn. */
    private static final int WRITE_ROUNDS = 16;

    final IoServices io;
    final EngineChannel channel;
    final ByteBufAllocator alloc;
    final EngineOwner owner;
    final String endpoint;
    /** The I/O thread's lender of read buffers and output batches. */
    final IoBuffers buffers;
    /** Lent by {@link #buffers} while output is in flight; null when everything is written. */
    private OutputBatch batch;

    /** The session's pipe end, from {@link #attachPipe} until {@link #pipeGone}. */
    PipeEnd pipe;
    /** Borrowed from {@link #buffers} while read bytes are not all consumed; else null. */
    ByteBuf readBuf;
    /** The inbound frame being written to the pipe; held there while the pipe is full. */
    final Msg inMsg = new Msg();
    /** {@link #inMsg} was refused at RCVHWM and waits for {@link #inputReady}. */
    boolean inHeld;
    final Msg outMsg = new Msg();

    /** The pipe is at RCVHWM: reading is off until it has room. */
    private boolean inputBlocked;
    /** Output is waiting for the channel: write interest is on until the output is idle. */
    private boolean writeInterest;

    Engine(IoServices io, EngineChannel channel, ByteBufAllocator alloc, EngineOwner owner, String endpoint) {
        this.io = io;
        this.channel = channel;
        this.alloc = alloc;
        this.owner = owner;
        this.endpoint = endpoint;
        this.buffers = io.buffers();
    }

    /** Makes the engine for a new connection. */
    @FunctionalInterface
    interface Factory {
        Engine create(IoServices io, EngineChannel channel, EndpointConfig cfg, ByteBufAllocator alloc,
                      EngineOwner owner, String endpoint);
    }

    /**
     * Starts the channel's readiness and the connection. The engine reports back through its
     * {@link EngineOwner}, possibly before this returns.
     */
    final void start() throws IOException {
        channel.start(this);
        started();
    }

    /** The connection is registered: greet the peer, or (raw) hand the connection over. */
    abstract void started();

    /** The peer's socket type; null when the peer has none (a raw peer) or it is not known yet. */
    abstract SocketType peerType();

    /** The routing id the peer announced; null if none. */
    abstract byte[] peerIdentity();

    /** Whether messages flow (the handshake, if any, is done and the connection is open). */
    abstract boolean isActive();

    /** Whether the engine has closed (it ignores readiness then). */
    abstract boolean closed();

    /** Closes the connection and releases every buffer, without telling the owner. */
    abstract void close();

    /** Whether the last frame taken from the pipe had MORE set (the rest is still queued). */
    abstract boolean outputMidMessage();

    /** Reads and handles what the channel has. */
    abstract void readInput();

    /** Moves what the pipe (and the engine's own commands) have into {@code batch}, as far as it has room. */
    abstract void fillBatch(OutputBatch batch);

    /** The connection broke (read or write failed, or the peer closed it): close and tell the owner. */
    abstract void lost(String detail);

    // ---- the session's side ---------------------------------------------------------------

    /** Gives the engine the pipe to move messages through (from {@link EngineOwner#handshakeDone}). */
    void attachPipe(PipeEnd end) {
        pipe = end;
    }

    /** The pipe has messages again (its reader had gone to sleep). */
    final void outputReady() {
        if (isActive() && !writeInterest) {
            flushOutput();
        }
    }

    /** The pipe has room again (it had reached RCVHWM): deliver the held frame and read on. */
    final void inputReady() {
        if (!isActive() || !inputBlocked) {
            return;
        }
        if (inHeld) {
            if (pipe == null || !pipe.write(inMsg)) {
                return;
            }
            inHeld = false;
            heldDelivered(inMsg.hasMore());
        }
        inputBlocked(false);
        inputResumed();
        // Bytes that arrived while reading was off: the channel reports them (read interest is on again).
    }

    /** The held frame went into the pipe; {@code more}: it was not its message's last. */
    void heldDelivered(boolean more) {
    }

    /** Reading is on again after {@link #inputReady}: use what is already buffered, flush the pipe. */
    void inputResumed() {
        if (pipe != null) {
            pipe.flush();
        }
    }

    /** The pipe is finished (the socket closed it); drop it and send what is left. */
    final void pipeGone() {
        pipe = null;
        if (inHeld) {
            inMsg.close();
            inHeld = false;
        }
        if (isActive() && !writeInterest) {
            flushOutput();
        }
    }

    /**
     * How many messages taken from the pipe are not yet handed whole to the channel: what
     * closing the engine now would drop.
     */
    final int unsentMessages() {
        return closed() ? 0 : unsentInBatch();
    }

    // ---- readiness ------------------------------------------------------------------------

    @Override
    public final void ready(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0 && !closed()) {
            // Write interest stays on until flushOutput finds the output idle.
            flushOutput();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && !closed() && !inputBlocked) {
            readInput();
        }
    }

    // ---- input ------------------------------------------------------------------------------

    /**
     * Reads what the channel has into {@code into}, up to its writable bytes. Returns the
     * count (0 when nothing was waiting), or -1 after reporting a broken or closed connection
     * through {@link #lost}.
     */
    final int readFrom(ByteBuf into) {
        int n;
        try {
            n = channel.read(into);
        } catch (IOException e) {
            lost("read failed: " + e.getMessage());
            return -1;
        }
        if (n < 0) {
            lost("peer closed the connection");
        }
        return n;
    }

    /**
     * Borrows the I/O thread's read buffer, or reuses the one held when nothing points into
     * it; when slices of it are still in pipes and it is nearly full, moves what is unread to
     * a fresh one (never overwriting bytes a pipe may still hold).
     */
    final void prepareReadBuffer() {
        if (readBuf == null) {
            readBuf = buffers.borrowReadBuffer();
        } else if (!readBuf.isReadable() && readBuf.refCnt() == 1) {
            readBuf.clear();
        } else if (readBuf.writableBytes() < IoBuffers.MIN_READ_SPACE) {
            ByteBuf fresh = buffers.newReadBuffer();
            fresh.writeBytes(readBuf);
            readBuf.release();
            readBuf = fresh;
        }
    }

    /**
     * Gives the read buffer back to the I/O thread once everything in it is consumed, so an
     * idle connection holds none. Bytes still unread (the pipe is at RCVHWM) keep it here.
     */
    final void returnReadBuffer() {
        if (readBuf != null && !readBuf.isReadable()) {
            buffers.returnReadBuffer(readBuf);
            readBuf = null;
        }
    }

    // ---- output -----------------------------------------------------------------------------

    /** Writes what the pipe and the engine have, as far as the channel takes it. */
    final void flushOutput() {
        if (!mayWrite()) {
            return;
        }
        boolean idle;
        try {
            idle = writeBatches();
        } catch (IOException e) {
            writeFailed("write failed: " + e.getMessage());
            return;
        }
        writeInterest(!idle);
        if (idle && isActive()) {
            owner.outputIdle(this);
        }
    }

    /** Whether {@link #flushOutput} may write now. */
    boolean mayWrite() {
        return true;
    }

    /** A write failed: the connection is gone. */
    void writeFailed(String detail) {
        lost(detail);
    }

    /**
     * Fills and writes batches, one gathering write each. Returns true when everything is
     * written and nothing more waits (the output is idle), false when the channel is full or
     * this connection had its fair share of rounds: wait for writability, which in the second
     * case comes at once. The batch is borrowed from the I/O thread for the call and kept only
     * while part of it is still unwritten.
     */
    private boolean writeBatches() throws IOException {
        OutputBatch b = outputBatch();
        try {
            for (int round = 0; round < WRITE_ROUNDS; round++) {
                if (b.isEmpty()) {
                    fillBatch(b);
                    if (b.isEmpty()) {
                        return true;
                    }
                }
                if (!b.writeTo(channel.output())) {
                    return false;
                }
            }
            return false;
        } finally {
            if (b.isEmpty()) {
                batch = null;
                buffers.returnBatch(b);
            }
        }
    }

    /** The batch output goes into, borrowed now if the engine holds none. */
    final OutputBatch outputBatch() {
        if (batch == null) {
            batch = buffers.borrowBatch();
        }
        return batch;
    }

    /** Messages of the current batch not yet taken whole by the channel (see OutputBatch#unsentMessages). */
    final int unsentInBatch() {
        return batch == null ? 0 : batch.unsentMessages();
    }

    /** Whether part of a batch waits to be written. */
    final boolean outputPending() {
        return batch != null && !batch.isEmpty();
    }

    // ---- interest ---------------------------------------------------------------------------
    // The two flags and the channel's interest change only together, here: an engine that set
    // a flag without the channel once left write interest on and its I/O thread spinning.

    final boolean inputBlocked() {
        return inputBlocked;
    }

    final boolean writeInterest() {
        return writeInterest;
    }

    /** Stops or resumes reading the channel. */
    final void inputBlocked(boolean blocked) {
        if (inputBlocked != blocked) {
            inputBlocked = blocked;
            channel.interest(!inputBlocked, writeInterest);
        }
    }

    /** Asks for writability (output waits for the channel) or drops it (output idle). */
    final void writeInterest(boolean on) {
        if (writeInterest != on) {
            writeInterest = on;
            channel.interest(!inputBlocked, writeInterest);
        }
    }

    // ---- closing ----------------------------------------------------------------------------

    /** Closes the channel and releases the buffers and messages every engine holds. */
    final void releaseConnection() {
        channel.close();
        if (readBuf != null) {
            readBuf.release();
            readBuf = null;
        }
        if (batch != null) {
            OutputBatch b = batch;
            batch = null;
            b.discard();
            buffers.returnBatch(b);
        }
        inMsg.close();
        inHeld = false;
        outMsg.close();
    }
}
