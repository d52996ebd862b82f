package io.gannet.patterns.common;

import io.gannet.Msg;
import io.gannet.spi.Pipe;

/**
 * Sends each message to the next pipe that has room, round-robin (RFC 28/30
 * "load-balancing"). All frames of a message go to the same pipe. Pipes at their high-water
 * mark leave the active prefix until {@link #activated}. Owned by the socket's thread. Uses
 * pipe index slot 1.
 */
public final class LoadBalancer {
    public static final int SLOT = 1;

    private final PipeArray pipes = new PipeArray(SLOT);
    private int active;
    private int current;
    private boolean more;
    private boolean dropping;

    public void attach(Pipe p) {
        pipes.add(p);
        activated(p);
    }

    public void terminated(Pipe p) {
        int i = pipes.indexOf(p);
        // A peer that vanishes mid-message takes the rest of that message with it.
        if (more && i == current) {
            dropping = true;
        }
        if (i < active) {
            active--;
            pipes.swap(i, active);
            if (current == active) {
                current = 0;
            }
        }
        pipes.remove(p);
    }

    public void activated(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < 0 || i < active) {
            return;
        }
        pipes.swap(i, active);
        active++;
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
        while (active > 0) {
            Pipe p = pipes.get(current);
            if (p.write(msg)) {
                if (sent != null) {
                    sent[0] = p;
                }
                more = msgMore;
                if (!msgMore) {
                    p.flush();
                    current = (current + 1) % active;
                }
                return true;
            }
            if (more) {
                // The pipe died mid-message (its peer left): drop the rest of the message.
                more = msgMore;
                dropping = msgMore;
                msg.close();
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

    /** Whether a message could be sent now. */
    public boolean hasOut() {
        if (more) {
            return true;
        }
        while (active > 0) {
            if (pipes.get(current).checkWrite()) {
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

    public int size() {
        return pipes.size();
    }
}
