package io.gannet.internal;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.SpscGrowableArrayQueue;

/**
 * The ordinary pipe direction: a JCTools single-producer single-consumer array queue of
 * frames (a frame with MORE is preceded by {@link PipeQueue#MORE}). The queue grows to the
 * largest backlog seen and then stays, so a steady stream allocates nothing.
 *
 * <p>The writer counts whole messages in {@link #published}; the reader reads only up to
 * that count, so it never sees half a message, and counts what it consumed in {@link #consumed},
 * which the writer compares with the high-water mark.
 */
final class SpscPipeQueue extends PipeQueue {
    private static final int INITIAL_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 30;

    private final SpscGrowableArrayQueue<Object> queue =
            new SpscGrowableArrayQueue<>(INITIAL_CAPACITY, MAX_CAPACITY);

    /** Whole messages made visible; written by the writer. */
    private final AtomicLong published = new AtomicLong();
    /** Whole messages read; written by the reader. */
    private final AtomicLong consumed = new AtomicLong();

    // writer-only
    private long written;
    private long consumedSeen;
    // reader-only
    private long read;
    private long publishedSeen;
    private boolean midMessage;
    private long lastCreditCheck;

    SpscPipeQueue(int hwm) {
        super(hwm);
    }

    @Override
    boolean hasRoom() {
        int limit = hwm;
        if (limit <= 0 || written - consumedSeen < limit) {
            return true;
        }
        consumedSeen = consumed.get();
        if (written - consumedSeen < limit) {
            return true;
        }
        blockWriter();
        consumedSeen = consumed.get();
        if (written - consumedSeen < limit) {
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
        if (published.get() != written) {
            published.set(written);
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
            consumed.lazySet(read);
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
            consumed.lazySet(read);
        }
        return FRAME;
    }

    private boolean messageAvailable() {
        return read < publishedSeen || read < (publishedSeen = published.get());
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

    @Override
    boolean writerNeedsWake() {
        int limit = hwm;
        if (limit <= 0) {
            return false;
        }
        long batch = Math.max(1, limit / 2);
        if (read - lastCreditCheck < batch && messageAvailable()) {
            return false;
        }
        lastCreditCheck = read;
        // consumed was stored lazily; a full fence orders it before reading the writer's flag.
        java.lang.invoke.VarHandle.fullFence();
        return claimWriterWake();
    }

    @Override
    void releaseAll() {
        Object e;
        while ((e = queue.poll()) != null) {
            release(e);
        }
    }
}
