package io.gannet;

/**
 * How a context's threads wait when they have nothing to do: the application threads blocked
 * in {@link Socket#send}, {@link Socket#recv} or {@link Poller#poll}, and the I/O threads
 * between network events. Set it with {@link Context.Builder#waitStrategy(WaitStrategy)}.
 *
 * <ul>
 *   <li>{@link #BLOCKING} (the default): a waiting thread sleeps (an application thread
 *       parks, an I/O thread blocks in its selector) and is woken by whoever has work for it;
 *       only a receiving application thread first gives its CPU away for up to 10 µs
 *       ({@link Thread#yield()}, looking for a message after each), which spares a subscriber
 *       that reads faster than its publisher writes a wake-up per message. An idle context
 *       uses no CPU. Each hand-off between threads then pays a
 *       wake-up: a system call for the waker and a scheduler round trip for the sleeper,
 *       several microseconds on most machines, more on virtual machines.</li>
 *   <li>{@link #backoff(int, int)}: as Aeron's {@code BackoffIdleStrategy} or the LMAX
 *       Disruptor's phased back-off, a waiting thread first looks for work again and again
 *       ({@code spins} looks, with {@link Thread#onSpinWait()} between them), then gives its
 *       CPU away between looks ({@code yields} looks, with {@link Thread#yield()}), and only
 *       then sleeps as {@link #BLOCKING} does. Work that arrives while a thread spins is
 *       taken without any wake-up, on either side.</li>
 * </ul>
 *
 * <p><b>The cost.</b> A spinning thread keeps a CPU core busy for as long as it spins, and it
 * spins again each time it runs out of work: with a steady trickle of messages (a request
 * every few hundred microseconds) a backing-off thread never sleeps, so it burns a whole
 * core. Use it only with a core to spare for each thread that waits this way: each
 * application thread that blocks on a socket, plus each I/O thread. On a machine with fewer
 * cores than spinning threads they take turns on the CPUs, and latency gets worse, not
 * better; the yield phase softens this, it does not remove it.
 *
 * <p><b>What a look is.</b> For an application thread, one look at its socket's queue (tens
 * of nanoseconds); for an I/O thread, one non-blocking select of its channels (about a
 * microsecond, a system call). So {@code backoff(10_000, 100)} spins for roughly a third of a
 * millisecond in a socket call and roughly ten milliseconds in an I/O thread before either
 * sleeps. Deadlines ({@link SocketOption#RCVTIMEO}, a poll's timeout), interrupts and
 * {@link Context#close()} end a spinning wait exactly as they end a sleeping one.
 *
 * <p>Instances are immutable and may be shared by any number of contexts.
 */
public final class WaitStrategy {
    /** Spins of {@link #backoff()}: about a third of a millisecond of looking in a socket call. */
    public static final int DEFAULT_SPINS = 10_000;

    /** Yields of {@link #backoff()}, after the spins. */
    public static final int DEFAULT_YIELDS = 100;

    /** Sleep at once, wake on work: no CPU used while idle. The default. */
    public static final WaitStrategy BLOCKING = new WaitStrategy(0, 0);

    private final int spins;
    private final int yields;

    private WaitStrategy(int spins, int yields) {
        this.spins = spins;
        this.yields = yields;
    }

    /**
     * Spin, then yield, then sleep: {@code spins} busy looks for work, then {@code yields} looks
     * each after {@link Thread#yield()}, then a sleep until woken, as {@link #BLOCKING}. Burns a
     * core per waiting thread while it looks (see the class doc). {@code backoff(0, 0)} is
     * {@link #BLOCKING}.
     *
     * @throws GannetException {@code EINVAL} if either count is negative
     */
    public static WaitStrategy backoff(int spins, int yields) {
        if (spins < 0 || yields < 0) {
            throw new GannetException(ErrorCode.EINVAL,
                    "spins and yields cannot be negative: spins " + spins + ", yields " + yields);
        }
        return spins == 0 && yields == 0 ? BLOCKING : new WaitStrategy(spins, yields);
    }

    /** {@link #backoff(int, int)} with {@link #DEFAULT_SPINS} spins and {@link #DEFAULT_YIELDS} yields. */
    public static WaitStrategy backoff() {
        return backoff(DEFAULT_SPINS, DEFAULT_YIELDS);
    }

    /** Busy looks before the yields (0 for {@link #BLOCKING}). */
    public int spins() {
        return spins;
    }

    /** Looks after a {@link Thread#yield()} each, before sleeping (0 for {@link #BLOCKING}). */
    public int yields() {
        return yields;
    }

    /** Whether a waiting thread sleeps at once (no spins, no yields). */
    public boolean isBlocking() {
        return spins == 0 && yields == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaitStrategy && ((WaitStrategy) o).spins == spins && ((WaitStrategy) o).yields == yields;
    }

    @Override
    public int hashCode() {
        return 31 * spins + yields;
    }

    @Override
    public String toString() {
        return isBlocking() ? "BLOCKING" : "backoff(spins " + spins + ", yields " + yields + ")";
    }
}
