package io.gannet.internal.engine;

import io.gannet.internal.zmtp.LargeBodyPool;
import io.gannet.internal.zmtp.SmallBodyPool;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;

/**
 * The I/O-thread services of an engine under test: the same buffer lenders and timer heap
 * as an {@link IoThread}, but a clock that moves only when the test says so, and timers
 * that run only in {@link #advance}. No thread, no selector.
 */
final class ManualIo implements IoServices, AutoCloseable {
    private final IoBuffers buffers;
    private final SmallBodyPool smallBodies = new SmallBodyPool();
    private final LargeBodyPool largeBodies = new LargeBodyPool();
    private final TimerHeap timers = new TimerHeap();
    private long now = 1_000_000_000L;

    ManualIo(ByteBufAllocator alloc) {
        this.buffers = new IoBuffers(alloc);
    }

    @Override
    public IoBuffers buffers() {
        return buffers;
    }

    @Override
    public SmallBodyPool smallBodies() {
        return smallBodies;
    }

    @Override
    public LargeBodyPool largeBodies() {
        return largeBodies;
    }

    @Override
    public void schedule(IoTimer timer, long delayMs) {
        timers.schedule(timer, now + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMs)));
    }

    @Override
    public void cancel(IoTimer timer) {
        timers.cancel(timer);
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves the clock on by {@code ms}, running every timer that falls due on the way, in order. */
    void advance(long ms) {
        long end = now + TimeUnit.MILLISECONDS.toNanos(ms);
        for (IoTimer t = timers.peek(); t != null && t.deadline - end <= 0; t = timers.peek()) {
            now = Math.max(now, t.deadline);
            timers.cancel(t);
            t.action.expired(t);
        }
        now = end;
    }

    /** Whether {@code timer} is waiting to fire. */
    boolean scheduled(IoTimer timer) {
        return timer.isScheduled();
    }

    @Override
    public void close() {
        largeBodies.close();
        buffers.close();
    }
}
