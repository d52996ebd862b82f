package io.gannet.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * The one implementation of {@link Mailbox}: a lock-free multi-producer queue, a lock that
 * only cold posts take (so that no resource-carrying command slips in after {@link #close}),
 * and a hook that wakes the owner. Application sockets ({@link SocketMailbox}) unpark a
 * thread or wake a poller's selector; I/O threads wake their selector.
 *
 * <p><b>Threads:</b> any thread posts; only the owner polls and closes.
 */
public abstract class QueuedMailbox implements Mailbox {
    private final MpscUnboundedXaddArrayQueue<Command> queue;
    private final ReentrantLock coldLock = new ReentrantLock();
    /** Written by the owner under {@link #coldLock}; read by cold posters under it, by anyone for {@link #isClosed()}. */
    private volatile boolean closed;

    /** @param chunkSize the queue's chunk size (commands per allocation as it grows) */
    protected QueuedMailbox(int chunkSize) {
        this.queue = new MpscUnboundedXaddArrayQueue<>(chunkSize, 2);
    }

    /** Wakes the owner if it sleeps or is about to; called after every successful post. */
    protected abstract void wakeOwner();

    @Override
    public final void post(Command command) {
        queue.offer(command);
        wakeOwner();
    }

    @Override
    public final boolean postCold(Command command) {
        coldLock.lock();
        try {
            if (closed) {
                return false;
            }
            queue.offer(command);
        } finally {
            coldLock.unlock();
        }
        wakeOwner();
        return true;
    }

    /** Owner: the next command, or null. */
    public final Command poll() {
        return queue.poll();
    }

    /** Whether commands are queued. */
    public final boolean isEmpty() {
        return queue.isEmpty();
    }

    /**
     * Owner: refuses further cold posts. Commands already queued stay for the owner to
     * drain (they may carry pipes that must be let go).
     */
    public final void close() {
        coldLock.lock();
        try {
            closed = true;
        } finally {
            coldLock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    public final boolean isClosed() {
        return closed;
    }
}
