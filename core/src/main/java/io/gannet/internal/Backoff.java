package io.gannet.internal;

import io.gannet.WaitStrategy;

/**
 * The busy phase of a {@link WaitStrategy}, for a waiting loop: before look number {@code n}
 * (from 0), {@link #idle} spins or yields, or says that the busy phase is over and the caller
 * must sleep (park, or block in its selector). Stateless and immutable: the caller counts.
 *
 * <p>While a thread is in its busy phase it has not registered itself to be woken, so those
 * who hand it work skip the wake-up (an unpark or a {@code Selector.wakeup()}): that, and not
 * only the time the sleeper takes to run again, is what spinning saves.
 */
public final class Backoff {
    /** No busy phase: sleep at once. */
    public static final Backoff NONE = new Backoff(0, 0);

    private final long spins;
    /** Spins plus yields. */
    private final long busy;

    private Backoff(int spins, int yields) {
        this.spins = spins;
        this.busy = (long) spins + yields;
    }

    /** The busy phase of {@code strategy}. */
    public static Backoff of(WaitStrategy strategy) {
        return strategy.isBlocking() ? NONE : new Backoff(strategy.spins(), strategy.yields());
    }

    /** Whether there is no busy phase (sleep at once). */
    public boolean isNone() {
        return busy == 0;
    }

    /** The longer busy phase of the two (a poller waiting on sockets of several contexts). */
    public Backoff max(Backoff other) {
        return other.busy > busy ? other : this;
    }

    /**
     * Idles once before the caller's look number {@code n}, counting from 0:
     * {@link Thread#onSpinWait()} during the spins, {@link Thread#yield()} during the yields.
     *
     * @return false when the busy phase is over: the caller should sleep now
     */
    public boolean idle(long n) {
        if (n < spins) {
            Thread.onSpinWait();
            return true;
        }
        if (n < busy) {
            Thread.yield();
            return true;
        }
        return false;
    }
}
