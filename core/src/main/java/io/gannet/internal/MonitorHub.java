package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The monitors of one socket. Events come from I/O threads and the socket's own thread;
 * listeners are copied on write so emitting takes no lock unless a libzmq-style monitor
 * socket (which is not thread-safe) must be fed.
 */
final class MonitorHub {
    private final SocketImpl owner;
    private final List<QueueMonitor> monitors = new CopyOnWriteArrayList<>();
    private final ReentrantLock socketLock = new ReentrantLock();
    private volatile Socket monitorSocket;
    private volatile Set<SocketEvent> socketEvents = EnumSet.noneOf(SocketEvent.class);

    MonitorHub(SocketImpl owner) {
        this.owner = owner;
    }

    Monitor open(Set<SocketEvent> events) {
        QueueMonitor m = new QueueMonitor(this, events.isEmpty() ? EnumSet.allOf(SocketEvent.class) : EnumSet.copyOf(events));
        monitors.add(m);
        return m;
    }

    /** libzmq's zmq_socket_monitor: a PAIR socket bound to {@code endpoint} carries the events. */
    void openLibzmqStyle(String endpoint, Set<SocketEvent> events) {
        if (!endpoint.startsWith("inproc://")) {
            throw new GannetException(ErrorCode.EPROTONOSUPPORT,
                    "monitor endpoints must be inproc://, not " + endpoint);
        }
        Socket pair = owner.context().socket(SocketType.PAIR);
        try {
            pair.bind(endpoint);
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
        socketLock.lock();
        try {
            Socket old = monitorSocket;
            socketEvents = events.isEmpty() ? EnumSet.allOf(SocketEvent.class) : EnumSet.copyOf(events);
            monitorSocket = pair;
            if (old != null) {
                sendOn(old, SocketEvent.MONITOR_STOPPED, "", 0);
                old.close();
            }
        } finally {
            socketLock.unlock();
        }
    }

    void emit(SocketEvent event, String endpoint, long value, String detail) {
        MonitorEvent e = null;
        for (QueueMonitor m : monitors) {
            if (m.wants(event)) {
                if (e == null) {
                    e = new MonitorEvent(event, endpoint, value, detail == null ? "" : detail);
                }
                m.offer(e);
            }
        }
        if (monitorSocket != null && socketEvents.contains(event)) {
            socketLock.lock();
            try {
                Socket s = monitorSocket;
                if (s != null) {
                    sendOn(s, event, endpoint, value);
                }
            } finally {
                socketLock.unlock();
            }
        }
    }

    private static void sendOn(Socket s, SocketEvent event, String endpoint, long value) {
        try {
            // libzmq's layout: uint16 event then uint32 value, in the host's byte order.
            ByteBuf head = Unpooled.buffer(6);
            if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                head.writeShortLE(event.code());
                head.writeIntLE((int) value);
            } else {
                head.writeShort(event.code());
                head.writeInt((int) value);
            }
            // The monitor pair's peer reads at its own pace; an event it has no room for is dropped.
            if (s.send(head, Socket.SNDMORE | Socket.DONTWAIT)) {
                s.send(endpoint.getBytes(StandardCharsets.UTF_8), 0);
            } else {
                head.release();
            }
        } catch (GannetException closed) {
            // The context is closing; monitoring ends with it.
        }
    }

    void remove(QueueMonitor m) {
        monitors.remove(m);
    }

    void close() {
        for (QueueMonitor m : monitors) {
            m.offer(new MonitorEvent(SocketEvent.MONITOR_STOPPED, "", 0, "socket closed"));
        }
        monitors.clear();
        socketLock.lock();
        try {
            Socket s = monitorSocket;
            monitorSocket = null;
            if (s != null) {
                sendOn(s, SocketEvent.MONITOR_STOPPED, "", 0);
                s.close();
            }
        } finally {
            socketLock.unlock();
        }
    }
}
