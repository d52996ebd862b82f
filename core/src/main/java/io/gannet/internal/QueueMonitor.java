package io.gannet.internal;

import io.gannet.GannetInterruptedException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.SocketEvent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A typed {@link Monitor}: an unbounded queue of events, safe for any thread. */
final class QueueMonitor implements Monitor {
    private final MonitorHub hub;
    private final EnumSet<SocketEvent> events;
    private final LinkedBlockingQueue<MonitorEvent> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    QueueMonitor(MonitorHub hub, EnumSet<SocketEvent> events) {
        this.hub = hub;
        this.events = events;
    }

    boolean wants(SocketEvent e) {
        return !closed && (events.contains(e) || e == SocketEvent.MONITOR_STOPPED);
    }

    void offer(MonitorEvent e) {
        queue.offer(e);
    }

    @Override
    public MonitorEvent next(Duration timeout) {
        try {
            return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GannetInterruptedException("Monitor.next");
        }
    }

    @Override
    public MonitorEvent poll() {
        return queue.poll();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            hub.remove(this);
            queue.offer(new MonitorEvent(SocketEvent.MONITOR_STOPPED, "", 0, "monitor closed"));
        }
    }
}
