package io.gannet.patterns.common;

import io.gannet.Msg;
import io.gannet.spi.Pipe;
import io.netty.buffer.ByteBuf;

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
 * <p><b>Losses are counted</b>, one per message and subscriber, through the
 * {@link DropCounter} (once per send, only when something was lost): a pipe that would get
 * the message but refuses its first frame; a pipe that would get it but is already known
 * to be full ({@link #match} marks such pipes at {@code [eligible, eligible + fullMatched)}
 * for the message being routed, so one matched through several topics counts once); a pipe
 * that goes (or refuses) in the middle of a message it was getting. A message that matches
 * no pipe at all is not a loss: nobody asked for it.
 *
 * <p><b>Handing out one frame to many pipes</b> without a buffer object per subscriber
 * where it can be helped:
 * <ul>
 *   <li>A pipe whose reader is a connection's engine ({@link Pipe#framesShareable()}: tcp,
 *       ipc) gets the frame's own {@code ByteBuf} with one more reference
 *       ({@code retain()}). Engines on any number of I/O threads read it together: they only
 *       read at absolute positions and release, so its indexes never move.</li>
 *   <li>A pipe read by an application (inproc) gets a {@code retainedDuplicate}: its own
 *       indexes over the same bytes, since the receiver may {@code readBytes} it.</li>
 *   <li>The last pipe gets the caller's reference instead of a new one, unless it is read by
 *       an application and engines already share the frame's own object (that application
 *       would move the indexes under them): then it gets a duplicate like the others and
 *       the caller's reference is released.</li>
 * </ul>
 * So publishing to n tcp/ipc subscribers costs n-1 reference increments and no allocation;
 * each inproc subscriber costs one duplicate (one fewer if all are inproc).
 *
 * <p>Owned by the socket's thread. Uses pipe index slot 2.
 */
public final class Distributor {
    public static final int SLOT = 2;

    private final PipeArray pipes = new PipeArray(SLOT);
    private final Msg copy = new Msg();
    private final DropCounter drops;
    private int matching;
    private int active;
    private int eligible;
    /** Known-full pipes {@link #match} marked, at {@code [eligible, eligible + fullMatched)}. */
    private int fullMatched;
    /** {@link #reverseMatch} ran: the known-full pipes the marks leave out are the ones that lose. */
    private boolean inverted;
    private boolean more;

    /** @param drops told how many messages subscribers lost, after each frame that lost any */
    public Distributor(DropCounter drops) {
        this.drops = drops;
    }

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
        int i = pipes.indexOf(p);
        if (more && i >= 0 && i < matching) {
            drops.countDropped(1); // its half of the current message went with it
        }
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

    /**
     * Marks a pipe to get the next message; ignored for pipes already marked. A pipe known to
     * be full is not marked, but noted: the message is lost for it.
     */
    public void match(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < matching) {
            return; // already marked, or not ours (-1)
        }
        if (i < eligible) {
            pipes.swap(i, matching);
            matching++;
            return;
        }
        int end = eligible + fullMatched;
        if (i >= end) {
            pipes.swap(i, end);
            fullMatched++;
        }
    }

    /** Clears the marks. */
    public void unmatch() {
        matching = 0;
        fullMatched = 0;
        inverted = false;
    }

    /** Inverts the marks over all pipes (INVERT_MATCHING); once, after the last {@link #match}. */
    public void reverseMatch() {
        int previous = matching;
        matching = 0;
        for (int i = previous; i < eligible; i++) {
            pipes.swap(i, matching++);
        }
        inverted = true;
    }

    /** How many pipes the message being routed would reach but that are known to be full. */
    private int knownFullMatching() {
        return inverted ? pipes.size() - eligible - fullMatched : fullMatched;
    }

    /**
     * Whether every pipe the next frame would go to could take it now (XPUB_NODROP); at the
     * start of a message, false also when a pipe it would reach is known to be full.
     */
    public boolean checkHwm() {
        if (!more && knownFullMatching() > 0) {
            return false;
        }
        for (int i = 0; i < matching; i++) {
            if (!pipes.get(i).checkWrite()) {
                return false;
            }
        }
        return true;
    }

    /** Sends one frame to the marked pipes; always takes (or releases) the frame. */
    public void sendToMatching(Msg msg) {
        int lost = more ? 0 : knownFullMatching();
        fullMatched = 0;
        inverted = false;
        send(msg, lost);
    }

    /** Sends one frame to every active pipe (XSUB upstream); always takes (or releases) the frame. */
    public void sendToAll(Msg msg) {
        matching = active;
        // At a message's start every pipe is active or known full: the known-full ones lose it.
        send(msg, more ? 0 : pipes.size() - eligible);
    }

    /** @param lost subscribers already known to lose this message (known full) */
    private void send(Msg msg, int lost) {
        boolean msgMore = msg.hasMore();
        lost += distribute(msg, msgMore);
        if (!msgMore) {
            active = eligible;
        }
        more = msgMore;
        if (lost > 0) {
            drops.countDropped(lost);
        }
    }

    public boolean hasPipe(Pipe p) {
        return pipes.contains(p);
    }

    public int size() {
        return pipes.size();
    }

    /** Writes the frame to the marked pipes; returns how many refused it (each loses the message). */
    private int distribute(Msg msg, boolean msgMore) {
        ByteBuf data = msg.data();
        int refused = 0;
        // Whether an engine's pipe took the frame's own object: from then on no application
        // may get it (only a duplicate), or its reads would move the indexes engines read.
        boolean sharedWithEngines = false;
        int i = 0;
        while (i < matching) {
            Pipe p = pipes.get(i);
            boolean shareable = p.framesShareable();
            Msg m = msg;
            if (i < matching - 1 || (!shareable && sharedWithEngines)) {
                // Our own reference stays with msg until the last pipe, so data stays alive.
                copy.set(shareable ? data.retain() : data.retainedDuplicate(), msgMore);
                m = copy;
            }
            if (p.write(m)) {
                sharedWithEngines |= shareable;
                if (!msgMore) {
                    p.flush();
                }
                i++;
            } else {
                if (m == copy) {
                    copy.close();
                }
                deactivate(p);
                refused++;
            }
        }
        // Still holds the data when nothing matched, the last pipe refused it or got a duplicate.
        msg.close();
        return refused;
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
