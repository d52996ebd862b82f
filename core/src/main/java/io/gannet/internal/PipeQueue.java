package io.gannet.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One direction of a pipe: frames from exactly one writer thread to exactly one reader
 * thread, with a high-water mark in messages and the sleep/wake protocol that lets either
 * side sleep without a wake-up per message (libzmq's ypipe idea).
 *
 * <p><b>Reader asleep.</b> A reader that finds no whole message sets {@link #readerAsleep}
 * and looks once more; a writer publishing a message checks the flag and, if it wins the
 * flag back, posts one activation. Both sides pair a volatile store with a volatile load, so
 * one of them always sees the other (Dekker).
 *
 * <p><b>Writer blocked.</b> Symmetric: a writer at the high-water mark sets
 * {@link #writerBlocked}; the reader checks it every {@code hwm/2} messages read and posts
 * one write activation, and so does whoever raises the high-water mark later.
 *
 * <p>Fields are commented with the thread that writes them.
 */
public abstract class PipeQueue {
    /** Marks that the frame after it has the MORE flag. */
    static final Object MORE = new Object() {
        @Override
        public String toString() {
            return "MORE";
        }
    };
    /** Marks the end of the stream: the writer closed. Counts as one message. */
    static final Object DELIMITER = new Object() {
        @Override
        public String toString() {
            return "DELIMITER";
        }
    };

    /** Result of {@link #read}: a frame was read. */
    static final int FRAME = 0;
    /** Result of {@link #read}: nothing to read; the reader is now asleep. */
    static final int EMPTY = 1;
    /** Result of {@link #read}: the delimiter was read; the writer is gone. */
    static final int END = 2;

    /** High-water mark in messages, 0 for none. Written by whichever side attaches last (volatile). */
    protected volatile int hwm;
    /** Set by the reader when it goes to sleep; cleared by whoever wins it back. */
    protected volatile boolean readerAsleep;
    /** Set by the writer when it stops at the high-water mark; cleared by whoever wins it back. */
    protected volatile boolean writerBlocked;

    private static final VarHandle READER_ASLEEP;
    private static final VarHandle WRITER_BLOCKED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            READER_ASLEEP = l.findVarHandle(PipeQueue.class, "readerAsleep", boolean.class);
            WRITER_BLOCKED = l.findVarHandle(PipeQueue.class, "writerBlocked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    protected PipeQueue(int hwm) {
        this.hwm = hwm;
    }

    /** Sets the high-water mark (inproc learns the binder's half only at bind). */
    final void hwm(int value) {
        this.hwm = value;
    }

    // ---- writer side ------------------------------------------------------------------

    /** Writer: whether a new message may start now; on false the writer is marked blocked. */
    abstract boolean hasRoom();

    /** Writer: appends one frame of the current message (room was checked at its start). */
    abstract void offerFrame(ByteBuf frame, boolean more);

    /** Writer: appends the delimiter; nothing may follow it. */
    abstract void offerDelimiter();

    /**
     * Writer: makes every completed message visible to the reader. Returns true when the
     * reader was asleep and this call won the right (and duty) to wake it.
     */
    abstract boolean publish();

    // ---- reader side ------------------------------------------------------------------

    /** Reader: reads one frame into the holder; returns {@link #FRAME}, {@link #EMPTY} or {@link #END}. */
    abstract int read(FrameHolder into);

    /** Reader: whether a frame (or the delimiter) can be read now; if not, the reader is asleep and will be activated. */
    abstract boolean canRead();

    /** Reader: whether the next item is the delimiter (nothing else left to read). */
    abstract boolean nextIsDelimiter();

    /**
     * Reader: whether it must wake a writer blocked at the high-water mark. Called after
     * each whole message read; cheap unless a check is due.
     */
    abstract boolean writerNeedsWake();

    /**
     * Reader: how many whole messages are published and not yet read, the end mark not
     * included. Exact on the reader's thread once the writer has stopped; an estimate
     * while it writes.
     */
    abstract long queuedMessages();

    /** Either side, when both have let go: releases every frame still queued. */
    abstract void releaseAll();

    // ---- the two halves of the sleep protocol ----------------------------------------

    /** Reader: declares it will sleep. The caller must look for data once more afterwards. */
    protected final void sleepReader() {
        readerAsleep = true;
    }

    /** Reader found data after all: takes the flag back (false if a writer already took it). */
    protected final boolean wakeReaderSelf() {
        return READER_ASLEEP.compareAndSet(this, true, false);
    }

    /** Writer: wins the sleeping reader's flag, if it is set. */
    protected final boolean claimReaderWake() {
        return readerAsleep && READER_ASLEEP.compareAndSet(this, true, false);
    }

    protected final void blockWriter() {
        writerBlocked = true;
    }

    protected final boolean unblockWriterSelf() {
        return WRITER_BLOCKED.compareAndSet(this, true, false);
    }

    /** Reader, or whoever raised the high-water mark: wins the blocked writer's flag, if it is set. */
    protected final boolean claimWriterWake() {
        return writerBlocked && WRITER_BLOCKED.compareAndSet(this, true, false);
    }

    static void release(Object element) {
        if (element instanceof ByteBuf) {
            ReferenceCountUtil.safeRelease(element);
        }
    }

    /** A frame and its MORE flag, reused by the reader so reading allocates nothing. */
    static final class FrameHolder {
        ByteBuf frame;
        boolean more;
    }
}
