package io.gannet.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two ends of a pipe and what they share: a count of ends that have let go (the second
 * releases every queued frame) and the discard flag of a linger-0 close.
 */
public final class PipePair {
    private final PipeEnd first;
    private final PipeEnd second;
    private final PipeQueue firstToSecond;
    private final PipeQueue secondToFirst;
    private final AtomicInteger lettingGo = new AtomicInteger();
    /** Set by a closing end before it posts PeerClosed; read by the other end after. */
    volatile boolean discard;

    private PipePair(int firstToSecondHwm, int secondToFirstHwm, boolean conflateToSecond,
                     boolean conflateToFirst, boolean firstInitiated, String endpoint) {
        firstToSecond = conflateToSecond ? new ConflatePipeQueue() : new SpscPipeQueue(firstToSecondHwm);
        secondToFirst = conflateToFirst ? new ConflatePipeQueue() : new SpscPipeQueue(secondToFirstHwm);
        first = new PipeEnd(secondToFirst, firstToSecond, this, firstInitiated, endpoint);
        second = new PipeEnd(firstToSecond, secondToFirst, this, !firstInitiated, endpoint);
        first.peer(second);
        second.peer(first);
    }

    /**
     * A new pipe.
     *
     * @param firstToSecondHwm high-water mark of messages written by the first end (0: none)
     * @param secondToFirstHwm high-water mark of messages written by the second end
     * @param conflateToSecond keep only the newest message travelling to the second end
     * @param conflateToFirst  keep only the newest message travelling to the first end
     * @param firstInitiated   whether the first end's socket made the connection
     * @param endpoint         the endpoint, for diagnostics
     */
    public static PipePair create(int firstToSecondHwm, int secondToFirstHwm, boolean conflateToSecond,
                                  boolean conflateToFirst, boolean firstInitiated, String endpoint) {
        return new PipePair(firstToSecondHwm, secondToFirstHwm, conflateToSecond, conflateToFirst,
                firstInitiated, endpoint);
    }

    /**
     * Declares that the second end is read by a connection's engine on an I/O thread, which
     * reads frames in place (absolute positions, then release): what the first end's socket
     * writes may then be shared with other such pipes ({@link PipeEnd#framesShareable()}).
     * Call before handing out either end. Returns this pair.
     */
    public PipePair secondReadInPlace() {
        first.framesShareable = true;
        return this;
    }

    /**
     * Declares that the second end takes every message the first end's socket sends, whatever
     * its topic (a datagram endpoint: {@link PipeEnd#subscribedToAll()}). Call before handing
     * out either end. Returns this pair.
     */
    public PipePair secondSubscribedToAll() {
        first.subscribedToAll = true;
        return this;
    }

    public PipeEnd first() {
        return first;
    }

    public PipeEnd second() {
        return second;
    }

    /** Sums two high-water marks as libzmq does for inproc; 0 (no limit) wins. */
    public static int sumHwm(int a, int b) {
        if (a <= 0 || b <= 0) {
            return 0;
        }
        long s = (long) a + b;
        return s > Integer.MAX_VALUE ? 0 : (int) s;
    }

    void letGo() {
        if (lettingGo.incrementAndGet() == 2) {
            firstToSecond.releaseAll();
            secondToFirst.releaseAll();
        }
    }
}
