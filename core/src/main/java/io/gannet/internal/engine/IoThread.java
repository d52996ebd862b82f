package io.gannet.internal.engine;

import io.gannet.internal.Command;
import io.gannet.internal.Mailbox;
import io.gannet.internal.QueuedMailbox;
import io.gannet.internal.zmtp.LargeBodyPool;
import io.gannet.internal.zmtp.SmallBodyPool;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread: a NIO {@link Selector} loop that runs the listeners, connecters, sessions
 * and engines given to it, its commands and its timers.
 *
 * <p><b>Duty cycle:</b> run queued commands, run expired timers, then select (blocking only
 * when no command is queued) and serve the ready channels. The thread never blocks anywhere
 * else.
 *
 * <p><b>Failures:</b> peer-caused ones (I/O errors, protocol errors) are handled inside the
 * handlers, quietly. An exception that escapes a handler, a pipe command or a timer is a bug
 * of ours: it is logged at ERROR with its stack, the handler (or the session the command was
 * for) closes its connection and reports it to the socket's monitor, and the loop goes on
 * serving the other connections. An {@link Error} is then also handed to the thread's
 * uncaught-exception handler (see {@link #surfaceError}), never swallowed.
 *
 * <p><b>Wake-ups:</b> other threads {@link #post} commands into an MPSC queue; a poster calls
 * {@link Selector#wakeup()} only if it wins the {@link #wakeupNeeded} flag, which the loop
 * raises just before it blocks in {@code select} and lowers after. A busy loop therefore
 * pays no wake-up syscall per command.
 *
 * <p><b>Owning thread:</b> everything but {@link #post}, {@link #postCold} and
 * {@link #stop} is called on this thread only.
 */
final class IoThread extends QueuedMailbox implements IoServices, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(IoThread.class);

    private final AtomicBoolean wakeupNeeded = new AtomicBoolean();
    private final Selector selector;
    private final Thread thread;
    private final TimerHeap timers = new TimerHeap();
    /** Buffers for the small frame bodies that this thread's decoders copy (one consumer: us). */
    private final SmallBodyPool smallBodies = new SmallBodyPool();
    /** Direct buffers for the large split bodies of this thread's decoders; freed at shutdown. */
    private final LargeBodyPool largeBodies = new LargeBodyPool();
    /** The read buffer and output batches lent to engines while data is in flight; freed at shutdown. */
    private final IoBuffers buffers;
    private final Consumer<SelectionKey> onKey = this::serve;
    private volatile boolean stopping;

    IoThread(String name, ByteBufAllocator alloc) throws IOException {
        super(256);
        this.buffers = new IoBuffers(alloc);
        this.selector = Selector.open();
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    // ---- mailbox (any thread) -------------------------------------------------------------

    /** Wakes the selector only if the loop is (about to be) blocked in it and no other poster did. */
    @Override
    protected void wakeOwner() {
        if (wakeupNeeded.get() && wakeupNeeded.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    /** Runs {@code task} on this thread; false when the thread has stopped. */
    boolean execute(Runnable task) {
        return postCold(new Command.Run(task));
    }

    /** Asks the loop to end; called once every endpoint is gone. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    void join() throws InterruptedException {
        thread.join();
    }

    boolean inThisThread() {
        return Thread.currentThread() == thread;
    }

    // ---- services for handlers (this thread) ---------------------------------------------

    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    /**
     * Makes the selector forget cancelled keys now, so that the channels closed since the
     * last select really close (a listening port is free again when unbind returns). Serves
     * whatever is ready as a side effect; call only from the command loop, not a handler.
     */
    void flushCancelledKeys() {
        try {
            selector.selectNow(onKey);
        } catch (IOException e) {
            LOG.debug("selectNow failed on {}", thread.getName(), e);
        }
    }

    @Override
    public void schedule(IoTimer timer, long delayMs) {
        timers.schedule(timer, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMs)));
    }

    /** Schedules (or moves) {@code timer} to fire at {@code deadlineNanos} ({@link System#nanoTime()}). */
    void scheduleAt(IoTimer timer, long deadlineNanos) {
        timers.schedule(timer, deadlineNanos);
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
    public IoBuffers buffers() {
        return buffers;
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
    public long nanoTime() {
        return System.nanoTime();
    }

    // ---- the loop ---------------------------------------------------------------------------

    @Override
    public void run() {
        try {
            while (!stopping) {
                runCommands();
                long timeoutMs = runTimers();
                if (stopping) {
                    break;
                }
                wakeupNeeded.set(true);
                if (!isEmpty()) {
                    wakeupNeeded.set(false);
                    selector.selectNow(onKey);
                } else {
                    selector.select(onKey, timeoutMs);
                    wakeupNeeded.set(false);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("I/O thread {} failed; its connections are closed", thread.getName(), e);
        } finally {
            shutdown();
        }
    }

    private void runCommands() {
        Command c;
        int budget = 4096;
        while (budget-- > 0 && (c = poll()) != null) {
            dispatch(c);
        }
    }

    private void dispatch(Command c) {
        try {
            if (c instanceof Command.ForPipe) {
                ((Command.ForPipe) c).end().dispatch(c);
            } else if (c instanceof Command.Run) {
                ((Command.Run) c).task().run();
            } else if (c instanceof Command.Attach) {
                // Sessions create their pipes themselves; nothing attaches to an I/O thread.
                ((Command.Attach) c).end().abandon();
            }
        } catch (RuntimeException | Error e) {
            LOG.error("bug: command {} failed on I/O thread {}; closing what it was for", c, thread.getName(), e);
            if (c instanceof Command.ForPipe) {
                try {
                    ((Command.ForPipe) c).end().handlerFailed(e);
                } catch (RuntimeException | Error again) {
                    LOG.error("bug: closing after command {} failed too", c, again);
                }
            }
            surfaceError(e);
        }
    }

    /** Runs expired timers; returns how long select may block (0 = forever). */
    private long runTimers() {
        for (;;) {
            IoTimer t = timers.peek();
            if (t == null) {
                return 0;
            }
            long left = t.deadline - System.nanoTime();
            if (left > 0) {
                return Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
            }
            timers.cancel(t);
            try {
                t.action.expired(t);
            } catch (RuntimeException | Error e) {
                // A timer knows no connection to close: its owner carries on without this expiry.
                LOG.error("bug: timer {} failed on I/O thread {}", t.action, thread.getName(), e);
                surfaceError(e);
            }
        }
    }

    private void serve(SelectionKey key) {
        IoHandler h = (IoHandler) key.attachment();
        try {
            if (key.isValid()) {
                h.ready(key.readyOps());
            }
        } catch (RuntimeException | Error e) {
            // Peer-caused trouble (I/O errors, protocol errors) is handled inside the handler;
            // what escapes it is a bug of ours.
            LOG.error("bug: {} failed on I/O thread {}; closing it", h, thread.getName(), e);
            try {
                h.failed(e);
            } catch (RuntimeException | Error again) {
                LOG.error("bug: {} failed while closing", h, again);
            }
            surfaceError(e);
        }
    }

    /**
     * Hands an {@link Error} (out of memory, stack overflow, a failed assertion) to this
     * thread's uncaught-exception handler, where it would have gone had it ended the thread,
     * after the connection it hit was closed. The loop carries on: ending it would strand
     * every other connection of this thread and leave {@code Context.close()} waiting for
     * them. An application that wants a process to stop on such errors installs a default
     * uncaught-exception handler that stops it.
     */
    private void surfaceError(Throwable e) {
        if (!(e instanceof Error)) {
            return;
        }
        try {
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        } catch (RuntimeException | Error again) {
            LOG.error("the uncaught-exception handler of {} failed", thread.getName(), again);
        }
    }

    /**
     * The loop ended: refuse commands, let go of pipes still in the queue, close every
     * channel, then free the idle large bodies and lent buffers (direct memory; bodies still
     * in pipes free themselves when released).
     */
    private void shutdown() {
        close();
        Command c;
        while ((c = poll()) != null) {
            if (c instanceof Command.Attach) {
                ((Command.Attach) c).end().abandon();
            }
        }
        // Normally nothing is left (the pool waits for every endpoint); after a crash, let
        // each handler release its buffers and pipes before its channel goes.
        for (SelectionKey key : new ArrayList<>(selector.keys())) {
            Object h = key.attachment();
            try {
                if (h instanceof IoHandler) {
                    ((IoHandler) h).failed(new ClosedChannelException());
                }
                key.channel().close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing a channel at shutdown", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector of {}", thread.getName(), e);
        }
        largeBodies.close();
        buffers.close();
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
