package io.gannet.patterns.reliability;

import java.time.Duration;

/**
 * The heartbeat both peers of a Paranoid Pirate or Majordomo conversation agree on: each sends
 * a heartbeat every {@code interval}, and considers the other gone when it has heard nothing
 * for {@code liveness} intervals ({@link #expiry()}). RFC 6 and RFC 7 ask for the same values on
 * both sides and suggest a liveness of 3 to 5; the Guide uses 2.5 s and 3.
 *
 * @param interval how often a heartbeat is sent
 * @param liveness how many intervals of silence mean the peer is gone (at least 1)
 */
public record Heartbeat(Duration interval, int liveness) {
    /** The Guide's values: every 2.5 s, gone after 3 silent intervals (7.5 s). */
    public static final Heartbeat DEFAULT = new Heartbeat(Duration.ofMillis(2500), 3);

    /** Checks the values. */
    public Heartbeat {
        Durations.positive(interval, "interval");
        Durations.atLeastOne(liveness, "liveness");
    }

    /** A heartbeat every {@code interval}, gone after 3 silent intervals. */
    public static Heartbeat every(Duration interval) {
        return new Heartbeat(interval, 3);
    }

    /** How long a silent peer is still considered alive: {@code interval * liveness}. */
    public Duration expiry() {
        return interval.multipliedBy(liveness);
    }
}
