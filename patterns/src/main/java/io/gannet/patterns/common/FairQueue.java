package io.gannet.patterns.common;

import io.gannet.Msg;
import io.gannet.spi.Pipe;

/**
 * Receives from many pipes in turn, one whole message from each (RFC 28/30 "fair-queuing").
 * Active pipes (those that may have messages) form the prefix {@code [0, active)} of the
 * array; a pipe found empty moves out of it until it is activated again. Owned by the
 * socket's thread. Uses pipe index slot 0.
 */
public final class FairQueue {
    public static final int SLOT = 0;

    private final PipeArray pipes = new PipeArray(SLOT);
    private int active;
    private int current;
    private boolean more;
    private Pipe lastIn;

    public void attach(Pipe p) {
        pipes.add(p);
        pipes.swap(pipes.indexOf(p), active);
        active++;
    }

    public void terminated(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < active) {
            active--;
            pipes.swap(i, active);
            if (current == active) {
                current = 0;
            }
        }
        pipes.remove(p);
        if (lastIn == p) {
            lastIn = null;
            more = false;
        }
    }

    /** Marks a pipe as having messages again; harmless for an active pipe. */
    public void activated(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < 0 || i < active) {
            return;
        }
        pipes.swap(i, active);
        active++;
    }

    /** Receives the next frame; false if no pipe has one. */
    public boolean recv(Msg msg) {
        while (active > 0) {
            Pipe p = pipes.get(current);
            if (p.read(msg)) {
                more = msg.hasMore();
                lastIn = p;
                if (!more) {
                    current = (current + 1) % active;
                }
                return true;
            }
            // Empty (whole messages only, so never mid-message): park the pipe until activated.
            more = false;
            active--;
            pipes.swap(current, active);
            if (current == active) {
                current = 0;
            }
        }
        return false;
    }

    /** Whether a frame is ready; deactivates pipes found empty. */
    public boolean hasIn() {
        if (more) {
            return true;
        }
        while (active > 0) {
            if (pipes.get(current).checkRead()) {
                return true;
            }
            active--;
            pipes.swap(current, active);
            if (current == active) {
                current = 0;
            }
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
