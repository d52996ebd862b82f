package io.gannet;

import io.gannet.internal.Backoff;
import io.gannet.internal.PollChannels;
import io.gannet.internal.Pollable;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits on many sockets at once for messages to receive ({@link #POLLIN}) or room to send
 * ({@link #POLLOUT}): libzmq's {@code zmq_poll} / {@code zmq_poller}. Plain {@code java.nio}
 * {@link SelectableChannel}s (a {@code SocketChannel}, a {@code Pipe.SourceChannel}, a
 * {@code DatagramChannel}...) can be polled beside the sockets, as libzmq polls file
 * descriptors.
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
 * they wait. Once a channel is registered the poller owns a {@link java.nio.channels.Selector}
 * (one per poller, not per poll, closed by {@link #close()}): the polling thread then waits in
 * it, and the sockets' mailboxes wake that selector instead of unparking the thread, so one
 * wait covers both, without a helper thread or a busy loop. When a registered socket's
 * context has a spinning {@link WaitStrategy}, the poll first looks again and again (spins,
 * then yields) before it waits as above.
 *
 * <p><b>Channels.</b> A channel must be non-blocking and stays so while registered (Java does
 * not let a registered channel block). POLLIN means {@code OP_READ} (for a
 * {@code ServerSocketChannel}, {@code OP_ACCEPT}); POLLOUT means {@code OP_WRITE} (for a
 * {@code SocketChannel} still connecting, {@code OP_CONNECT}: call {@code finishConnect()}).
 * Java reports a socket error as readiness for the events asked for (the next read or write
 * throws), not separately; {@link #POLLERR} is reported for a channel closed while registered
 * (whether asked for or not, as poll(2) reports POLLNVAL). Closing a channel does not wake a
 * poll already waiting. {@link #unregister(SelectableChannel)} removes a channel from the
 * selector at once, so it can be made blocking again right after.
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
 * <p>Polling sockets allocates nothing once they are registered (with channels, whatever
 * the JDK's selector allocates).
 */
public final class Poller implements AutoCloseable {
    /** Event: a message (its first or next frame) can be received without blocking. */
    public static final int POLLIN = 1;
    /** Event: a message can be sent without blocking. */
    public static final int POLLOUT = 2;
    /**
     * Event: a registered channel was closed. Accepted for sockets too, as libzmq accepts
     * it, but never reported for them: a Gannet socket has no error state to poll.
     */
    public static final int POLLERR = 4;

    private Pollable[] sockets = new Pollable[4];
    /** Slots holding a channel have its selection key here (and no socket). */
    private SelectionKey[] keys = new SelectionKey[4];
    private int[] events = new int[4];
    private int[] ready = new int[4];
    /** One past the highest used slot; slots below it may be free (null) after unregister. */
    private int limit;
    private boolean closed;
    /** The channels' selector; null until the first channel is registered. */
    private PollChannels channels;

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
        Pollable s = impl(socket);
        checkEvents(events);
        for (int i = 0; i < limit; i++) {
            if (sockets[i] == s) {
                this.events[i] = events;
                return i;
            }
        }
        int slot = freeSlot();
        sockets[slot] = s;
        this.events[slot] = events;
        return slot;
    }

    /**
     * Adds a non-blocking {@code channel} with the events to wait for ({@link #POLLIN},
     * {@link #POLLOUT}, {@link #POLLERR}, OR-ed), or changes the events of a channel
     * registered already; returns its index, as for sockets. The first channel opens the
     * poller's selector. A blocking or closed channel fails with {@code EINVAL}.
     */
    public int register(SelectableChannel channel, int events) {
        checkOpen();
        if (channel == null) {
            throw new GannetException(ErrorCode.EINVAL, "channel is null");
        }
        checkEvents(events);
        int existing = indexOf(channel);
        if (existing >= 0) {
            this.events[existing] = events;
            return existing;
        }
        if (channels == null) {
            channels = new PollChannels();
        }
        int slot = freeSlot();
        keys[slot] = channels.add(channel, slot);
        this.events[slot] = events;
        return slot;
    }

    /** Removes {@code socket}; returns false if it was not registered. Its index may be reused. */
    public boolean unregister(Socket socket) {
        checkOpen();
        for (int i = 0; i < limit; i++) {
            if (sockets[i] != null && sockets[i] == socket) {
                sockets[i] = null;
                freeSlot(i);
                return true;
            }
        }
        return false;
    }

    /**
     * Removes {@code channel} (it stays open) and takes it out of the selector at once, so it
     * may be made blocking again; returns false if it was not registered.
     */
    public boolean unregister(SelectableChannel channel) {
        checkOpen();
        int i = indexOf(channel);
        if (i < 0) {
            return false;
        }
        SelectionKey k = keys[i];
        keys[i] = null;
        freeSlot(i);
        channels.remove(k);
        return true;
    }

    /** The number of registered sockets and channels. */
    public int size() {
        int n = 0;
        for (int i = 0; i < limit; i++) {
            if (sockets[i] != null || keys[i] != null) {
                n++;
            }
        }
        return n;
    }

    /** The socket registered at {@code index}, or null if that slot is free or holds a channel. */
    public Socket socket(int index) {
        return index >= 0 && index < limit && sockets[index] != null ? sockets[index].socket() : null;
    }

    /** The channel registered at {@code index}, or null if that slot is free or holds a socket. */
    public SelectableChannel channel(int index) {
        return index >= 0 && index < limit && keys[index] != null ? keys[index].channel() : null;
    }

    /**
     * Waits until at least one registered socket or channel is ready for one of its events, or
     * the timeout passes. Returns how many are ready (0 on timeout); their events are then
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

    /** Whether the socket or channel at {@code index} was found ready to receive (read, accept) by the last poll. */
    public boolean isReadable(int index) {
        return (readyEvents(index) & POLLIN) != 0;
    }

    /** Whether the socket or channel at {@code index} was found ready to send (write, finish a connect) by the last poll. */
    public boolean isWritable(int index) {
        return (readyEvents(index) & POLLOUT) != 0;
    }

    /** The events (of those asked for) found ready at {@code index} by the last poll. */
    public int readyEvents(int index) {
        return index >= 0 && index < limit ? ready[index] : 0;
    }

    /**
     * Forgets every socket and channel (they stay open) and closes the poller's selector, if
     * it has one, which deregisters the channels. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < limit; i++) {
            sockets[i] = null;
            keys[i] = null;
            ready[i] = 0;
        }
        limit = 0;
        if (channels != null) {
            PollChannels c = channels;
            channels = null;
            c.close();
        }
    }

    // ---- the wait -------------------------------------------------------------------------

    private int pollNanos(long timeoutNanos) {
        checkOpen();
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        int entered = 0;
        try {
            for (; entered < limit; entered++) {
                Pollable s = sockets[entered];
                if (s != null) {
                    s.enterForPoll();
                }
            }
            return waitReady(timeoutNanos == 0, deadline);
        } finally {
            for (int i = 0; i < entered; i++) {
                Pollable s = sockets[i];
                if (s != null) {
                    s.mailbox().waiter((Thread) null);
                    s.exitForPoll();
                }
            }
        }
    }

    private int waitReady(boolean once, long deadline) {
        Thread me = Thread.currentThread();
        Backoff backoff = once ? Backoff.NONE : backoff();
        long look = 0;
        for (;;) {
            int n = scan();
            if (n > 0 || once) {
                return n;
            }
            // Busy phase (WaitStrategy.backoff): look again without being anyone's waiter.
            if (backoff.idle(look++)) {
                if (Thread.interrupted()) {
                    throw interrupted();
                }
                if (deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0) {
                    return scan();
                }
                continue;
            }
            look = 0;
            // Become every mailbox's waiter, then look once more: a command posted before we
            // were the waiter is in a queue now, one posted after unparks us (or wakes the
            // selector we wait in, when there are channels).
            boolean inSelector = channels != null && channels.size() > 0;
            boolean pending = false;
            for (int i = 0; i < limit; i++) {
                Pollable s = sockets[i];
                if (s != null) {
                    if (inSelector) {
                        s.mailbox().selectorWaiter(channels.selector());
                    } else {
                        s.mailbox().waiter(me);
                    }
                }
            }
            for (int i = 0; i < limit && !pending; i++) {
                Pollable s = sockets[i];
                pending = s != null && (!s.mailbox().isEmpty() || s.isTerminating());
            }
            if (!pending) {
                if (Thread.interrupted()) {
                    throw interrupted();
                }
                long left = deadline == Long.MAX_VALUE ? -1 : deadline - System.nanoTime();
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    clearWaiters();
                    return 0;
                }
                if (inSelector) {
                    // Select only waits here: the scan that follows asks the channels again.
                    channels.select(left < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)),
                            events, ready);
                } else if (left < 0) {
                    LockSupport.park(this);
                } else {
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

    /**
     * Asks every socket for its readiness (running its queued commands) and every channel
     * (a selectNow); returns how many are ready.
     */
    private int scan() {
        int n = 0;
        if (channels != null && channels.size() > 0) {
            n += channels.prepare(keys, events, ready, limit);
            n += channels.select(-1, events, ready);
        }
        for (int i = 0; i < limit; i++) {
            Pollable s = sockets[i];
            if (s == null) {
                if (keys[i] == null) {
                    ready[i] = 0;
                }
                continue;
            }
            // Always ask, even with no events wanted: it runs the socket's commands, so a
            // closing context is noticed.
            int r = s.readiness() & events[i];
            ready[i] = r;
            if (r != 0) {
                n++;
            }
        }
        return n;
    }

    /** The longest busy phase among the registered sockets' contexts. */
    private Backoff backoff() {
        Backoff b = Backoff.NONE;
        for (int i = 0; i < limit; i++) {
            if (sockets[i] != null) {
                b = b.max(sockets[i].mailbox().backoff());
            }
        }
        return b;
    }

    private void clearWaiters() {
        for (int i = 0; i < limit; i++) {
            Pollable s = sockets[i];
            if (s != null) {
                s.mailbox().waiter((Thread) null);
            }
        }
    }

    private static GannetInterruptedException interrupted() {
        Thread.currentThread().interrupt();
        return new GannetInterruptedException("poll");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static void checkEvents(int events) {
        if ((events & ~(POLLIN | POLLOUT | POLLERR)) != 0) {
            throw new GannetException(ErrorCode.EINVAL, "events must be a combination of POLLIN, POLLOUT and POLLERR, "
                    + "not " + events);
        }
    }

    private int indexOf(SelectableChannel channel) {
        for (int i = 0; i < limit; i++) {
            if (keys[i] != null && keys[i].channel() == channel) {
                return i;
            }
        }
        return -1;
    }

    private int freeSlot() {
        for (int i = 0; i < limit; i++) {
            if (sockets[i] == null && keys[i] == null) {
                ready[i] = 0;
                return i;
            }
        }
        if (limit == sockets.length) {
            grow();
        }
        ready[limit] = 0;
        return limit++;
    }

    private void freeSlot(int i) {
        events[i] = 0;
        ready[i] = 0;
        while (limit > 0 && sockets[limit - 1] == null && keys[limit - 1] == null) {
            limit--;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new GannetException(ErrorCode.EINVAL, "the poller is closed");
        }
    }

    private static Pollable impl(Socket socket) {
        if (socket instanceof Pollable) {
            return (Pollable) socket;
        }
        throw new GannetException(ErrorCode.EINVAL, socket == null ? "socket is null"
                : "only sockets made by a Gannet Context can be polled, not " + socket.getClass().getName());
    }

    private void grow() {
        int n = sockets.length * 2;
        Pollable[] s = new Pollable[n];
        SelectionKey[] k = new SelectionKey[n];
        int[] e = new int[n];
        int[] r = new int[n];
        System.arraycopy(sockets, 0, s, 0, limit);
        System.arraycopy(keys, 0, k, 0, limit);
        System.arraycopy(events, 0, e, 0, limit);
        System.arraycopy(ready, 0, r, 0, limit);
        sockets = s;
        keys = k;
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
