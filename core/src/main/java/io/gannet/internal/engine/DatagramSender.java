package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.SocketEvent;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.SocketPort;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * The connected side of a datagram endpoint: takes the socket's messages from the pipe and
 * sends each as one datagram. Its pipe takes every message (a one-way endpoint hears no
 * subscriptions: {@link io.gannet.spi.Pipe#subscribedToAll()}); the receiving SUB filters. When the system's send buffer is full the datagram waits for
 * OP_WRITE and the pipe backs up to SNDHWM, as over a stream. A message larger than a
 * datagram, or one the system refuses to send (no route, the peer's port unreachable), is
 * dropped and counted ({@code MESSAGES_DROPPED}). I/O thread.
 */
final class DatagramSender extends DatagramEndpoint {
    private final ByteBuffer datagram;
    private final Msg frame = new Msg();
    /** The datagram in {@link #datagram} waits for room in the send buffer. */
    private boolean pending;
    /** Frames of a message too large for a datagram are being skipped. */
    private boolean skipping;

    DatagramSender(IoThread io, IoThreads pool, SocketPort socket, EndpointConfig cfg, String endpoint,
                   DatagramChannel channel, int maxDatagramSize) {
        super(io, pool, socket, cfg, endpoint, channel);
        this.datagram = ByteBuffer.allocate(maxDatagramSize);
    }

    @Override
    int interestOps() {
        return 0;
    }

    @Override
    void started() {
        // A reader is woken only after a read found its queue empty: read once to be woken.
        sendQueued();
        socket.emit(SocketEvent.CONNECTED, endpoint, 0, "");
    }

    @Override
    public void readActivated(PipeEnd end) {
        sendQueued();
    }

    @Override
    public void writeActivated(PipeEnd end) {
        // Nothing is written towards the socket after the subscription.
    }

    @Override
    public void ready(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(0);
            sendQueued();
        }
    }

    /** Sends messages until the pipe is empty or the send buffer is full. */
    private void sendQueued() {
        if (pending && !sendDatagram()) {
            return;
        }
        PipeEnd p = pipe;
        while (p != null && !isClosed() && p.read(frame)) {
            boolean more = frame.hasMore();
            if (!skipping && !DatagramFrames.put(datagram, frame.data(), more)) {
                skipping = true;
                socket.messagesDropped(endpoint, 1, "a message larger than a datagram ("
                        + datagram.capacity() + " bytes with its framing)");
            }
            frame.close();
            if (more) {
                continue;
            }
            if (skipping) {
                skipping = false;
                datagram.clear();
                continue;
            }
            datagram.flip();
            pending = true;
            if (!sendDatagram()) {
                return;
            }
            p = pipe;
        }
    }

    /** Sends the pending datagram; false if the send buffer is full (OP_WRITE is then awaited). */
    private boolean sendDatagram() {
        try {
            if (channel.write(datagram) == 0) {
                key.interestOps(SelectionKey.OP_WRITE);
                return false;
            }
        } catch (IOException e) {
            // Unreachable port or host (ICMP), no route: this datagram is lost, the endpoint stays.
            socket.messagesDropped(endpoint, 1, "the system could not send a datagram: " + e.getMessage());
        }
        pending = false;
        datagram.clear();
        return true;
    }

    /** Sends what the socket queued before it let go (best effort: nothing blocks), then closes. */
    @Override
    void closing() {
        if (!isClosed()) {
            sendQueued();
            PipeEnd p = pipe;
            long unsent = (pending ? 1 : 0) + (p == null ? 0 : p.dropQueued());
            socket.messagesDropped(endpoint, unsent, "unsent when the endpoint closed");
        }
        closeNow("");
    }
}
