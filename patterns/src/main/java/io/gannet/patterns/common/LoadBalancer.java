package io.gannet.patterns.common;

import io.gannet.Msg;
import io.gannet.spi.Pipe;

/**
 * Sends each message to the next pipe that has room, round-robin (RFC 28/30
 * "load-balancing"). All frames of a message go to the same pipe. Pipes at their high-water
 * mark are parked (see {@link RoundRobin}) until {@link #activated}. A message whose pipe
 * dies after its first frame was taken loses the rest, and is counted once through the
 * {@link DropCounter}. Owned by the socket's thread. Uses pipe index slot 1.
 */
public final class LoadBalancer {
    public static final int SLOT = 1;

    private final RoundRobin pipes = new RoundRobin(SLOT);
    private final DropCounter drops;
    private boolean more;
    /** The current message lost its pipe: its remaining frames are dropped (it was counted). */
    private boolean dropping;

    /** @param drops told of each message lost to a pipe that died mid-message */
    public LoadBalancer(DropCounter drops) {
        this.drops = drops;
    }

    public void attach(Pipe p) {
        pipes.attach(p);
    }

    public void terminated(Pipe p) {
        // A peer that vanishes mid-message takes the rest of that message with it.
        if (more && !dropping && pipes.isCurrent(p)) {
            dropping = true;
            drops.countDropped(1);
        }
        pipes.remove(p);
    }

    public void activated(Pipe p) {
        pipes.activate(p);
    }

    /**
     * Sends one frame; returns false (taking nothing) when no pipe has room for a new message.
     *
     * @param sent if not null, receives the pipe the frame went to in element 0
     */
    public boolean send(Msg msg, Pipe[] sent) {
        boolean msgMore = msg.hasMore();
        if (dropping) {
            more = msgMore;
            dropping = msgMore;
            msg.close();
            return true;
        }
        while (pipes.hasActive()) {
            Pipe p = pipes.current();
            if (p.write(msg)) {
                if (sent != null) {
                    sent[0] = p;
                }
                more = msgMore;
                if (!msgMore) {
                    p.flush();
                    pipes.advance();
                }
                return true;
            }
            if (more) {
                // The pipe died mid-message (its peer left): drop the rest of the message.
                more = msgMore;
                dropping = msgMore;
                msg.close();
                drops.countDropped(1);
                return true;
            }
            pipes.parkCurrent();
        }
        return false;
    }

    /** Whether a message could be sent now. */
    public boolean hasOut() {
        if (more) {
            return true;
        }
        while (pipes.hasActive()) {
            if (pipes.current().checkWrite()) {
                return true;
            }
            pipes.parkCurrent();
        }
        return false;
    }

    public int size() {
        return pipes.size();
    }
}
