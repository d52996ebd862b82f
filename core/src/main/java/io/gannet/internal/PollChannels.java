package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The plain {@link SelectableChannel}s of one {@link io.gannet.Poller}, in a {@link Selector}
 * of its own, opened with the first channel and closed with the poller.
 *
 * <p>Events are the poller's: POLLIN is {@code OP_READ} (or {@code OP_ACCEPT} for a server
 * channel), POLLOUT is {@code OP_WRITE} (or {@code OP_CONNECT} while a {@link SocketChannel}
 * is connecting: poll(2) reports a finished connect as writable). A channel closed while
 * registered is reported as POLLERR. Each key carries its poller slot as attachment.
 *
 * <p>Owned by the polling thread; other threads only call {@link Selector#wakeup()} on
 * {@link #selector()} (through the sockets' mailboxes).
 */
public final class PollChannels implements AutoCloseable {
    private static final int POLLIN = 1;
    private static final int POLLOUT = 2;
    private static final int POLLERR = 4;

    private final Selector selector;
    private int count;
    /** Where {@link #collect} writes readiness, by slot; set for the duration of one select. */
    private int[] ready;
    private int[] wanted;
    private int found;
    private final Consumer<SelectionKey> collect = this::collect;

    public PollChannels() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the poller's channels", e);
        }
    }

    /** The selector the polling thread waits in; sockets' mailboxes wake it. */
    public Selector selector() {
        return selector;
    }

    /** How many channels are registered. */
    public int size() {
        return count;
    }

    /** Registers {@code channel} for the poller's {@code slot}; its events are set at each poll. */
    public SelectionKey add(SelectableChannel channel, int slot) {
        try {
            SelectionKey key = channel.register(selector, 0, slot);
            count++;
            return key;
        } catch (IllegalBlockingModeException e) {
            throw new GannetException(ErrorCode.EINVAL, "a channel must be non-blocking to be polled "
                    + "(configureBlocking(false)): " + channel);
        } catch (ClosedChannelException e) {
            throw new GannetException(ErrorCode.EINVAL, "the channel is closed: " + channel);
        } catch (CancelledKeyException e) {
            // Unregistered earlier and not yet flushed from the selector: flush, then again.
            selectNowQuietly();
            return add(channel, slot);
        }
    }

    /**
     * Removes a channel's key and flushes it from the selector at once, so the channel can be
     * made blocking or registered elsewhere right after.
     */
    public void remove(SelectionKey key) {
        key.cancel();
        count--;
        selectNowQuietly();
    }

    /**
     * Sets each key's interest from the events wanted and clears its readiness; a key whose
     * channel was closed is POLLERR at once. Returns how many slots that made ready.
     */
    public int prepare(SelectionKey[] keys, int[] events, int[] readyOut, int limit) {
        int n = 0;
        for (int i = 0; i < limit; i++) {
            SelectionKey k = keys[i];
            if (k == null) {
                continue;
            }
            if (!k.isValid()) {
                readyOut[i] = POLLERR;
                n++;
                continue;
            }
            readyOut[i] = 0;
            int ops = interest(k.channel(), events[i]);
            if (k.interestOps() != ops) {
                k.interestOps(ops);
            }
        }
        return n;
    }

    /**
     * Selects, waiting up to {@code timeoutMs} (0: no limit; negative: not at all), and ORs the
     * events found into {@code readyOut}. Returns how many slots became ready. An interrupt or
     * a {@link Selector#wakeup()} ends the wait early.
     */
    public int select(long timeoutMs, int[] events, int[] readyOut) {
        ready = readyOut;
        wanted = events;
        found = 0;
        try {
            if (timeoutMs < 0) {
                selector.selectNow(collect);
            } else {
                selector.select(collect, timeoutMs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the poller's selector failed", e);
        } finally {
            ready = null;
            wanted = null;
        }
        return found;
    }

    private void collect(SelectionKey k) {
        int slot = (Integer) k.attachment();
        int ops = k.readyOps();
        int r = 0;
        if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            r |= POLLIN;
        }
        if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            r |= POLLOUT;
        }
        r &= wanted[slot];
        if (r != 0 && ready[slot] == 0) {
            found++;
        }
        ready[slot] |= r;
    }

    private static int interest(SelectableChannel ch, int events) {
        int valid = ch.validOps();
        int ops = 0;
        if ((events & POLLIN) != 0) {
            ops |= valid & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        }
        if ((events & POLLOUT) != 0) {
            // OP_CONNECT on a connected channel would report nothing while epoll says
            // "writable" for ever: ask for one or the other, never both.
            boolean connecting = ch instanceof SocketChannel && ((SocketChannel) ch).isConnectionPending();
            ops |= valid & (connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE);
        }
        return ops;
    }

    private void selectNowQuietly() {
        try {
            selector.selectNow(k -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("the poller's selector failed", e);
        }
    }

    /** Closes the selector: every channel is deregistered (and stays open). */
    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the poller's selector", e);
        }
    }
}
