package io.gannet.internal.engine;

import io.gannet.SocketEvent;

/** The session that owns an {@link Engine}: told when the handshake ends and when the engine stops. */
interface EngineOwner {
    /**
     * The handshake succeeded (a raw engine: the connection is open); the peer's type and
     * identity are known. The owner gives the
     * engine its pipe ({@link Engine#attachPipe}) and returns true, or returns false
     * when the connection must be dropped (the socket is closing); the engine then stops.
     */
    boolean handshakeDone(Engine engine);

    /** Every queued outbound message is written and the pipe has nothing more right now. */
    void outputIdle(Engine engine);

    /**
     * The connection is gone and the engine has released everything.
     *
     * @param handshaked     whether the handshake had succeeded
     * @param handshakeEvent the HANDSHAKE_FAILED_* event to report, or null
     * @param value          the event's value (libzmq's protocol error code)
     * @param detail         why, for the monitor and the debug log
     * @param protocolError  whether the peer broke the protocol (libzmq does not reconnect then)
     */
    void engineStopped(Engine engine, boolean handshaked, SocketEvent handshakeEvent, long value,
                       String detail, boolean protocolError);

    /**
     * Messages were lost with the connection: an inbound one the peer cut short, or outbound
     * ones taken from the pipe but not yet written. Called after {@link #engineStopped}.
     */
    void messagesLost(Engine engine, long messages, String why);
}
