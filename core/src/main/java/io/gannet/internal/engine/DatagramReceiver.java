package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.SocketEvent;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.SocketPort;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * The bound side of a datagram endpoint: receives datagrams and queues each, one message, to
 * the socket. A datagram that is malformed, or that arrives while the socket's queue is at
 * RCVHWM, is dropped whole and counted ({@code MESSAGES_DROPPED}); what the network loses
 * is not seen. What the socket sends into the pipe (a SUB's subscriptions) has nowhere to go
 * on a one-way endpoint and is discarded. I/O thread.
 */
final class DatagramReceiver extends DatagramEndpoint {
    /** Datagrams taken per readiness, so one busy endpoint does not starve the others. */
    private static final int DATAGRAMS_PER_ROUND = 64;

    private final ByteBuffer datagram;
    private final Msg scratch = new Msg();

    DatagramReceiver(IoThread io, IoThreads pool, SocketPort socket, EndpointConfig cfg, String endpoint,
                     DatagramChannel channel, int maxDatagramSize) {
        super(io, pool, socket, cfg, endpoint, channel);
        // Heap, not direct: one per bound endpoint, freed with it by the garbage collector.
        this.datagram = ByteBuffer.allocate(maxDatagramSize + 1);
    }

    @Override
    int interestOps() {
        return SelectionKey.OP_READ;
    }

    @Override
    void started() {
        // A reader is woken only after a read found its queue empty: read once to be woken.
        readActivated(pipe);
        socket.emit(SocketEvent.LISTENING, endpoint, 0, "");
    }

    @Override
    public void ready(int readyOps) {
        for (int i = 0; i < DATAGRAMS_PER_ROUND && !isClosed(); i++) {
            datagram.clear();
            try {
                if (channel.receive(datagram) == null) {
                    break;
                }
            } catch (IOException e) {
                // A receive error is about one datagram (ICMP errors on some systems): go on.
                continue;
            }
            datagram.flip();
            deliver();
        }
        PipeEnd p = pipe;
        if (p != null) {
            p.flush();
        }
    }

    private void deliver() {
        if (datagram.limit() == datagram.capacity()) {
            socket.messagesDropped(endpoint, 1, "a datagram larger than the transport's maximum");
            return;
        }
        int frames = DatagramFrames.count(datagram);
        if (frames < 0) {
            socket.messagesDropped(endpoint, 1, "a malformed datagram");
            return;
        }
        PipeEnd p = pipe;
        if (p == null) {
            return;
        }
        if (!p.checkWrite()) {
            socket.messagesDropped(endpoint, 1, "the socket's queue was at RCVHWM");
            return;
        }
        // The first frame found room, so the pipe takes the rest of the message.
        for (int i = 0; i < frames; i++) {
            ByteBuf body = socket.alloc().buffer(DatagramFrames.peekSize(datagram));
            boolean more = DatagramFrames.next(datagram, body);
            scratch.set(body, more);
            p.write(scratch);
        }
    }

    @Override
    public void readActivated(PipeEnd end) {
        // Subscriptions of a SUB: a one-way endpoint has no one to tell.
        while (end.read(scratch)) {
            scratch.close();
        }
    }

    @Override
    public void writeActivated(PipeEnd end) {
        // Datagrams that came while the queue was full were dropped; nothing waits.
    }
}
