package io.gannet.internal.zmtp;

/**
 * Thrown by the command parsers ({@link ReadyCommand}, {@link ErrorCommand}) when a peer's
 * bytes break the grammar. It never leaves this layer: mechanisms catch it and turn it into a
 * {@link HandshakeError}. It has no stack trace, because a hostile peer can make us build
 * many of them and the trace would say nothing the message does not.
 */
public final class ZmtpViolation extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ProtocolError error;

    public ZmtpViolation(ProtocolError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** What kind of violation this is. */
    public ProtocolError error() {
        return error;
    }

    /** The same violation as a handshake failure. */
    public HandshakeError toHandshakeError() {
        return HandshakeError.of(error, getMessage());
    }
}
