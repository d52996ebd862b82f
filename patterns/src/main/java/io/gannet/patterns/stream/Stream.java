package io.gannet.patterns.stream;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.SocketOption;
import io.gannet.patterns.common.FairQueue;
import io.gannet.patterns.common.RoutingTable;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;

/**
 * STREAM (libzmq's {@code ZMQ_STREAM}): plain TCP or ipc connections with no ZMTP, each
 * known by a routing id made up here. Received bytes come as two frames, the connection's
 * id then the data (as much as one read returned: TCP keeps no message boundaries); a sent
 * message is an id frame then one data frame, written as is to that connection. An empty
 * data frame closes the connection, after what was sent before it.
 *
 * <p>With {@code STREAM_NOTIFY} (the default) a connection's id arrives with an empty data
 * frame when it opens (accepted or connected) and again when the peer closes it or it
 * breaks; not when the application closed it. The notifications are queued here, in order:
 * a connection's opening notice before any of its data, its closing notice after all of it.
 *
 * <p>As libzmq 4.3 does: an unknown id fails with {@code EHOSTUNREACH}; a connection whose
 * queue is full makes the send block or return false (would block); the MORE flag of the
 * data frame is ignored (it ends the message). Unlike libzmq, an id frame sent without MORE
 * is dropped alone (libzmq also swallows the frame after it).
 *
 * <p>{@link io.gannet.Socket#droppedMessages()} counts, once each: an id frame sent without
 * a data frame, and data whose connection went away (or stopped taking writes) between its
 * id frame and its data frame. Closing a connection with an empty data frame drops nothing.
 *
 * <p>Owned by the socket's thread.
 */
public final class Stream implements SocketProtocol {
    /** Attachment of a pipe whose opening was announced (its closing will be too). */
    private static final Object ANNOUNCED = new Object();

    private final SocketHost host;
    private final FairQueue in = new FairQueue();
    private final RoutingTable table = new RoutingTable();
    /** Ids of connections that opened or closed, not yet told to the application. */
    private final ArrayDeque<byte[]> notices = new ArrayDeque<>();

    /** The data frame of the message being received, held while its id frame is delivered. */
    private final Msg prefetched = new Msg();
    private boolean hasPrefetched;

    /** Inside a sent message: the id frame was taken, its data frame comes next. */
    private boolean moreOut;
    /** Where the current sent message goes; null when it is dropped. */
    private Pipe currentOut;

    public Stream(SocketHost host) {
        this.host = host;
    }

    @Override
    public void attach(Pipe pipe) {
        // A raw peer announces nothing: an id it has came from CONNECT_ROUTING_ID, if free.
        byte[] id = pipe.peerRoutingId();
        if (!pipe.locallyInitiated() || id == null || id.length == 0 || table.get(id) != null) {
            id = host.newRoutingId();
        }
        pipe.routingId(id);
        table.put(id, pipe);
        in.attach(pipe);
        if (host.option(SocketOption.STREAM_NOTIFY)) {
            pipe.attachment(ANNOUNCED);
            notices.add(id);
        }
    }

    @Override
    public void terminated(Pipe pipe) {
        in.terminated(pipe);
        if (pipe == currentOut) {
            currentOut = null;
        }
        byte[] id = pipe.routingId();
        if (id == null || table.get(id) != pipe) {
            return; // the application closed it (its id was forgotten then): no notice
        }
        table.remove(id, pipe);
        if (pipe.attachment() == ANNOUNCED) {
            notices.add(id);
        }
    }

    @Override
    public void readActivated(Pipe pipe) {
        in.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        // Nothing to do: sends check the pipe's room each time; waiting senders are woken by the socket.
    }

    @Override
    public boolean send(Msg msg) {
        if (!moreOut) {
            return route(msg);
        }
        moreOut = false;
        Pipe p = currentOut;
        currentOut = null;
        if (p == null) {
            msg.close(); // the connection went away after the id frame
            host.countDropped(1);
        } else if (msg.size() == 0) {
            msg.close();
            close(p);
        } else {
            msg.more(false); // a connection carries bytes, not frames
            if (p.write(msg)) {
                p.flush();
            } else {
                msg.close(); // the connection closed after the id frame (it had room then)
                host.countDropped(1);
            }
        }
        return true;
    }

    /** Takes the id frame of a new message and chooses its connection. */
    private boolean route(Msg id) {
        if (!id.hasMore()) {
            id.close(); // an id with no data behind it
            host.countDropped(1);
            return true;
        }
        Pipe p = table.get(id.data());
        if (p == null) {
            throw new GannetException(ErrorCode.EHOSTUNREACH, "STREAM has no connection with routing id "
                    + hex(id.data()));
        }
        if (!p.checkWrite()) {
            return false; // would block until the connection's queue has room
        }
        currentOut = p;
        moreOut = true;
        id.close();
        return true;
    }

    /** The application closes a connection: it forgets the id now, the pipe ends after what was queued. */
    private void close(Pipe p) {
        byte[] id = p.routingId();
        table.remove(id, p);
        p.terminate();
    }

    private static String hex(ByteBuf b) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = b.readerIndex(), n = Math.min(b.writerIndex(), i + 32); i < n; i++) {
            sb.append(String.format("%02x", b.getByte(i)));
        }
        return sb.toString();
    }

    @Override
    public boolean recv(Msg msg) {
        if (hasPrefetched) {
            msg.set(prefetched.take(), false);
            hasPrefetched = false;
            return true;
        }
        byte[] id = notices.poll();
        if (id == null) {
            if (!in.recv(prefetched)) {
                return false;
            }
            id = in.lastIn().routingId();
        } else {
            prefetched.set(host.alloc().buffer(0, 0), false);
        }
        msg.set(host.alloc().buffer(id.length).writeBytes(id), true);
        hasPrefetched = true;
        return true;
    }

    @Override
    public boolean hasIn() {
        return hasPrefetched || !notices.isEmpty() || in.hasIn();
    }

    @Override
    public boolean hasOut() {
        return true;
    }

    @Override
    public void close() {
        prefetched.close();
    }
}
