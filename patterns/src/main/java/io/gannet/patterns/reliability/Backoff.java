package io.gannet.patterns.reliability;

import java.time.Duration;

import io.gannet.GannetInterruptedException;

/** A reconnect wait that doubles from {@code initial} up to {@code max} and drops back once the peer answers. */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private Duration next;

    Backoff(Duration initial, Duration max) {
        Durations.positive(initial, "initial");
        Durations.positive(max, "max");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max " + max + " is below initial " + initial);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The peer answered: the next wait is the initial one again. */
    void reset() {
        next = initial;
    }

    /** Waits the current back-off, then doubles it (up to the maximum); an interrupt ends the wait as a close. */
    void await() {
        try {
            Thread.sleep(next.toMillis());
        } catch (InterruptedException e) {
            throw new GannetInterruptedException("interrupted during the reconnect back-off");
        }
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
    }
}
