package io.gannet;

/**
 * Connection events a {@link Monitor} reports, named and numbered as libzmq's
 * {@code ZMQ_EVENT_*} so monitors interoperate.
 */
public enum SocketEvent {
    CONNECTED(0x0001),
    CONNECT_DELAYED(0x0002),
    CONNECT_RETRIED(0x0004),
    LISTENING(0x0008),
    BIND_FAILED(0x0010),
    ACCEPTED(0x0020),
    ACCEPT_FAILED(0x0040),
    CLOSED(0x0080),
    CLOSE_FAILED(0x0100),
    DISCONNECTED(0x0200),
    MONITOR_STOPPED(0x0400),
    HANDSHAKE_FAILED_NO_DETAIL(0x0800),
    HANDSHAKE_SUCCEEDED(0x1000),
    HANDSHAKE_FAILED_PROTOCOL(0x2000),
    HANDSHAKE_FAILED_AUTH(0x4000),
    /**
     * Gannet's own event (libzmq 4.3 leaves 0x8000 unused): messages were dropped instead of
     * delivered. {@link MonitorEvent#value()} is how many, {@link MonitorEvent#detail()} says
     * why: a message the peer cut short by closing mid-message, or messages still unsent when
     * LINGER ran out (or a connecting socket gave up: RECONNECT_IVL -1, a protocol error).
     * Every such loss is also counted by {@link Socket#droppedMessages()}.
     */
    MESSAGES_DROPPED(0x8000);

    private final int code;

    SocketEvent(int code) {
        this.code = code;
    }

    /** libzmq's numeric value of the event ({@code ZMQ_EVENT_CONNECTED} is 1). */
    public int code() {
        return code;
    }
}
