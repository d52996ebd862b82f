package io.gannet.patterns.reqrep;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.patterns.common.FairQueue;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.netty.buffer.ByteBuf;

/**
 * REP (RFC 28): a lock-step service. Requests are fair-queued; the address envelope of each
 * (every frame up to and including the empty delimiter) is stripped and kept, and the reply
 * goes back to the requesting pipe behind that same envelope.
 *
 * <pre>
 *            recv (last frame)                  send (last frame)
 *   IDLE ───────────────────────► REPLYING ───────────────────────► IDLE
 *    │  send: EFSM                  │  recv: EFSM
 * </pre>
 *
 * <p>Requests without a delimiter (or with nothing after it) are discarded. A reply to a
 * peer that has gone, or whose queue is full, is discarded: REP never blocks on sending.
 * {@link io.gannet.Socket#droppedMessages()} counts each of these, once per message.
 *
 * <p>Owned by the socket's thread.
 */
public final class Rep implements SocketProtocol {
    private final SocketHost host;
    private final FairQueue in = new FairQueue();
    private final Msg frame = new Msg();

    /** The saved envelope, delimiter included: frames {@code [0, envelopeSize)}, one reference each. */
    private ByteBuf[] envelope = new ByteBuf[4];
    private int envelopeSize;

    /** Inside a request: its remaining body frames go to the application. */
    private boolean inRequest;
    /** A whole request was received; the reply is awaited from the application. */
    private boolean replying;
    /** Inside a reply: the envelope went out (or was dropped), more frames follow. */
    private boolean inReply;
    /** Where the reply goes; null when that peer has gone or the reply is being dropped. */
    private Pipe replyPipe;

    public Rep(SocketHost host) {
        this.host = host;
    }

    @Override
    public void attach(Pipe pipe) {
        in.attach(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        in.terminated(pipe);
        if (pipe == replyPipe) {
            replyPipe = null;
        }
    }

    @Override
    public void readActivated(Pipe pipe) {
        in.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        // Replies never wait for room: they are dropped at the high-water mark.
    }

    @Override
    public boolean recv(Msg msg) {
        if (replying) {
            throw new GannetException(ErrorCode.EFSM,
                    "REP cannot receive another request before it has sent the reply to the last one");
        }
        if (!inRequest) {
            if (!readEnvelope(msg)) {
                msg.close();
                return false;
            }
            replyPipe = in.lastIn();
        }
        if (!in.recv(msg)) {
            return false;
        }
        inRequest = msg.hasMore();
        replying = !inRequest;
        return true;
    }

    /** Reads and keeps the envelope of the next well-formed request; false if none is queued. */
    private boolean readEnvelope(Msg msg) {
        while (in.recv(msg)) {
            releaseEnvelope();
            for (;;) {
                if (!msg.hasMore()) {
                    break; // no delimiter, or nothing after it: not a request
                }
                boolean delimiter = msg.size() == 0;
                keep(msg.take());
                if (delimiter) {
                    return true;
                }
                if (!in.recv(msg)) {
                    break;
                }
            }
            msg.close();
            releaseEnvelope();
            host.countDropped(1);
        }
        return false;
    }

    @Override
    public boolean send(Msg msg) {
        if (!replying) {
            throw new GannetException(ErrorCode.EFSM, "REP must receive a request before sending a reply");
        }
        if (!inReply) {
            inReply = true;
            sendEnvelope();
        }
        boolean more = msg.hasMore();
        if (replyPipe != null && !replyPipe.write(msg)) {
            replyPipe.rollback();
            replyPipe = null;
        }
        if (replyPipe == null) {
            msg.close();
        }
        if (!more) {
            if (replyPipe != null) {
                replyPipe.flush();
            } else {
                host.countDropped(1); // the requester left, or its queue was full
            }
            replyPipe = null;
            inReply = false;
            replying = false;
        }
        return true;
    }

    /** Writes the saved envelope to the reply pipe; at its high-water mark the reply is dropped. */
    private void sendEnvelope() {
        for (int i = 0; i < envelopeSize; i++) {
            ByteBuf f = envelope[i];
            envelope[i] = null;
            if (replyPipe == null) {
                f.release();
                continue;
            }
            frame.set(f, true);
            if (!replyPipe.write(frame)) {
                frame.close();
                replyPipe.rollback();
                replyPipe = null;
            }
        }
        envelopeSize = 0;
    }

    private void keep(ByteBuf f) {
        if (envelopeSize == envelope.length) {
            ByteBuf[] bigger = new ByteBuf[envelopeSize * 2];
            System.arraycopy(envelope, 0, bigger, 0, envelopeSize);
            envelope = bigger;
        }
        envelope[envelopeSize++] = f;
    }

    private void releaseEnvelope() {
        for (int i = 0; i < envelopeSize; i++) {
            envelope[i].release();
            envelope[i] = null;
        }
        envelopeSize = 0;
    }

    @Override
    public boolean hasIn() {
        return !replying && (inRequest || in.hasIn());
    }

    @Override
    public boolean hasOut() {
        return replying;
    }

    @Override
    public void close() {
        releaseEnvelope();
        frame.close();
    }
}
