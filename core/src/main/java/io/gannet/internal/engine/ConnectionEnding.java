package io.gannet.internal.engine;

import io.gannet.SocketEvent;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.ProtocolError;

/**
 * How a {@link ZmtpEngine}'s connection ends: why (a protocol or handshake failure, the peer's
 * ERROR, a failed write, a lost connection), when (a failure found inside a decoder callback
 * waits until the decoder returns; one found outside it ends the connection at once), and
 * what its owner is told (the monitor event, then the messages the end cut short or left
 * unwritten). Owned by the engine's I/O thread; not thread-safe.
 */
final class ConnectionEnding {
    /** Why the connection ends, found inside a decoder callback and acted on when the decoder returns. */
    private record Failure(SocketEvent event, long value, String detail, boolean protocol) {
    }

    private final ZmtpEngine engine;
    private final EngineOwner owner;
    /** Set when the connection must end; null while it goes on. */
    private Failure failure;
    /** A write failed: the peer is gone, but what it sent first is still read and delivered. */
    private boolean outputBroken;
    private String outputBrokenDetail;

    ConnectionEnding(ZmtpEngine engine, EngineOwner owner) {
        this.engine = engine;
        this.owner = owner;
    }

    /** Whether the connection must end (a failure waits for the decoder to return). */
    boolean pending() {
        return failure != null;
    }

    /** Whether a write failed: no more output, only the rest of the input is read. */
    boolean outputBroken() {
        return outputBroken;
    }

    /** A write failed with this detail; the reason reported at the end starts with it. */
    void outputBroke(String detail) {
        outputBroken = true;
        outputBrokenDetail = detail;
    }

    /** The peer sent ERROR after the handshake: the connection ends when the decoder returns. */
    void peerSentError() {
        failure = new Failure(null, 0, "peer sent ERROR", false);
    }

    /** The owner refused the finished handshake: the connection ends when the decoder returns. */
    void socketClosing() {
        failure = new Failure(null, 0, "the socket is closing", false);
    }

    /** The greeting or the mechanism failed (what was owed to the peer is written): close. */
    void handshakeFailed(HandshakeError e) {
        // libzmq treats every handshake failure as a protocol error: no reconnect.
        failure = new Failure(e.event(), e.eventValue(), e.detail(), true);
        if (!engine.decoding()) {
            closeWithFailure();
        }
    }

    /** The peer broke the protocol: the connection ends (at once, or when the decoder returns). */
    void protocolFailure(ProtocolError error, String detail) {
        if (failure != null) {
            return;
        }
        failure = new Failure(engine.isActive() ? null : error.handshakeEvent(), error.zmqCode(),
                detail == null ? "protocol error" : detail, true);
        if (!engine.decoding()) {
            closeWithFailure();
        }
    }

    /**
     * A wrapped frame did not open (CURVE: bad box or nonce): libzmq reports it as a handshake
     * protocol failure too, with the mechanism's error as the value, then the disconnect.
     */
    void unwrapFailed(HandshakeError e) {
        if (failure != null) {
            return;
        }
        failure = new Failure(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, e.error().zmqCode(), e.detail(), true);
        if (!engine.decoding()) {
            closeWithFailure();
        }
    }

    /** HANDSHAKE_IVL ran out: ends the connection if the greeting or the handshake is still going on. */
    void handshakeTimedOut(String detail) {
        if (!engine.isActive() && !engine.closed()) {
            stop(false, SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, 0, detail, false);
        }
    }

    /** Ends the connection for the failure recorded ({@link #pending()} is true). */
    void closeWithFailure() {
        boolean handshaked = engine.isActive();
        stop(handshaked, failure.event(), failure.value(), failure.detail(), failure.protocol());
    }

    /** The connection is gone (EOF, reset, failed write): an unfinished handshake failed with no detail. */
    void lost(String detail) {
        boolean handshaked = engine.isActive();
        stop(handshaked, handshaked ? null : SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, 0, detail, false);
    }

    /**
     * Closes the engine and tells its owner, then reports the messages lost with the
     * connection: one cut short on the way in, and those taken for output but not written.
     * Does nothing once the engine is closed.
     */
    void stop(boolean handshaked, SocketEvent event, long value, String detail, boolean protocolError) {
        if (engine.closed()) {
            return;
        }
        String why = outputBroken ? outputBrokenDetail + "; then " + detail : detail;
        long cutShort = engine.messagesCutShort();
        int unwritten = engine.unsentInBatch();
        engine.close();
        owner.engineStopped(engine, handshaked, event, value, why, protocolError);
        if (cutShort > 0) {
            owner.messagesLost(engine, cutShort, "the connection ended in the middle of a message (" + why + ")");
        }
        if (unwritten > 0) {
            owner.messagesLost(engine, unwritten, "taken for a connection that ended before they were written (" + why + ")");
        }
    }
}
