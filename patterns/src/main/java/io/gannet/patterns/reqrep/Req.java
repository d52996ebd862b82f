package io.gannet.patterns.reqrep;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.SocketOption;
import io.gannet.patterns.common.FairQueue;
import io.gannet.patterns.common.LoadBalancer;
import io.gannet.patterns.common.Probe;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.netty.buffer.ByteBuf;

/**
 * REQ (RFC 28): a lock-step client. Each request goes, round-robin, to one peer with room,
 * behind an empty delimiter frame (and, with {@code REQ_CORRELATE}, a 4-byte request id
 * before it); the reply is accepted only from that same peer, and only when it carries the
 * delimiter (and the matching id). Everything else is discarded silently.
 *
 * <pre>
 *            send (last frame)                  recv (last frame)
 *   IDLE ───────────────────────► AWAITING ───────────────────────► IDLE
 *    │  recv: EFSM                 │  send: EFSM, or with REQ_RELAXED a new request
 *    │                             │        (the old reply will be discarded)
 * </pre>
 *
 * <p>Replies are filtered by pipe always, as RFC 28 says ("accept an incoming message only
 * from the last peer that it sent a request to"); libzmq 4.3 is laxer. When that peer
 * disconnects while the reply is awaited, the REQ keeps waiting (a recv times out or blocks);
 * with {@code REQ_RELAXED} the application may send the request again, to another peer.
 *
 * <p>{@link io.gannet.Socket#droppedMessages()} counts each message REQ discards: a reply
 * from another peer than the one asked, one without the delimiter or (with
 * {@code REQ_CORRELATE}) with another request id, and a reply still queued, or half read,
 * when a new request is sent (REQ_RELAXED). Also the rest of a request whose peer left after
 * its first frame was sent.
 *
 * <p>Owned by the socket's thread.
 */
public final class Req implements SocketProtocol {
    private final SocketHost host;
    private final FairQueue in = new FairQueue();
    private final LoadBalancer out;
    private final Pipe[] sentTo = new Pipe[1];
    private final Msg frame = new Msg();

    /** A whole request was sent and its reply is not fully received yet. */
    private boolean awaiting;
    /** Inside a request: the envelope went out, the application's frames follow. */
    private boolean inRequest;
    /** Inside an accepted reply: its remaining frames go to the application. */
    private boolean inReply;
    /** The pipe the current request went to; null when it has gone. */
    private Pipe replyPipe;
    private int requestId = (int) System.nanoTime();

    public Req(SocketHost host) {
        this.host = host;
        this.out = new LoadBalancer(host::countDropped);
    }

    @Override
    public void attach(Pipe pipe) {
        if (host.option(SocketOption.PROBE_ROUTER)) {
            Probe.send(pipe);
        }
        in.attach(pipe);
        out.attach(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        in.terminated(pipe);
        out.terminated(pipe);
        if (pipe == replyPipe) {
            replyPipe = null;
            inReply = false;
        }
    }

    @Override
    public void readActivated(Pipe pipe) {
        in.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        out.activated(pipe);
    }

    @Override
    public boolean send(Msg msg) {
        if (!inRequest && !beginRequest()) {
            return false;
        }
        boolean more = msg.hasMore();
        out.send(msg, null); // mid-message: always taken (dropped if the peer just left)
        if (!more) {
            inRequest = false;
            awaiting = true;
        }
        return true;
    }

    /** Sends the envelope of a new request; false when no peer has room (state unchanged). */
    private boolean beginRequest() {
        if (awaiting && !host.option(SocketOption.REQ_RELAXED)) {
            throw new GannetException(ErrorCode.EFSM, "REQ cannot send a new request before it has received"
                    + " the reply to the last one (set REQ_RELAXED to allow it)");
        }
        if (!out.hasOut()) {
            return false;
        }
        awaiting = false;
        inReply = false;
        replyPipe = null;
        // Replies that arrived late for earlier requests must not pass for the next one.
        int discarded = 0;
        while (in.recv(frame)) {
            if (!frame.hasMore()) {
                discarded++;
            }
            frame.close();
        }
        if (discarded > 0) {
            host.countDropped(discarded);
        }
        if (host.option(SocketOption.REQ_CORRELATE)) {
            requestId++;
            frame.set(host.alloc().buffer(4).writeInt(requestId), true);
            out.send(frame, sentTo);
        }
        frame.more(true); // the empty delimiter
        out.send(frame, sentTo);
        replyPipe = sentTo[0];
        sentTo[0] = null;
        inRequest = true;
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        if (!awaiting) {
            throw new GannetException(ErrorCode.EFSM, "REQ must send a request before receiving");
        }
        if (inReply) {
            return deliver(msg);
        }
        while (in.recv(msg)) {
            if (in.lastIn() == replyPipe && acceptEnvelope(msg)) {
                return deliver(msg);
            }
            discardRest(msg);
        }
        msg.close();
        return false;
    }

    /**
     * Checks and strips the reply's envelope, whose first frame is in {@code msg}; on success
     * {@code msg} is ready for the first body frame. False leaves a frame of a bad message in
     * {@code msg}.
     */
    private boolean acceptEnvelope(Msg msg) {
        if (host.option(SocketOption.REQ_CORRELATE)) {
            ByteBuf d = msg.data();
            if (!msg.hasMore() || d.readableBytes() != 4 || d.getInt(d.readerIndex()) != requestId
                    || !in.recv(msg)) {
                return false;
            }
        }
        return msg.hasMore() && msg.size() == 0;
    }

    /** Reads the next body frame into {@code msg} for the application. */
    private boolean deliver(Msg msg) {
        if (!in.recv(msg)) {
            return false;
        }
        inReply = msg.hasMore();
        if (!inReply) {
            awaiting = false;
            replyPipe = null;
        }
        return true;
    }

    /** Drops the rest of the message whose frame is in {@code msg}, and counts it. */
    private void discardRest(Msg msg) {
        while (msg.hasMore() && in.recv(msg)) {
            // Whole messages only: the remaining frames are all there.
        }
        msg.close();
        host.countDropped(1);
    }

    @Override
    public boolean hasIn() {
        return awaiting && in.hasIn();
    }

    @Override
    public boolean hasOut() {
        return inRequest || ((!awaiting || host.option(SocketOption.REQ_RELAXED)) && out.hasOut());
    }

    @Override
    public void close() {
        frame.close();
    }
}
