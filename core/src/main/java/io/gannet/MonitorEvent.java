package io.gannet;

/**
 * One event reported by a {@link Monitor}.
 *
 * @param event    what happened
 * @param endpoint the endpoint it happened on ({@code tcp://127.0.0.1:5555})
 * @param value    libzmq's event value: a reconnect interval, an error number, a protocol
 *                 error code; 0 where libzmq gives a file descriptor (Gannet has none)
 * @param detail   a human-readable reason, e.g. why a handshake failed; empty if none
 */
public record MonitorEvent(SocketEvent event, String endpoint, long value, String detail) {
}
