package io.gannet.patterns.common;

import io.gannet.Msg;
import io.gannet.spi.Pipe;

/**
 * Receives from many pipes in turn, one whole message from each (RFC 28/30 "fair-queuing").
 * A pipe found empty is parked (see {@link RoundRobin}) until it is activated again. Owned by the
 * socket's thread. Uses pipe index slot 0.
 */
public final class FairQueue {
    public static final int SLOT = 0;

    private final RoundRobin pipes = new RoundRobin(SLOT);
    private boolean more;
    private Pipe lastIn;

    public void attach(Pipe p) {
        pipes.attach(p);
    }

    public void terminated(Pipe p) {
        pipes.remove(p);
        if (lastIn == p) {
            lastIn = null;
            more = false;
        }
    }

    /** Marks a pipe as having messages again; harmless for an active pipe. */
    public void activated(Pipe p) {
        pipes.activate(p);
    }

    /** Receives the next frame; false if no pipe has one. */
    public boolean recv(Msg msg) {
        while (pipes.hasActive()) {
            Pipe p = pipes.current();
            if (p.read(msg)) {
                more = msg.hasMore();
                lastIn = p;
                if (!more) {
                    pipes.advance();
                }
                return true;
            }
            // Empty (whole messages only, so never mid-message): park the pipe until activated.
            more = false;
            pipes.parkCurrent();
        }
        return false;
    }

    /** Whether a frame is ready; parks pipes found empty. */
    public boolean hasIn() {
        if (more) {
            return true;
        }
        while (pipes.hasActive()) {
            if (pipes.current().checkRead()) {
                return true;
            }
            pipes.parkCurrent();
        }
        return false;
    }

    /** The pipe the last frame came from (for ROUTER and REP to route the reply); null if gone. */
    public Pipe lastIn() {
        return lastIn;
    }

    /** Whether the last frame received had MORE. */
    public boolean inMessage() {
        return more;
    }

    public int size() {
        return pipes.size();
    }
}
