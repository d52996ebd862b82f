package io.gannet.patterns.pair;

import io.gannet.Msg;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;

/**
 * PAIR (RFC 31): exactly one peer at a time. A second peer is refused (its pipe is closed)
 * while the first is connected, as libzmq does. Sending blocks (returns false) while the
 * peer's queue is full or no peer is connected, so nothing is dropped at the high-water mark.
 *
 * <p>A peer that leaves after the first frame of a message was sent takes the message with
 * it: the remaining frames are taken and dropped (a later peer must not get a message without
 * its start), and {@link io.gannet.Socket#droppedMessages()} counts it once.
 *
 * <p>Owned by the socket's thread.
 */
public final class Pair implements SocketProtocol {
    private final SocketHost host;
    private Pipe pipe;
    private boolean writable;
    private boolean readable;
    /** Inside a sent message: its first frame was taken. */
    private boolean moreOut;
    /** The current sent message lost its peer: its remaining frames are dropped (it was counted). */
    private boolean dropping;

    public Pair(SocketHost host) {
        this.host = host;
    }

    @Override
    public void attach(Pipe p) {
        if (pipe != null) {
            p.terminate();
            return;
        }
        pipe = p;
        writable = true;
        readable = true;
    }

    @Override
    public void terminated(Pipe p) {
        if (p == pipe) {
            pipe = null;
            if (moreOut && !dropping) {
                dropping = true;
                host.countDropped(1);
            }
        }
    }

    @Override
    public void readActivated(Pipe p) {
        if (p == pipe) {
            readable = true;
        }
    }

    @Override
    public void writeActivated(Pipe p) {
        if (p == pipe) {
            writable = true;
        }
    }

    @Override
    public boolean send(Msg msg) {
        boolean more = msg.hasMore();
        if (dropping) {
            msg.close();
            dropping = more;
            moreOut = more;
            return true;
        }
        if (pipe == null || !writable) {
            return false;
        }
        if (!pipe.write(msg)) {
            if (moreOut) {
                // The peer left mid-message (a write is refused only at a message's start otherwise).
                msg.close();
                host.countDropped(1);
                dropping = more;
                moreOut = more;
                return true;
            }
            writable = false;
            return false;
        }
        moreOut = more;
        if (!more) {
            pipe.flush();
        }
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        if (pipe == null || !readable) {
            return false;
        }
        if (!pipe.read(msg)) {
            readable = false;
            return false;
        }
        return true;
    }

    @Override
    public boolean hasIn() {
        return pipe != null && readable && (readable = pipe.checkRead());
    }

    @Override
    public boolean hasOut() {
        return dropping || moreOut || (pipe != null && writable && (writable = pipe.checkWrite()));
    }
}
