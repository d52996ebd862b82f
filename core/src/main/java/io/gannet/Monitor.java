package io.gannet;

import java.time.Duration;

/**
 * Receives a socket's {@link MonitorEvent}s, made by {@link Socket#monitor(java.util.Set)}.
 * Thread-safe: events arrive from I/O threads and may be read from any thread.
 * Closing it stops the reporting (a final {@link SocketEvent#MONITOR_STOPPED} is queued).
 */
public interface Monitor extends AutoCloseable {
    /** The next event, waiting up to {@code timeout}; null if none came. */
    MonitorEvent next(Duration timeout);

    /** The next event if one is queued; null otherwise. */
    MonitorEvent poll();

    /** Stops reporting. */
    @Override
    void close();
}
