package io.gannet.internal.engine;

/**
 * One timer of an {@link IoThread}: reconnect, handshake timeout, heartbeat, linger. Made
 * once by its owner and rescheduled as often as needed, so timers cost no allocation.
 * Owned by one I/O thread; {@link #deadline} and {@link #heapIndex} are the thread's
 * bookkeeping.
 */
final class IoTimer {
    /** What runs when the timer expires, on the I/O thread. */
    interface Action {
        void expired(IoTimer timer);
    }

    final Action action;
    long deadline;
    /** Position in the owning thread's heap, -1 when not scheduled. */
    int heapIndex = -1;

    IoTimer(Action action) {
        this.action = action;
    }

    boolean isScheduled() {
        return heapIndex >= 0;
    }
}
