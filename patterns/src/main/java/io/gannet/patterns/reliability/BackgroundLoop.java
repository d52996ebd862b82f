package io.gannet.patterns.reliability;

import io.gannet.ContextClosedException;
import io.gannet.GannetInterruptedException;

/**
 * The thread a queue, broker or server runs on: {@link #turn()} again and again until
 * {@link #close()}, which interrupts the wait, joins the thread and lets it close its sockets.
 *
 * <p>Threads: the sockets are created by the constructing thread and used only by the loop
 * thread once started ({@link Thread#start()} is the happens-before edge); if the loop never
 * started, {@link #close()} closes them on the caller's thread.
 */
abstract class BackgroundLoop implements AutoCloseable {
    private final Thread thread;
    private volatile boolean closing;
    private volatile RuntimeException failure;
    private boolean started;
    private boolean closed;

    BackgroundLoop(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** One poll and the handling of whatever it found; returns when there is nothing more to do for now. */
    abstract void turn();

    /** Closes the loop's sockets; runs once, on the loop thread (or on the closer if never started). */
    abstract void closeSockets();

    final synchronized void startLoop() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        started = true;
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                turn();
            }
        } catch (GannetInterruptedException | ContextClosedException e) {
            // close() or the context ended the loop: the normal way out
        } catch (RuntimeException e) {
            if (!closing) {
                failure = e;
            }
        } finally {
            Thread.interrupted();
            closeSockets();
        }
    }

    /** True while the loop thread runs. */
    public final boolean isRunning() {
        return thread.isAlive();
    }

    /** What stopped the loop other than {@link #close()}, or null. */
    public final RuntimeException failure() {
        return failure;
    }

    /** Stops the loop and closes its sockets; waits for the loop thread to end. */
    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
        }
        if (!started) {
            closeSockets();
            return;
        }
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
