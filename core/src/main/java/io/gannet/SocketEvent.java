package io.gannet;

/**
 * Connection events a {@link Monitor} reports, named and numbered as libzmq's
 * {@code ZMQ_EVENT_*} so monitors interoperate. Each constant says what its
 * {@link MonitorEvent#value()} holds: where libzmq puts a file descriptor or an {@code errno}
 * there, Gannet puts 0 (it has neither) and explains the failure in
 * {@link MonitorEvent#detail()}.
 */
public enum SocketEvent {
    /** A connection to a connected endpoint opened (before the handshake). Value 0. */
    CONNECTED(0x0001),
    /** A connection attempt did not complete at once and goes on in the background. Value 0. */
    CONNECT_DELAYED(0x0002),
    /** A connection attempt failed or a connection was lost; the next attempt is scheduled.
     * Value: the delay in milliseconds until that attempt ({@code RECONNECT_IVL} plus jitter,
     * growing towards {@code RECONNECT_IVL_MAX}). */
    CONNECT_RETRIED(0x0004),
    /** A bind succeeded and the endpoint accepts connections. Value 0. */
    LISTENING(0x0008),
    /** A bind failed in the I/O thread; the detail says why. Value 0 (libzmq: errno). */
    BIND_FAILED(0x0010),
    /** A bound endpoint accepted a connection (before the handshake). Value 0. */
    ACCEPTED(0x0020),
    /** Accepting a connection failed; the detail says why. Value 0 (libzmq: errno). */
    ACCEPT_FAILED(0x0040),
    /** A bound endpoint stopped listening (unbind or close). Value 0. */
    CLOSED(0x0080),
    /** Closing a listener failed. Value 0 (libzmq: errno). */
    CLOSE_FAILED(0x0100),
    /** An established or handshaking connection closed; the detail says why. Value 0. */
    DISCONNECTED(0x0200),
    /** The last event a monitor reports: the monitor or its socket was closed. Value 0. */
    MONITOR_STOPPED(0x0400),
    /** The handshake failed without a protocol error code: the peer closed the
     * connection, sent an ERROR command, or did not finish within {@code HANDSHAKE_IVL};
     * the detail says which. Value 0 (libzmq: errno). */
    HANDSHAKE_FAILED_NO_DETAIL(0x0800),
    /** The ZMTP handshake completed; messages flow from now on. Value 0. */
    HANDSHAKE_SUCCEEDED(0x1000),
    /** The peer broke the ZMTP protocol during the handshake (bad greeting, malformed
     * command, incompatible socket type). Value: libzmq's {@code ZMQ_PROTOCOL_ERROR_*} code,
     * e.g. {@code 0x10000018} for invalid metadata (0 for an incompatible socket type over
     * {@code inproc://}, which has no wire protocol). The connecting side does not reconnect
     * to that peer afterwards (see {@link MonitorEvent}). */
    HANDSHAKE_FAILED_PROTOCOL(0x2000),
    /** Authentication failed (ZAP). Value: the ZAP status code (300, 400 or 500). */
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
