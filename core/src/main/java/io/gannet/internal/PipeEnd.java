package io.gannet.internal;

import io.gannet.Msg;
import io.gannet.internal.zmtp.Metadata;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;

/**
 * One end of a pipe: reads from one {@link PipeQueue}, writes to the other. Owned by one
 * thread (its socket's or its session's I/O thread), which is the only one to call it.
 *
 * <p><b>Termination</b> (both ends must agree before queued frames are released):
 * <ol>
 *   <li>An end that closes ({@link #close}) rolls back a half-written message, appends a
 *       delimiter (or, with linger 0, marks the pipe for discarding), posts
 *       {@link Command.PeerClosed} to the other end and lets go.</li>
 *   <li>The other end keeps reading until the delimiter (unless discarding), then
 *       finishes: its owner's {@link PipeHandler#terminated} runs and it lets go.</li>
 *   <li>Whichever end lets go second releases every frame still queued either way.</li>
 * </ol>
 * Writes to a pipe whose peer has closed are refused. What is known about the end (routing
 * ids, endpoint, the owner's slots) is kept by {@link PipeDescription}.
 */
public final class PipeEnd extends PipeDescription {
    private enum State { ACTIVE, PEER_CLOSED, DONE }

    private final PipeQueue in;
    private final PipeQueue out;
    private final PipePair pair;
    private PipeEnd peer;

    /**
     * Set once by the owner thread in {@link #owner}; read by the peer's thread to post to
     * this end (volatile: a closing peer may read it with no other edge to the owner).
     */
    private volatile Mailbox mailbox;
    private PipeHandler handler;
    /**
     * Set by the peer's thread when it closes, before it looks at {@link #mailbox}; read by
     * {@link #owner}. Together they make sure an end attached while its peer closes still
     * hears of it (whichever side comes second posts the PeerClosed).
     */
    private volatile boolean peerHasClosed;

    final Command.ReadActivated readActivation = new Command.ReadActivated(this);
    final Command.WriteActivated writeActivation = new Command.WriteActivated(this);

    private State state = State.ACTIVE;
    private final PipeQueue.FrameHolder holder = new PipeQueue.FrameHolder();
    private final ArrayList<ByteBuf> pending = new ArrayList<>(4);
    private boolean delimiterRead;
    /** The last frame read had MORE: the owner is inside a message, whose rest is queued whole. */
    private boolean readingMessage;

    PipeEnd(PipeQueue in, PipeQueue out, PipePair pair, boolean locallyInitiated, String endpoint) {
        super(locallyInitiated, endpoint);
        this.in = in;
        this.out = out;
        this.pair = pair;
    }

    void peer(PipeEnd p) {
        this.peer = p;
    }

    /** The other end (owned by another thread: only for wiring and diagnostics). */
    public PipeEnd peer() {
        return peer;
    }

