package io.gannet.internal.engine;

import io.gannet.internal.Command;
import io.gannet.internal.Mailbox;
import io.gannet.internal.zmtp.LargeBodyPool;
import io.gannet.internal.zmtp.SmallBodyPool;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The I/O-thread services of an engine under test: the same buffer lenders and timer heap
 * as an {@link IoThread}, but a clock that moves only when the test says so, and timers
 * that run only in {@link #advance}. No thread, no selector.
 */
final class ManualIo implements IoServices, Mailbox, AutoCloseable {
    private final IoBuffers buffers;
    private final SmallBodyPool smallBodies = new SmallBodyPool();
    private final LargeBodyPool largeBodies = new LargeBodyPool();
    private final TimerHeap timers = new TimerHeap();
    private final ArrayDeque<Command> posted = new ArrayDeque<>();
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
    public Mailbox mailbox() {
        return this;
    }

    @Override
    public void post(Command command) {
        posted.add(command);
    }

    @Override
    public boolean postCold(Command command) {
        posted.add(command);
        return true;
    }

    /** Runs the commands posted to this thread's mailbox, as the I/O thread's loop would. */
    void runPosted() {
        for (Command c; (c = posted.poll()) != null; ) {
            if (c instanceof Command.ForPipe forPipe) {
                forPipe.end().dispatch(c);
            } else if (c instanceof Command.Run run) {
                run.task().run();
            } else if (c instanceof Command.Attach attach) {
                attach.end().abandon();
            }
        }
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
