package io.gannet.cli;

import java.io.PrintStream;

/**
 * A one-line progress display for long runs, redrawn in place on stderr at most four times a
 * second and only after the first second, so short runs print nothing extra. Owned by the
 * thread that counts.
 */
final class Progress {
    private static final long FIRST_NS = 1_000_000_000L;
    private static final long EVERY_NS = 250_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long nextDraw = start + FIRST_NS;
    private boolean drawn;

    Progress(PrintStream err, boolean enabled, String what, long total) {
        this.err = err;
        this.enabled = enabled;
        this.what = what;
        this.total = total;
    }

    /** Cheap enough to call for every message: it reads the clock every 1024th call. */
    void update(long done) {
        if (!enabled || (done & 1023) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now < nextDraw) {
            return;
        }
        nextDraw = now + EVERY_NS;
        double seconds = (now - start) / 1e9;
        err.printf("\r  %3d%%  %,d / %,d %s  %,.0f/s  ", done * 100 / total, done, total, what, done / seconds);
        err.flush();
        drawn = true;
    }

    /** Clears the line if anything was drawn. */
    void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(72) + "\r");
            err.flush();
        }
    }
}
