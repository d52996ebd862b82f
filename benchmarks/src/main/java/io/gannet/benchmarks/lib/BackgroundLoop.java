package io.gannet.benchmarks.lib;

/**
 * A peer that runs beside the measured thread (a sender, an echo server, a subscriber) until
 * the benchmark's context is closed.
 *
 * <p>The body owns its socket: it creates, uses and closes it on this loop's thread. Teardown
 * sets {@link #stopping()}, closes the context, which ends the body's blocked call with the
 * library's exception, and then {@link #join()}s. An exception while not stopping is a real
 * failure, kept and rethrown by {@code join} so a broken peer fails the benchmark instead of
 * hanging it silently.
 */
public final class BackgroundLoop {
    /** The work done on the loop thread. */
    @FunctionalInterface
    public interface Body {
        /** Runs until {@code loop.stopping()} or until the context closes under it. */
        void run(BackgroundLoop loop) throws Exception;
    }

    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private BackgroundLoop(String name, Body body) {
        this.thread = new Thread(() -> {
            try {
                body.run(this);
            } catch (Throwable t) {
                if (!stopping) {
                    failure = t;
                }
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts {@code body} on a new daemon thread called {@code name}. */
    public static BackgroundLoop start(String name, Body body) {
        BackgroundLoop loop = new BackgroundLoop(name, body);
        loop.thread.start();
        return loop;
    }

    /** Whether teardown has begun; bodies check it between messages. */
    public boolean stopping() {
        return stopping;
    }

    /** Marks the loop as stopping; exceptions from now on are expected. */
    public void stop() {
        stopping = true;
    }

    /** A failure seen while running, or null. */
    public Throwable failure() {
        return failure;
    }

    /** Waits for the thread to end (up to 10 s) and rethrows a failure it had. */
    public void join() {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not stop within 10 s");
        }
        Throwable t = failure;
        if (t != null) {
            throw new IllegalStateException(thread.getName() + " failed", t);
        }
    }
}