    /**
     * Binds this end to its owner. Called once, on the owner's thread, before any other use.
     * Activations that arrived earlier are not lost: the queues still hold the data, and the
     * owner reads after attaching.
     */
    public void owner(Mailbox mailbox, PipeHandler handler) {
        this.handler = handler;
        this.mailbox = mailbox;
        if (peerHasClosed) {
            // The peer closed before we had a mailbox, so it could not tell us. A second
            // PeerClosed (if it saw the mailbox after all) is a no-op.
            mailbox.post(new Command.PeerClosed(this));
        }
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    /**
     * Sets the high-water mark of the direction this end writes. Any thread may call it (inproc
     * sets it when the binder arrives); a writer blocked under the old mark is woken, since the
     * reader checks for it only every {@code hwm/2} messages and may never get that far.
     */
    public void outboundHwm(int hwm) {
        out.hwm(hwm);
        if (out.claimWriterWake()) {
            postTo(this, writeActivation);
        }
    }

    /** Sets the high-water mark of the direction this end reads; see {@link #outboundHwm}. */
    public void inboundHwm(int hwm) {
        in.hwm(hwm);
        if (in.claimWriterWake()) {
            postTo(peer, peer.writeActivation);
        }
    }

    private static void postTo(PipeEnd end, Command c) {
        Mailbox m = end.mailbox;
        if (m != null) {
            m.post(c);
        }
    }

    // ---- reading ----------------------------------------------------------------------

    @Override
    public boolean read(Msg into) {
        if (state == State.DONE || delimiterRead) {
            return false;
        }
        int r = in.read(holder);
        if (r == PipeQueue.FRAME) {
            into.set(holder.frame, holder.more);
            Metadata p = peer.properties;
            if (p != null) { // inproc pipes have none: no call on their path
                MsgProperties.attach(into, p);
            }
            holder.frame = null;
            readingMessage = holder.more;
            if (!holder.more) {
                if (state == State.PEER_CLOSED && (pair.discard || in.nextIsDelimiter())) {
                    // That was the departed peer's last message (or, at linger 0, the end of the
                    // one being read when it left): finish now, not on a later read.
                    delimiterRead = true;
                    mailbox.post(new Command.Finish(this));
                } else if (in.writerNeedsWake()) {
                    peer.mailbox.post(peer.writeActivation);
                }
            }
            return true;
        }
        if (r == PipeQueue.END) {
            delimiterReached();
        } else if (in.writerNeedsWake()) {
            peer.mailbox.post(peer.writeActivation);
        }
        return false;
    }

    /**
     * Whether a message can be read now. The departed peer's end mark is not a message: when
     * it is all that is left, it is taken here (as a read would), so a poller never reports a
     * pipe readable that a read then finds empty.
     */
    @Override
    public boolean checkRead() {
        if (state == State.DONE || delimiterRead || !in.canRead()) {
            return false;
        }
        if (in.nextIsDelimiter()) {
            in.read(holder);
            delimiterReached();
            return false;
        }
        return true;
    }

    private void delimiterReached() {
        delimiterRead = true;
        // Finish through the mailbox: the caller may be iterating its pipes right now.
        mailbox.post(new Command.Finish(this));
    }

    /**
     * How many whole messages wait to be read by this end (for the log line of a close that
     * waits for them). Owner thread.
     */
    public long queuedMessages() {
        if (state == State.DONE || delimiterRead) {
            return 0;
        }
        return in.queuedMessages();
    }

    /**
     * Reads and releases every message still queued for this end, up to the departed peer's
     * end mark, and returns how many whole messages that was: the owner is giving up on them
     * (LINGER ran out, the connection will not come) and reports the loss. A message whose
     * first frames were read earlier counts here, where its last frame is. Owner thread, or
     * whoever holds an end that was never attached; posts nothing.
     */
    public int dropQueued() {
        if (state == State.DONE || delimiterRead) {
            return 0;
        }
        int n = 0;
        for (;;) {
            int r = in.read(holder);
            if (r != PipeQueue.FRAME) {
                if (r == PipeQueue.END) {
                    delimiterRead = true;
                }
                return n;
            }
            PipeQueue.release(holder.frame);
            holder.frame = null;
            if (!holder.more) {
                n++;
            }
        }
    }

    // ---- writing ----------------------------------------------------------------------

    @Override
    public boolean write(Msg msg) {
        if (state != State.ACTIVE) {
            return false;
        }
        boolean more = msg.hasMore();
        if (pending.isEmpty() && !out.hasRoom()) {
            return false;
        }
        ByteBuf data = msg.take();
        if (more) {
            pending.add(data);
            return true;
        }
        for (int i = 0, n = pending.size(); i < n; i++) {
            out.offerFrame(pending.get(i), true);
        }
        pending.clear();
        out.offerFrame(data, false);
        return true;
    }

    /**
     * Session side: queues one empty message past the high-water mark, as the delimiter is
     * (ROUTER_NOTIFY's connect and disconnect notices: one per connection, so bounded, and
     * dropping one would leave the application wrong about who is connected). A message
     * half-written is dropped first. Returns false if the pipe no longer takes writes.
     */
    public boolean writeNotice(ByteBuf empty) {
        if (state != State.ACTIVE) {
            empty.release();
            return false;
        }
        rollback();
        out.offerFrame(empty, false);
        return true;
    }

    @Override
    public boolean checkWrite() {
        return state == State.ACTIVE && (!pending.isEmpty() || out.hasRoom());
    }

    @Override
    public void flush() {
        if (state != State.DONE && out.publish()) {
            PipeEnd p = peer;
            Mailbox m = p.mailbox;
            if (m != null) {
                m.post(p.readActivation);
            }
        }
    }

    @Override
    public void rollback() {
        for (int i = 0, n = pending.size(); i < n; i++) {
            pending.get(i).release();
        }
        pending.clear();
    }

    // ---- termination ------------------------------------------------------------------

    @Override
    public void terminate() {
        if (state == State.DONE) {
            return;
        }
        close(false);
        // The protocol asked for it: tell it through the mailbox, not from inside its own call.
        mailbox.post(new Command.Run(() -> handler.terminated(this)));
    }

    /**
     * Closes this end from its owner's side (socket close, disconnect, unbind). With
     * {@code discard}, the peer drops what is still queued (linger 0); otherwise it reads it
     * all first. Does not call the handler.
     */
    public void close(boolean discard) {
        if (state == State.DONE) {
            return;
        }
        rollback();
        State before = state;
        state = State.DONE;
        if (before == State.ACTIVE) {
            if (discard) {
                pair.discard = true;
            }
            out.offerDelimiter();
            out.publish();
            PipeEnd p = peer;
            p.peerHasClosed = true;
            Mailbox m = p.mailbox;
            if (m != null) {
                // Refused means the peer's owner is closing: it closes every end it owns,
                // this one's peer included. Closing it here, from this thread, would race.
                m.postCold(new Command.PeerClosed(p));
            }
            // No mailbox yet: owner() sees peerHasClosed and posts the PeerClosed itself.
        }
        pair.letGo();
    }

    /** The owner never attached this end (it closed first): let go without a handler. */
    public void abandon() {
        close(true);
    }

    /** Mailbox: the peer closed. Called on this end's owner thread. */
    void onPeerClosed() {
        if (state != State.ACTIVE) {
            return;
        }
        state = State.PEER_CLOSED;
        rollback();
        if (pair.discard && readingMessage) {
            // Linger 0, but the owner has read the first frames of a message: it gets the rest
            // (queued whole) before the pipe ends, or its next frames would come from another
            // pipe and make one message of two peers' frames.
            if (handler != null) {
                mailbox.post(readActivation);
            }
            return;
        }
        if (pair.discard || delimiterRead || onlyDelimiterLeft()) {
            finish();
        }
        // Otherwise the owner reads on until the delimiter, which posts Finish.
    }

    private boolean onlyDelimiterLeft() {
        if (in.nextIsDelimiter()) {
            delimiterRead = true;
            return true;
        }
        if (handler != null) {
            // Messages wait before the delimiter: make sure the owner looks at them.
            mailbox.post(readActivation);
        }
        return false;
    }

    /** Mailbox: the delimiter was read, or the peer closed with nothing left. */
    void finish() {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        rollback();
        if (handler != null) {
            handler.terminated(this);
        }
        pair.letGo();
    }

    /** Session side: tells the socket's end that the connection was made again. */
    public void hiccup() {
        PipeEnd p = peer;
        Mailbox m = p.mailbox;
        if (m != null) {
            m.postCold(new Command.Hiccup(p));
        }
    }

    /**
     * Drops the rest of a message half read from this end (its first frames went to a
     * connection that is now gone), so the next reader starts at a message boundary. Returns
     * whether the message is still unfinished (its last frame is not queued yet).
     */
    public boolean skipRestOfMessage(Msg scratch, boolean midMessage) {
        while (midMessage && read(scratch)) {
            midMessage = scratch.hasMore();
            scratch.close();
        }
        return midMessage;
    }

    /** Whether this end is finished (closed locally or terminated by the peer). */
    public boolean isDone() {
        return state == State.DONE;
    }

    /** Runs a command addressed to this end; called by the owner thread's mailbox loop. */
    public void dispatch(Command c) {
        if (c instanceof Command.ReadActivated) {
            if (state != State.DONE && handler != null) {
                handler.readActivated(this);
            }
        } else if (c instanceof Command.WriteActivated) {
            if (state == State.ACTIVE && handler != null) {
                handler.writeActivated(this);
            }
        } else if (c instanceof Command.PeerClosed) {
            onPeerClosed();
        } else if (c instanceof Command.Finish) {
            finish();
        } else if (c instanceof Command.Hiccup) {
            if (state == State.ACTIVE && handler != null) {
                handler.hiccuped(this);
            }
        }
    }

    /**
     * A command for this end threw (a bug in its handler): the handler closes what it serves
     * and reports it. Called by the owner thread's loop.
     */
    public void handlerFailed(Throwable cause) {
        if (handler != null) {
            handler.failed(this, cause);
        }
    }

    @Override
    public String toString() {
        return "Pipe[" + endpoint() + (locallyInitiated() ? ", connected" : ", accepted") + ", " + state + "]";
    }
}
