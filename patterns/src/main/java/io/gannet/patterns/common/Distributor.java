package io.gannet.patterns.common;

import io.gannet.Msg;
import io.gannet.spi.Pipe;

/**
 * Sends one message to many pipes (RFC 29 publishing; libzmq's {@code dist_t}). The pipe
 * array is split into nested prefixes:
 * <pre>
 *   [0, matching)  pipes that get the current message
 *   [0, active)    pipes that may get the current message
 *   [0, eligible)  pipes with room (not known to be at their high-water mark)
 *   [eligible, n)  pipes that refused a write; back in on {@link #activated}
 * </pre>
 * so {@code matching <= active <= eligible <= n}. A pipe attached or reactivated in the
 * middle of a multipart message is eligible but not active until the message ends, so it
 * never sees a message without its first frame. A pipe that refuses a message (at its
 * high-water mark) is skipped for it: that subscriber loses it, as RFC 29 says.
 *
 * <p>Every pipe but the last gets a {@code retainedDuplicate} of the frame (its own indexes
 * over the same bytes, so readers on other threads do not disturb each other); the last gets
 * the caller's reference. Owned by the socket's thread. Uses pipe index slot 2.
 */
public final class Distributor {
    public static final int SLOT = 2;

    private final PipeArray pipes = new PipeArray(SLOT);
    private final Msg copy = new Msg();
    private int matching;
    private int active;
    private int eligible;
    private boolean more;

    public void attach(Pipe p) {
        pipes.add(p);
        pipes.swap(pipes.indexOf(p), eligible);
        eligible++;
        if (!more) {
            pipes.swap(eligible - 1, active);
            active++;
        }
    }

    public void terminated(Pipe p) {
        deactivate(p);
        pipes.remove(p);
    }

    /** The pipe has room again; harmless for a pipe that is already eligible. */
    public void activated(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < 0) {
            return;
        }
        if (i >= eligible) {
            pipes.swap(i, eligible);
            i = eligible++;
        }
        if (!more && i >= active) {
            pipes.swap(i, active);
            active++;
        }
    }

    /** Marks a pipe to get the next message; ignored for pipes without room or already marked. */
    public void match(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < matching || i >= eligible) {
            return;
        }
        pipes.swap(i, matching);
        matching++;
    }

    /** Clears the marks. */
    public void unmatch() {
        matching = 0;
    }

    /** Inverts the marks over the eligible pipes (INVERT_MATCHING). */
    public void reverseMatch() {
        int previous = matching;
        matching = 0;
        for (int i = previous; i < eligible; i++) {
            pipes.swap(i, matching++);
        }
    }

    /** Whether every marked pipe could take a message now (XPUB_NODROP). */
    public boolean checkHwm() {
        for (int i = 0; i < matching; i++) {
            if (!pipes.get(i).checkWrite()) {
                return false;
            }
        }
        return true;
    }

    /** Sends one frame to the marked pipes; always takes (or releases) the frame. */
    public void sendToMatching(Msg msg) {
        boolean msgMore = msg.hasMore();
        distribute(msg, msgMore);
        if (!msgMore) {
            active = eligible;
        }
        more = msgMore;
    }

    /** Sends one frame to every active pipe (XSUB upstream); always takes (or releases) the frame. */
    public void sendToAll(Msg msg) {
        matching = active;
        sendToMatching(msg);
    }

    public boolean hasPipe(Pipe p) {
        return pipes.contains(p);
    }

    public int size() {
        return pipes.size();
    }

    private void distribute(Msg msg, boolean msgMore) {
        int i = 0;
        while (i < matching) {
            Pipe p = pipes.get(i);
            boolean last = i == matching - 1;
            Msg m = msg;
            if (!last) {
                copy.set(msg.data().retainedDuplicate(), msgMore);
                m = copy;
            }
            if (p.write(m)) {
                if (!msgMore) {
                    p.flush();
                }
                i++;
            } else {
                if (!last) {
                    copy.close();
                }
                deactivate(p);
            }
        }
        // Still holds the data when nothing matched or the last pipe refused it.
        msg.close();
    }

    /** Moves a pipe out of the matching, active and eligible prefixes, keeping them nested. */
    private void deactivate(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < matching) {
            pipes.swap(i, --matching);
            i = matching;
        }
        if (i < active) {
            pipes.swap(i, --active);
            i = active;
        }
        if (i < eligible) {
            pipes.swap(i, --eligible);
        }
    }
}
