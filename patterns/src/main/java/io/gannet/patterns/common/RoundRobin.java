package io.gannet.patterns.common;

import io.gannet.spi.Pipe;

/**
 * Pipes taken in turn: an array whose prefix {@code [0, active)} holds the pipes that may
 * be used now, and a cursor moving round it. A pipe found empty (or full) is parked outside
 * the prefix until it is activated again. The bookkeeping shared by {@link FairQueue} and
 * {@link LoadBalancer}; owned by the socket's thread.
 */
public final class RoundRobin {
    private final PipeArray pipes;
    private int active;
    private int current;

    /** @param slot the pipe index slot this array uses (distinct per building block) */
    public RoundRobin(int slot) {
        this.pipes = new PipeArray(slot);
    }

    /** Adds a pipe, active. */
    public void attach(Pipe p) {
        pipes.add(p);
        activate(p);
    }

    /** Makes a parked pipe active again; harmless for an active one or a stranger. */
    public void activate(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < 0 || i < active) {
            return;
        }
        pipes.swap(i, active);
        active++;
    }

    /**
     * Forgets a pipe. The cursor stays on its pipe (a multipart message half read from it, or
     * half sent to it, must go on with the same pipe); if the pipe under the cursor is the one
     * removed, the cursor moves on.
     */
    public void remove(Pipe p) {
        int i = pipes.indexOf(p);
        if (i < active) {
            active--;
            pipes.swap(i, active);
            if (current == active) {
                // The cursor's pipe was last in the prefix: it moved to i, unless it is the one removed.
                current = i == active ? 0 : i;
            }
        }
        pipes.remove(p);
    }

    /** Whether any pipe is active. */
    public boolean hasActive() {
        return active > 0;
    }

    /** The pipe under the cursor; only when {@link #hasActive()}. */
    public Pipe current() {
        return pipes.get(current);
    }

    /** Whether {@code p} is under the cursor. */
    public boolean isCurrent(Pipe p) {
        return pipes.indexOf(p) == current;
    }

    /** Parks the pipe under the cursor (it had nothing to read, or no room). */
    public void parkCurrent() {
        active--;
        pipes.swap(current, active);
        if (current == active) {
            current = 0;
        }
    }

    /** Moves the cursor to the next active pipe, after a whole message. */
    public void advance() {
        current = (current + 1) % active;
    }

    /** All pipes, active or parked. */
    public int size() {
        return pipes.size();
    }
}
