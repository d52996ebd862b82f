package io.gannet.internal.engine;

import io.gannet.SocketType;
import io.gannet.internal.PipeEnd;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One connection's engine as its {@link Session} drives it: moves messages between the
 * channel and the session's pipe. {@link ZmtpEngine} speaks ZMTP; {@link RawEngine} moves
 * plain bytes for STREAM sockets. Which one a connection gets is decided once, by
 * {@link EndpointConfig#engines}.
 *
 * <p>An abstract class rather than an interface so that implementations keep their methods
 * package-private. Owned by its I/O thread; every method runs there.
 */
abstract class Engine implements IoHandler {
    /** Batches written in one go before other connections of the thread get their turn. */
    private static final int WRITE_ROUNDS = 16;

    /** The I/O thread's lender of read buffers and output batches. */
    final IoBuffers buffers;
    /** Lent by {@link #buffers} while output is in flight; null when everything is written. */
    private OutputBatch batch;

    Engine(IoThread io) {
        this.buffers = io.buffers();
    }

    /** Makes the engine for a new connection. */
    @FunctionalInterface
    interface Factory {
        Engine create(IoThread io, SocketChannel channel, EndpointConfig cfg, ByteBufAllocator alloc, EngineOwner owner,
                      String endpoint);
    }

    /**
     * Registers the channel, or takes over the connecter's key for it (a channel cannot be
     * registered twice with one selector), and starts the connection. The engine reports
     * back through its {@link EngineOwner}, possibly before this returns.
     */
    abstract void start(SelectionKey existingKey) throws IOException;

    /** The peer's socket type; null when the peer has none (a raw peer) or it is not known yet. */
    abstract SocketType peerType();

    /** The routing id the peer announced; null if none. */
    abstract byte[] peerIdentity();

    /** Gives the engine the pipe to move messages through (from {@link EngineOwner#handshakeDone}). */
    abstract void attachPipe(PipeEnd end);

    /** The pipe has messages again (its reader had gone to sleep). */
    abstract void outputReady();

    /** The pipe has room again (it had reached RCVHWM). */
    abstract void inputReady();

    /** The pipe is finished (the socket closed it); drop it and send what is left. */
    abstract void pipeGone();

    /** Whether messages flow (the handshake, if any, is done and the connection is open). */
    abstract boolean isActive();

    /** Closes the connection and releases every buffer, without telling the owner. */
    abstract void close();

    /** Whether the last frame taken from the pipe had MORE set (the rest is still queued). */
    abstract boolean outputMidMessage();

    /**
     * How many messages taken from the pipe are not yet handed whole to the channel: what
     * closing the engine now would drop.
     */
    abstract int unsentMessages();

    /** Moves what the pipe (and the engine's own commands) have into {@code batch}, as far as it has room. */
    abstract void fillBatch(OutputBatch batch);

    /** The connection broke (read or write failed, or the peer closed it): close and tell the owner. */
    abstract void lost(String detail);

    /**
     * Reads what the channel has into {@code into}, up to its writable bytes. Returns the
     * count (0 when nothing was waiting), or -1 after reporting a broken or closed connection
     * through {@link #lost}.
     */
    final int readFrom(SocketChannel channel, ByteBuf into) {
        int n;
        try {
            n = into.writeBytes(channel, into.writableBytes());
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
     * Fills and writes batches, one gathering write each. Returns true when everything is
     * written and nothing more waits (the output is idle), false when the socket buffer is
     * full or this connection had its fair share of rounds: wait for OP_WRITE, which in the
     * second case the selector reports at once. The batch is borrowed from the I/O thread
     * for the call and kept only while part of it is still unwritten.
     */
    final boolean writeBatches(SocketChannel channel) throws IOException {
        OutputBatch b = outputBatch();
        try {
            for (int round = 0; round < WRITE_ROUNDS; round++) {
                if (b.isEmpty()) {
                    fillBatch(b);
                    if (b.isEmpty()) {
                        return true;
                    }
                }
                if (!b.writeTo(channel)) {
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

    /** Drops what is left of the output (on close) and gives the batch back. */
    final void dropOutput() {
        if (batch != null) {
            OutputBatch b = batch;
            batch = null;
            b.discard();
            buffers.returnBatch(b);
        }
    }

    // ---- the channel's selection key -----------------------------------------------------
    // The two flags and the key's interest change only together, here: an engine that set a
    // flag without the key once left OP_WRITE on and its I/O thread spinning on a writable socket.

    private SelectionKey key;
    /** The pipe is at RCVHWM: OP_READ is off until it has room. */
    private boolean inputBlocked;
    /** Output is waiting for the socket buffer: OP_WRITE is on until the output is idle. */
    private boolean writeInterest;

    /**
     * Registers the channel for reading, or takes over the connecter's key for it (a channel
     * cannot be registered twice with one selector).
     */
    final void register(IoThread io, SocketChannel channel, SelectionKey existingKey) throws IOException {
        if (existingKey != null && existingKey.isValid()) {
            existingKey.attach(this);
            existingKey.interestOps(SelectionKey.OP_READ);
            key = existingKey;
        } else {
            key = io.register(channel, SelectionKey.OP_READ, this);
        }
    }

    /** Deregisters the channel (on close). */
    final void cancelKey() {
        if (key != null) {
            key.cancel();
        }
    }

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
            updateInterest();
        }
    }

    /** Asks for OP_WRITE (output waits for the socket) or drops it (output idle). */
    final void writeInterest(boolean on) {
        if (writeInterest != on) {
            writeInterest = on;
            updateInterest();
        }
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = (inputBlocked ? 0 : SelectionKey.OP_READ) | (writeInterest ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }
}
