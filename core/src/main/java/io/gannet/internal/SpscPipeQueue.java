package io.gannet.internal;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.VarHandle;
import org.jctools.queues.SpscGrowableArrayQueue;

/**
 * The ordinary pipe direction: a JCTools single-producer single-consumer array queue of
 * frames (a frame with MORE is preceded by {@link PipeQueue#MORE}). The queue grows to the
 * largest backlog seen and then stays, so a steady stream allocates nothing.
 *
 * <p>The writer counts whole messages in {@code published}; the reader reads only up to
 * that count, so it never sees half a message, and counts what it consumed in {@code consumed},
 * which the writer compares with the high-water mark. The two sides' counters live on
 * separate cache lines ({@link SpscPipeQueueLayout}).
 */
final class SpscPipeQueue extends SpscPipeQueueLayout.PadAfterReader {
    private static final int INITIAL_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 30;

    private final SpscGrowableArrayQueue<Object> queue =
            new SpscGrowableArrayQueue<>(INITIAL_CAPACITY, MAX_CAPACITY);

    /** Set by the writer when it appends the delimiter; lets the reader leave it out of its counts. */
    private volatile boolean delimited;

    SpscPipeQueue(int hwm) {
        super(hwm);
    }

    @Override
    boolean hasRoom() {
        int limit = hwm;
        if (limit <= 0 || written - consumedSeen < limit) {
            return true;
        }
        consumedSeen = consumed();
        if (written - consumedSeen < limit) {
            return true;
        }
        blockWriter();
        // Re-read both after raising the flag: the reader's periodic check and a growing
        // high-water mark (PipeEnd#inboundHwm) each look at the flag after changing theirs.
        consumedSeen = consumed();
        limit = hwm;
        if (limit <= 0 || written - consumedSeen < limit) {
            unblockWriterSelf();
            return true;
        }
        return false;
    }

    @Override
    void offerFrame(ByteBuf frame, boolean more) {
        if (more) {
            offer(MORE);
        }
        offer(frame);
        if (!more) {
            written++;
        }
    }

    @Override
    void offerDelimiter() {
        delimited = true;
        offer(DELIMITER);
        written++;
    }

    private void offer(Object e) {
        if (!queue.offer(e)) {
            throw new IllegalStateException("pipe queue exceeded " + MAX_CAPACITY + " entries");
        }
    }

    @Override
    boolean publish() {
        if (published() != written) {
            publishTo(written);
        }
        return claimReaderWake();
    }

    @Override
    int read(FrameHolder into) {
        if (!canRead()) {
            return EMPTY;
        }
        Object e = queue.poll();
        if (e == DELIMITER) {
            read++;
            consumedLazily(read);
            return END;
        }
        boolean more = false;
        if (e == MORE) {
            more = true;
            e = queue.poll();
        }
        into.frame = (ByteBuf) e;
        into.more = more;
        midMessage = more;
        if (!more) {
            read++;
            consumedLazily(read);
        }
        return FRAME;
    }

    private boolean messageAvailable() {
        return read < publishedSeen || read < (publishedSeen = published());
    }

    /** Like libzmq's check_read: finding nothing puts the reader to sleep, so a write will wake it. */
    @Override
    boolean canRead() {
        if (midMessage || messageAvailable()) {
            return true;
        }
        sleepReader();
        if (messageAvailable()) {
            // Found data after all. If a writer already claimed the wake-up, one spurious
            // activation follows; protocols treat activating an active pipe as a no-op.
            wakeReaderSelf();
            return true;
        }
        return false;
    }

    @Override
    boolean nextIsDelimiter() {
        return !midMessage && messageAvailable() && queue.peek() == DELIMITER;
    }

    /**
     * Checks for a blocked writer every {@code hwm/2} messages read, never per message. That
     * is enough: a writer blocks only after publishing everything it wrote (see
     * {@link PipeEnd#write}'s callers, which flush before they wait) with a full high-water
     * mark unread, so the reader reads at least {@code hwm} more messages and passes a check
     * after the writer raised its flag. A high-water mark that grows later wakes the writer
     * where it is raised ({@link PipeEnd#inboundHwm}). A reader that drains the pipe pays no
     * fence here: keeping up is the common case, and it already pays one to fall asleep.
     */
    @Override
    boolean writerNeedsWake() {
        int limit = hwm;
        if (limit <= 0 || read - lastCreditCheck < Math.max(1, limit / 2)) {
            return false;
        }
        lastCreditCheck = read;
        // consumed was stored lazily; a full fence orders it before reading the writer's flag.
        VarHandle.fullFence();
        return claimWriterWake();
    }

    @Override
    long queuedMessages() {
        long n = published() - read;
        if (delimited) {
            n--;
        }
        return Math.max(0, n);
    }

    @Override
    void releaseAll() {
        Object e;
        while ((e = queue.poll()) != null) {
            release(e);
        }
    }
}
