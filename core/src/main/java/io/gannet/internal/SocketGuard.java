package io.gannet.internal;

import io.gannet.ContextClosedException;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.GannetInterruptedException;
import io.gannet.SocketClosedException;
import io.gannet.SocketType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A socket's thread guard and its closing, apart from what the socket does: one thread at a
 * time inside a call ({@link #enter}, {@link #exit}), waits that end when the context or
 * another thread closes the socket, and a close that happens exactly once.
 *
 * <p><b>Owning thread:</b> whichever application thread is inside a call, enforced by
 * {@link #user}. Other threads reach the socket only through its {@link SocketMailbox} and
 * the volatile {@link #terminating} and {@link #closing}.
 *
 * <p><b>Closing from another thread</b> ({@link #close()} while a call of another thread is
 * inside): the closer raises {@link #closing} (every close does, before it tries the guard)
 * and wakes the mailbox's waiter; the call inside throws {@link SocketClosedException} and,
 * leaving the guard, closes the socket. Whoever takes the guard last with {@code closing}
 * set closes, exactly once, so two threads never touch the pipes at once; the closer waits
 * for {@link #closedLatch}.
 */
abstract class SocketGuard {
    final SocketType type;
    final SocketMailbox mailbox;
    private final AtomicReference<Thread> user = new AtomicReference<>();
    private final BooleanSupplier stopWaiting = () -> this.terminating || this.closing;
    private volatile boolean terminating;
    /** Another thread asked to close while a call was inside; the last one out closes. */
    private volatile boolean closing;
    /** The thread that asked, for the blocked call's exception. */
    private volatile String closingThread = "";
    volatile boolean closed;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    /** @param backoff how a call waits before it parks (the context's {@link io.gannet.WaitStrategy}) */
    SocketGuard(SocketType type, Backoff backoff) {
        this.type = type;
        this.mailbox = new SocketMailbox(backoff);
    }

    /** Releases everything the socket holds; called once, by the thread holding the guard. */
    abstract void closeNow();

    final void enter() {
        Thread me = Thread.currentThread();
        if (!user.compareAndSet(null, me)) {
            if (terminating) {
                throw new ContextClosedException();
            }
            if (closing || closed) {
                throw closedException();
            }
            Thread other = user.get();
            throw new GannetException(ErrorCode.EBUSY, "this " + type + " socket is in use by thread '"
                    + (other == null ? "?" : other.getName()) + "' while thread '" + me.getName()
                    + "' called it; a socket belongs to one thread at a time (use one socket per thread,"
                    + " or hand it over through a queue or lock)");
        }
    }

    final void exit() {
        user.set(null);
        if ((terminating || closing) && !closed) {
            closeIfFree();
        }
    }

    final void checkUsable() {
        if (terminating) {
            throw new ContextClosedException();
        }
        if (closed || closing) {
            throw closedException();
        }
    }

    /**
     * Runs a call that needs no command processed (bind, getsockopt, monitors) inside the
     * guard. Not for the message path: the lambda is an object.
     */
    final <T> T inside(Supplier<T> call) {
        enter();
        try {
            checkUsable();
            return call.get();
        } finally {
            exit();
        }
    }

    /** After the queued commands ran: stop the call if the context or another thread is closing. */
    final void checkStillOpen() {
        if (terminating) {
            throw new ContextClosedException();
        }
        if (closing) {
            throw closedException();
        }
    }

    private SocketClosedException closedException() {
        String me = Thread.currentThread().getName();
        String by = closingThread;
        if (!closing || by.equals(me)) {
            return new SocketClosedException("the " + type + " socket is closed");
        }
        return new SocketClosedException("the " + type + " socket was closed by thread '" + by + "' (thread '"
                + me + "' was using it)");
    }

    /** Context close: stop blocked calls now; the socket is closed by whoever holds it next. */
    final void terminate() {
        terminating = true;
        mailbox.wake();
        closeIfFree();
    }

    /** Closes the socket if no call is inside; otherwise the call closes it on its way out. */
    private void closeIfFree() {
        if (user.compareAndSet(null, Thread.currentThread())) {
            try {
                closeHeld();
            } finally {
                user.set(null);
            }
        }
    }

    private void closeHeld() {
        if (!closed) {
            closed = true;
            try {
                closeNow();
            } finally {
                closedLatch.countDown();
            }
        }
    }

    /** Waits for a command, the deadline or a stop; false when the deadline passed. */
    final boolean await(long deadline, String operation) {
        try {
            return mailbox.await(deadline, stopWaiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GannetInterruptedException(operation);
        }
    }

    static long deadline(int timeoutMs) {
        return timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    // ---- for the Poller (see Pollable) ----------------------------------------------------

    /** Takes the thread guard for a poller; pair with {@link #exitForPoll()}. */
    public final void enterForPoll() {
        enter();
        try {
            checkUsable();
        } catch (RuntimeException e) {
            exit(); // a refused poll must not leave the socket held
            throw e;
        }
    }

    /** Releases the guard taken by {@link #enterForPoll()}. */
    public final void exitForPoll() {
        exit();
    }

    /**
     * Whether a wait on this socket must end now: its context is closing, or another thread
     * is closing it (the next look at the socket throws).
     */
    public final boolean isTerminating() {
        return terminating || closing;
    }

    /** The mailbox pipe ends of this socket report to. */
    public final SocketMailbox mailbox() {
        return mailbox;
    }

    // ---- closing --------------------------------------------------------------------------

    public final boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket from any thread. With no call inside, the caller closes it. With a call
     * of another thread inside, that call is asked to stop ({@link SocketClosedException}), and
     * the socket closes as it leaves; this waits for that (an interrupt stops the wait, not the
     * closing).
     */
    public final void close() {
        if (closed) {
            return;
        }
        Thread me = Thread.currentThread();
        if (!closing) {
            // Raised before taking the guard: a thread that finds the guard taken by this close
            // then learns that the socket is closing, not that it is busy.
            closingThread = me.getName();
            closing = true;
        }
        if (user.compareAndSet(null, me)) {
            try {
                closeHeld();
            } finally {
                user.set(null);
            }
            return;
        }
        mailbox.wake();
        closeIfFree();
        try {
            closedLatch.await();
        } catch (InterruptedException e) {
            me.interrupt();
        }
    }
}
