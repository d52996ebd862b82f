package io.gannet.internal;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipe direction of a socket with {@code CONFLATE}: a single slot holding only the
 * newest message; a new one replaces (and releases) the old. No high-water mark applies.
 * Multipart messages are not supported with CONFLATE (as in libzmq): frames are kept one
 * by one, so only the last frame of a message survives.
 */
final class ConflatePipeQueue extends PipeQueue {
    private final AtomicReference<ByteBuf> slot = new AtomicReference<>();
    private volatile boolean delimited;

    ConflatePipeQueue() {
        super(0);
    }

    @Override
    boolean hasRoom() {
        return true;
    }

    @Override
    void offerFrame(ByteBuf frame, boolean more) {
        ByteBuf old = slot.getAndSet(frame);
        if (old != null) {
            old.release();
        }
    }

    @Override
    void offerDelimiter() {
        delimited = true;
    }

    @Override
    boolean publish() {
        return claimReaderWake();
    }

    @Override
    int read(FrameHolder into) {
        ByteBuf frame = slot.getAndSet(null);
        if (frame == null) {
            if (delimited) {
                return END;
            }
            sleepReader();
            frame = slot.getAndSet(null);
            if (frame == null) {
                if (delimited && wakeReaderSelf()) {
                    return END;
                }
                return EMPTY;
            }
            wakeReaderSelf();
        }
        into.frame = frame;
        into.more = false;
        return FRAME;
    }

    @Override
    boolean canRead() {
        if (slot.get() != null || delimited) {
            return true;
        }
        sleepReader();
        if (slot.get() != null || delimited) {
            wakeReaderSelf();
            return true;
        }
        return false;
    }

    @Override
    boolean nextIsDelimiter() {
        return delimited && slot.get() == null;
    }

    @Override
    boolean writerNeedsWake() {
        return false;
    }

    @Override
    long queuedMessages() {
        return slot.get() == null ? 0 : 1;
    }

    @Override
    void releaseAll() {
        ByteBuf frame = slot.getAndSet(null);
        if (frame != null) {
            frame.release();
        }
    }
}
