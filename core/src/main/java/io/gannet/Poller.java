package io.gannet;

import io.gannet.internal.SocketImpl;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits on many sockets at once for messages to receive ({@link #POLLIN}) or room to send
 * ({@link #POLLOUT}): libzmq's {@code zmq_poll} / {@code zmq_poller}.
 *
 * <pre>{@code
 * try (Poller poller = new Poller()) {
 *     int a = poller.register(pullA, Poller.POLLIN);
 *     int b = poller.register(pullB, Poller.POLLIN);
 *     while (poller.poll(Duration.ofSeconds(1)) >= 0) {
 *         if (poller.isReadable(a)) {
 *             try (Msg m = pullA.recv()) { handle(m); }     // a received Msg is the caller's to close
 *         }
 *         if (poller.isReadable(b)) {
 *             try (Msg m = pullB.recv()) { handle(m); }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>How it waits.</b> Gannet sockets have no file descriptor: while a poll waits, the
 * polling thread becomes the waiter of every registered socket's mailbox and parks; any
 * command reaching any of those sockets (a message arrived, room freed up, a peer came or
 * went, the context closed) unparks it, and it looks again. Virtual threads unmount while
 * they wait. Plain {@code java.nio} channels cannot be polled here (they have their own
 * {@link java.nio.channels.Selector}); only Gannet sockets can.
 *
 * <p><b>Threads.</b> A poller belongs to one thread at a time, like a socket. While
 * {@link #poll} runs it holds each registered socket as if it were inside a socket call, so
 * another thread using one of them at that moment gets {@code EBUSY}. Between polls the
 * sockets are free for the polling thread to send and receive on.
 *
 * <p><b>Ends.</b> When the context of a registered socket closes, a waiting poll throws
 * {@link ContextClosedException}; an interrupt throws {@link GannetInterruptedException}
 * with the thread's interrupt status set again; a registered socket that was closed makes
 * {@code poll} throw {@link GannetException} {@code ENOTSOCK}.
 *
 * <p>Polling allocates nothing once the sockets are registered.
 */
public final class Poller implements AutoCloseable {
    /** Event: a message (its first or next frame) can be received without blocking. */
    public static final int POLLIN = 1;
    /** Event: a message can be sent without blocking. */
    public static final int POLLOUT = 2;

    private SocketImpl[] sockets = new SocketImpl[4];
    private int[] events = new int[4];
    private int[] ready = new int[4];
    /** One past the highest used slot; slots below it may be free (null) after unregister. */
    private int limit;
    private boolean closed;

    /** An empty poller. */
    public Poller() {
    }

    /**
     * Adds {@code socket} with the events to wait for ({@link #POLLIN}, {@link #POLLOUT} or
     * both, or 0 to keep it registered without waiting on it), or changes the events of a
     * socket registered already. Returns the socket's index for {@link #isReadable(int)} and
     * friends; it stays the same until the socket is unregistered.
     */
    public int register(Socket socket, int events) {
        checkOpen();
        SocketImpl s = impl(socket);
        if ((events & ~(POLLIN | POLLOUT)) != 0) {
            throw new GannetException(ErrorCode.EINVAL, "events must be a combination of POLLIN and POLLOUT, not "
                    + events);
        }
        int free = -1;
        for (int i = 0; i < limit; i++) {
            if (sockets[i] == s) {
                this.events[i] = events;
                return i;
            }
            if (sockets[i] == null && free < 0) {
                free = i;
            }
        }
        if (free < 0) {
            if (limit == sockets.length) {
                grow();
            }
            free = limit++;
        }
        sockets[free] = s;
        this.events[free] = events;
        ready[free] = 0;
        return free;
    }

    /** Removes {@code socket}; returns false if it was not registered. Its index may be reused. */
    public boolean unregister(Socket socket) {
        checkOpen();
        for (int i = 0; i < limit; i++) {
            if (sockets[i] == socket) {
                sockets[i] = null;
                events[i] = 0;
                ready[i] = 0;
                while (limit > 0 && sockets[limit - 1] == null) {
                    limit--;
                }
                return true;
            }
        }
        return false;
    }

    /** The number of registered sockets. */
    public int size() {
        int n = 0;
        for (int i = 0; i < limit; i++) {
            if (sockets[i] != null) {
                n++;
            }
        }
        return n;
    }

    /** The socket registered at {@code index}, or null if that slot is free. */
    public Socket socket(int index) {
        return index >= 0 && index < limit ? sockets[index] : null;
    }

    /**
     * Waits until at least one registered socket is ready for one of its events, or the
     * timeout passes. Returns how many sockets are ready (0 on timeout); their events are then
     * read with {@link #isReadable(int)}, {@link #isWritable(int)} and {@link #readyEvents(int)}.
     *
     * @param timeoutMs milliseconds to wait; 0 only looks, -1 waits without limit
     */
    public int poll(long timeoutMs) {
        if (timeoutMs < -1) {
            throw new GannetException(ErrorCode.EINVAL, "timeout must be -1 (no limit) or more, not " + timeoutMs);
        }
        return pollNanos(timeoutMs < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }

    /** As {@link #poll(long)}, waiting at most {@code timeout}; null waits without limit. */
    public int poll(Duration timeout) {
        if (timeout == null) {
            return pollNanos(-1);
        }
        long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        return pollNanos(nanos);
    }

    /** Whether the socket at {@code index} was found ready to receive by the last poll. */
    public boolean isReadable(int index) {
        return (readyEvents(index) & POLLIN) != 0;
    }

    /** Whether the socket at {@code index} was found ready to send by the last poll. */
    public boolean isWritable(int index) {
        return (readyEvents(index) & POLLOUT) != 0;
    }

    /** The events (of those asked for) found ready at {@code index} by the last poll. */
    public int readyEvents(int index) {
        return index >= 0 && index < limit ? ready[index] : 0;
    }

    /** Forgets every socket (the sockets stay open). Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < limit; i++) {
            sockets[i] = null;
            ready[i] = 0;
        }
        limit = 0;
    }

    // ---- the wait -------------------------------------------------------------------------

    private int pollNanos(long timeoutNanos) {
        checkOpen();
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        int entered = 0;
        try {
            for (; entered < limit; entered++) {
                SocketImpl s = sockets[entered];
                if (s != null) {
                    s.enterForPoll();
                }
            }
            return waitReady(timeoutNanos == 0, deadline);
        } finally {
            for (int i = 0; i < entered; i++) {
                SocketImpl s = sockets[i];
                if (s != null) {
                    s.mailbox().waiter(null);
                    s.exitForPoll();
                }
            }
        }
    }

    private int waitReady(boolean once, long deadline) {
        Thread me = Thread.currentThread();
        for (;;) {
            int n = scan();
            if (n > 0 || once) {
                return n;
            }
            // Become every mailbox's waiter, then look once more: a command posted before we
            // were the waiter is in a queue now, one posted after unparks us.
            boolean pending = false;
            for (int i = 0; i < limit; i++) {
                SocketImpl s = sockets[i];
                if (s != null) {
                    s.mailbox().waiter(me);
                }
            }
            for (int i = 0; i < limit && !pending; i++) {
                SocketImpl s = sockets[i];
                pending = s != null && (!s.mailbox().isEmpty() || s.isTerminating());
            }
            if (!pending) {
                if (Thread.interrupted()) {
                    throw interrupted();
                }
                if (deadline == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        clearWaiters();
                        return 0;
                    }
                    LockSupport.parkNanos(this, left);
                }
                if (Thread.interrupted()) {
                    throw interrupted();
                }
            }
            clearWaiters();
            if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) {
                // Last look: anything that arrived while we slept still counts.
                return scan();
            }
        }
    }

    /** Asks every socket for its readiness (running its queued commands); returns how many are ready. */
    private int scan() {
        int n = 0;
        for (int i = 0; i < limit; i++) {
            SocketImpl s = sockets[i];
            int r = 0;
            if (s != null) {
                // Always ask, even with no events wanted: it runs the socket's commands, so a
                // closing context is noticed.
                r = s.readiness() & events[i];
            }
            ready[i] = r;
            if (r != 0) {
                n++;
            }
        }
        return n;
    }

    private void clearWaiters() {
        for (int i = 0; i < limit; i++) {
            SocketImpl s = sockets[i];
            if (s != null) {
                s.mailbox().waiter(null);
            }
        }
    }

    private static GannetInterruptedException interrupted() {
        Thread.currentThread().interrupt();
        return new GannetInterruptedException("poll");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void checkOpen() {
        if (closed) {
            throw new GannetException(ErrorCode.EINVAL, "the poller is closed");
        }
    }

    private static SocketImpl impl(Socket socket) {
        if (socket instanceof SocketImpl) {
            return (SocketImpl) socket;
        }
        throw new GannetException(ErrorCode.EINVAL, socket == null ? "socket is null"
                : "only sockets made by a Gannet Context can be polled, not " + socket.getClass().getName());
    }

    private void grow() {
        int n = sockets.length * 2;
        SocketImpl[] s = new SocketImpl[n];
        int[] e = new int[n];
        int[] r = new int[n];
        System.arraycopy(sockets, 0, s, 0, limit);
        System.arraycopy(events, 0, e, 0, limit);
        System.arraycopy(ready, 0, r, 0, limit);
        sockets = s;
        events = e;
        ready = r;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return -1;
        }
    }
}
