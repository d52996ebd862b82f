package io.gannet.internal.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;

/**
 * The large buffers an I/O thread lends its connections only while data is in flight: one
 * read buffer and a few {@link OutputBatch}es (each with its 64 KB staging buffer). An
 * idle connection holds neither, so its memory is its objects and its socket, not 128 KB of
 * direct buffers (what a buffer per connection cost: 1.3 GB for 10,000 connections).
 *
 * <p><b>Read buffer.</b> An engine borrows it when its socket is readable and gives it back
 * once everything read is consumed (the decoders keep their own state between reads, so
 * that is the normal case); bytes left unread, because the pipe reached RCVHWM, keep it
 * with the engine until they are decoded, and the next borrower gets another. Frames the
 * decoder sliced out of it may still be in pipes: their bytes are never overwritten, as
 * the buffer is cleared only when its count says nobody else holds it, and otherwise
 * filled further behind them (see {@link #borrowReadBuffer}). So the connections of a
 * thread read one after another into one buffer, as they did into their own.
 *
 * <p><b>Output batches.</b> An engine borrows a batch when it has something to send and
 * gives it back once the batch is written out; a batch the socket did not take whole stays
 * with its engine until the channel is writable again. At most {@value #IDLE_BATCHES} idle
 * batches are kept; more are freed.
 *
 * <p>Owned by its I/O thread; not thread-safe. {@link #close} (when the thread ends) frees
 * what is idle; what engines still hold, they free on close.
 */
final class IoBuffers {
    /** Size of a read buffer. */
    static final int READ_BUFFER_SIZE = 64 * 1024;
    /** A read buffer with less room than this behind live slices is replaced, not read into. */
    static final int MIN_READ_SPACE = 4096;
    /** Idle output batches kept for the next writer. */
    static final int IDLE_BATCHES = 4;

    private final ByteBufAllocator alloc;
    /** The idle read buffer (all its bytes consumed), or null when lent or not made yet. */
    private ByteBuf readBuffer;
    private final ArrayDeque<OutputBatch> batches = new ArrayDeque<>(IDLE_BATCHES);
    private boolean closed;

    IoBuffers(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /**
     * A read buffer with at least {@link #MIN_READ_SPACE} writable bytes and nothing
     * readable. Bytes before its writer index may belong to slices still alive elsewhere:
     * write only behind them. Give it back with {@link #returnReadBuffer} or release it.
     */
    ByteBuf borrowReadBuffer() {
        ByteBuf b = readBuffer;
        readBuffer = null;
        if (b != null) {
            if (b.refCnt() == 1) {
                b.clear();
                return b;
            }
            if (b.writableBytes() >= MIN_READ_SPACE) {
                return b;
            }
            b.release(); // the slices keep its memory until they go
        }
        return newReadBuffer();
    }

    /** A fresh read buffer of the standard size, not lent (for an engine replacing a full one). */
    ByteBuf newReadBuffer() {
        return alloc.directBuffer(READ_BUFFER_SIZE, READ_BUFFER_SIZE);
    }

    /**
     * Takes back a read buffer with every byte consumed (slices of it may live on). Kept for
     * the next borrower if none is idle, else released.
     */
    void returnReadBuffer(ByteBuf b) {
        if (readBuffer == null && !closed && b.writableBytes() >= MIN_READ_SPACE) {
            readBuffer = b;
        } else {
            b.release();
        }
    }

    /** An empty output batch; give it back with {@link #returnBatch} once written, or release it. */
    OutputBatch borrowBatch() {
        OutputBatch b = batches.poll();
        return b != null ? b : new OutputBatch(alloc);
    }

    /** Takes back an output batch with nothing left in it. */
    void returnBatch(OutputBatch b) {
        if (!closed && batches.size() < IDLE_BATCHES) {
            batches.push(b);
        } else {
            b.release();
        }
    }

    /** Frees everything idle; later returns are freed at once. */
    void close() {
        closed = true;
        if (readBuffer != null) {
            readBuffer.release();
            readBuffer = null;
        }
        OutputBatch b;
        while ((b = batches.poll()) != null) {
            b.release();
        }
    }
}
