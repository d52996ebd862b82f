package io.gannet.patterns.reliability;

import java.time.Duration;
import java.util.Objects;

/** Argument checks for the patterns' timing settings. */
final class Durations {
    private Durations() {
    }

    static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
        return d;
    }

    static int atLeastOne(int n, String name) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + n);
        }
        return n;
    }

    /** Milliseconds from now until {@code deadlineNanos}, at least 0. */
    static Duration until(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
