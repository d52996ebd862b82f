package io.gannet.internal.zmtp;

import io.gannet.SocketEvent;

import java.util.Objects;

/**
 * Why a connection failed before or during its handshake, shaped for a monitor event and a
 * debug log line: {@link #event()}, {@link #eventValue()} and {@link #detail()} map directly
 * onto {@link io.gannet.MonitorEvent}.
 *
 * <p>Protocol errors carry libzmq's {@code ZMQ_PROTOCOL_ERROR_*} code as the value;
 * authentication failures carry the ZAP status code (300, 400 or 500), as libzmq's
 * {@code ZMQ_EVENT_HANDSHAKE_FAILED_AUTH} does. Immutable; created once per failed
 * connection, never on the data path.
 *
 * @param error     what went wrong
 * @param detail    a human-readable reason naming the offending value
 * @param zapStatus the ZAP status code for {@link ProtocolError#AUTH_FAILED}, else 0
 */
public record HandshakeError(ProtocolError error, String detail, int zapStatus) {

    public HandshakeError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(detail, "detail");
    }

    /** A protocol error with a reason. */
    public static HandshakeError of(ProtocolError error, String detail) {
        return new HandshakeError(error, detail, 0);
    }

    /** An authentication failure with its ZAP status code (300, 400 or 500). */
    public static HandshakeError auth(int zapStatus, String detail) {
        return new HandshakeError(ProtocolError.AUTH_FAILED, detail, zapStatus);
    }

    /**
     * The failure announced by a peer's ERROR command. libzmq sends a bare ZAP status code
     * ("300", "400", "500") as the reason when authentication failed; that becomes an auth
     * failure, anything else a failure without detail.
     */
    public static HandshakeError fromPeerReason(String reason) {
        if (reason.length() == 3 && reason.charAt(1) == '0' && reason.charAt(2) == '0'
                && reason.charAt(0) >= '3' && reason.charAt(0) <= '5') {
            return auth((reason.charAt(0) - '0') * 100, "peer refused authentication: " + reason);
        }
        return of(ProtocolError.PEER_ERROR, "peer sent ERROR: " + reason);
    }

    /** The monitor event to raise. */
    public SocketEvent event() {
        return error.handshakeEvent();
    }

    /** The monitor event's value: the ZAP status for auth failures, else libzmq's protocol code. */
    public long eventValue() {
        return error == ProtocolError.AUTH_FAILED ? zapStatus : error.zmqCode();
    }

    @Override
    public String toString() {
        return error + ": " + detail;
    }
}
