package io.gannet.internal;

import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An application socket's mailbox: a lock-free multi-producer queue plus park/unpark of the
 * one thread waiting on it. No file descriptor, no selector: a socket costs no OS resource.
 *
 * <p>Posters enqueue and then unpark the {@link #waiter} if one is set; the waiter sets
 * itself and then looks at the queue once more before parking (the queue's offer is a full
 * fence, the waiter field is volatile, so no wake-up is lost). A {@link io.gannet.Poller}
 * thread may be the waiter of many mailboxes at once; when it also polls plain channels it
 * waits in a {@link Selector}, and posters wake that selector instead of unparking.
 *
 * <p>With a {@link Backoff} busy phase ({@link io.gannet.WaitStrategy#backoff}), the owner
 * first looks at the queue again and again without registering as the waiter, so posters
 * skip the unpark, and parks only when the busy phase is over.
 */
public final class SocketMailbox extends QueuedMailbox {
    /**
     * The thread to unpark on the next post, or the {@link Selector} to wake up (a
     * {@link io.gannet.Poller} that waits on plain channels as well sleeps in its selector).
     */
    private volatile Object waiter;
    private final Backoff backoff;

    /** A mailbox whose owner parks at once when it waits. */
    public SocketMailbox() {
        this(Backoff.NONE);
    }

    /** A mailbox whose owner spins and yields as {@code backoff} says before it parks. */
    public SocketMailbox(Backoff backoff) {
        super(128);
        this.backoff = backoff;
    }

    /** How the owner waits before parking (a poller waits the same way). */
    public Backoff backoff() {
        return backoff;
    }

    @Override
    protected void wakeOwner() {
        Object w = waiter;
        if (w != null) {
            wake(w);
        }
    }

    /** Registers {@code thread} as the one to unpark on the next post (null to clear). */
    public void waiter(Thread thread) {
        this.waiter = thread;
    }

    /** Registers {@code selector} as the one to wake up on the next post (null to clear). */
    public void selectorWaiter(Selector selector) {
        this.waiter = selector;
    }

    private static void wake(Object w) {
        if (w instanceof Thread) {
            LockSupport.unpark((Thread) w);
        } else {
            ((Selector) w).wakeup(); // a no-op once the poller closed it
        }
    }

    /** Unparks the waiter, if any, without a command (context close, poller hand-off). */
    public void wake() {
        wakeOwner();
    }

    /**
     * Owner: parks until a command arrives, {@code stop} is true, or the deadline passes.
     *
     * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE} for none
     * @return false if the deadline passed with nothing queued
     * @throws InterruptedException if the thread is interrupted while parked
     */
    public boolean await(long deadlineNanos, BooleanSupplier stop) throws InterruptedException {
        // Busy phase: no waiter set, so a poster's command is found here without an unpark.
        for (long n = 0; backoff.idle(n); n++) {
            if (!isEmpty() || stop.getAsBoolean()) {
                return true;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= 0) {
                return !isEmpty();
            }
        }
        waiter = Thread.currentThread();
        try {
            while (isEmpty() && !stop.getAsBoolean()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (deadlineNanos == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(this, Math.min(left, TimeUnit.SECONDS.toNanos(1)));
                }
            }
            return true;
        } finally {
            waiter = null;
        }
    }
}
