package io.gannet.internal.engine;

import io.gannet.SocketType;
import io.gannet.internal.zmtp.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

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
    private boolean active;
    private boolean closed;

    RawEngine(IoServices io, EngineChannel channel, EndpointConfig cfg, ByteBufAllocator alloc, EngineOwner owner,
              String endpoint) {
        super(io, channel, alloc, owner, endpoint);
    }

    /** There being no handshake, hands the connection to the owner at once. */
    @Override
    void started() {
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
    boolean closed() {
        return closed;
    }

    @Override
    boolean outputMidMessage() {
        return false;
    }

    @Override
    public void failed(Throwable cause) {
        stop("engine failure: " + cause);
    }

    // ---- input ------------------------------------------------------------------------------

    @Override
    void readInput() {
        for (int round = 0; round < READ_ROUNDS && !inputBlocked(); round++) {
            prepareReadBuffer();
            int space = readBuf.writableBytes();
            int n = readFrom(readBuf);
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
        // Every read became a message (or was skipped): nothing here is unread.
        returnReadBuffer();
        if (pipe != null) {
            pipe.flush();
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
        // Messages taken from the pipe into the batch but not yet written go with the
        // connection: count them, as the ZMTP engine does, so no loss is silent.
        int unwritten = unsentInBatch();
        if (unwritten > 0) {
            owner.messagesLost(this, unwritten, "taken for a connection that ended before they were written (" + detail + ")");
        }
        close();
        owner.engineStopped(this, wasActive, null, 0, detail, false);
    }

    @Override
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseConnection();
        if (pipe != null) {
            // Every chunk read before the end reaches the socket, also when the read loop
            // stopped at the end before its own flush.
            pipe.flush();
        }
    }

    @Override
    public String toString() {
        return "RawEngine[" + endpoint + ", " + channel.remoteAddress() + (closed ? ", closed" : ", active") + "]";
    }
}
