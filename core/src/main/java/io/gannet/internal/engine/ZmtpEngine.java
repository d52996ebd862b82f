package io.gannet.internal.engine;

import io.gannet.SocketType;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.zmtp.FrameDecoder;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.GreetingDecoder;
import io.gannet.internal.zmtp.PingCommand;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.mechanism.Mechanism;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * One ZMTP connection on an I/O thread: greeting, mechanism handshake, then frames between
 * the channel and the session's pipe.
 *
 * <pre>
 *  GREETING ──peer greeting ok──► HANDSHAKE ──mechanism READY──► ACTIVE ──error/EOF──► CLOSED
 *      └───────── bad input, HANDSHAKE_IVL timeout, EOF ────────────────────────────────┘
 * </pre>
 *
 * <p>The handshake is driven by {@link ZmtpHandshake}, the frames of an active connection
 * handled by {@link ZmtpInput}, output ordered by {@link ZmtpOutput}, PING/PONG timing kept
 * by {@link Heartbeats}, the end of the connection by {@link ConnectionEnding}; this class
 * holds the state, reads and decodes.
 *
 * <p><b>Input:</b> reads into the I/O thread's read buffer, borrowed while the channel has
 * bytes and given back once they are consumed ({@link IoBuffers}); the decoder hands frames
 * (slices, small ones copied) straight to {@link PipeEnd#write}, and the pipe is flushed
 * once per read batch. When the read buffer is drained in the middle of a large body, the
 * rest of the body is read straight into the body's own buffer
 * ({@link FrameDecoder#directReadTarget}). A full pipe (RCVHWM) stops reading: the refused
 * frame is held, the rest stays in the buffer, read interest is dropped until
 * {@link #inputReady()}: TCP back-pressure, nothing lost.
 *
 * <p><b>Output:</b> {@link ZmtpOutput} fills an {@link OutputBatch}, written with one
 * gathering write; write interest is on only while the channel is full. A ZMTP 3.0 peer
 * gets subscriptions as messages (first byte 1 or 0) and no PINGs. A mechanism that wraps
 * traffic (CURVE) wraps and unwraps every frame after the handshake.
 *
 * <p>Bad input closes only this connection, with a monitor event through the owner; nothing
 * reaches the application as an exception. Owned by its I/O thread; not thread-safe.
 */
final class ZmtpEngine extends Engine implements FrameHandler, Heartbeats.Link {
    private static final byte[] NO_CONTEXT = new byte[0];
    /** After a failed write, at most this many read passes before closing. */
    private static final int DRAIN_ROUNDS = 16;

    private enum State { GREETING, HANDSHAKE, ACTIVE, CLOSED }

    private final EndpointConfig cfg;
    private final Mechanism mechanism;
    private final ZmtpOutput output;
    private final ZmtpHandshake handshake;
    private final Heartbeats heartbeats;
    private final ZmtpInput input;
    /** A server mechanism's ZAP request and reply. */
    private final ZapExchange zap;
    private FrameDecoder decoder;
    private State state = State.GREETING;
    private boolean peer31;

    private boolean decoding;
    /** Output is due but was put off (a decoder callback asked for it). */
    private boolean outputWanted;
    /** Why and when the connection ends, and what the owner is told. */
    private final ConnectionEnding ending;

    ZmtpEngine(IoServices io, EngineChannel channel, EndpointConfig cfg, ByteBufAllocator alloc, EngineOwner owner,
               String endpoint) {
        this(io, channel, cfg, cfg.security.newMechanism(cfg.handshake), alloc, owner, endpoint);
    }

    /** An engine with the given mechanism (tests bring their own, such as one that wraps traffic). */
    ZmtpEngine(IoServices io, EngineChannel channel, EndpointConfig cfg, Mechanism mechanism, ByteBufAllocator alloc,
               EngineOwner owner, String endpoint) {
        super(io, channel, alloc, owner, endpoint);
        this.ending = new ConnectionEnding(this, owner);
        this.cfg = cfg;
        this.mechanism = mechanism;
        this.output = new ZmtpOutput(alloc, mechanism, cfg.sendsSubscriptions());
        this.handshake = new ZmtpHandshake(this, io, mechanism, output, alloc, cfg.handshakeIvl);
        this.heartbeats = new Heartbeats(io, this, cfg.heartbeatIvl, cfg.heartbeatTimeout);
        this.input = new ZmtpInput(this, mechanism, cfg.carriesSubscriptions(), alloc, output, heartbeats);
        this.zap = new ZapExchange(io.mailbox(), cfg.zap, channel, this::zapReplied);
        mechanism.zapClient(zap);
    }

    /** Sends the first part of our greeting ({@link ZmtpHandshake#start}) and starts the handshake clock. */
    @Override
    void started() {
        handshake.start(outputBatch());
        heartbeats.inputArrived();
        flushOutput();
    }

    @Override
    SocketType peerType() {
        return mechanism.peerSocketType();
    }

    @Override
    byte[] peerIdentity() {
        byte[] id = mechanism.peerIdentity();
        return id == null || id.length == 0 ? null : id;
    }

    @Override
    boolean isActive() {
        return state == State.ACTIVE;
    }

    @Override
    boolean closed() {
        return state == State.CLOSED;
    }

    @Override
    boolean outputMidMessage() {
        return output.midMessage();
    }

    @Override
    void attachPipe(PipeEnd end) {
        super.attachPipe(end);
        output.pipeAttached();
        input.midMessage = false;
        outputWanted = true;
    }

    @Override
    void heldDelivered(boolean more) {
        input.midMessage = more;
    }

    @Override
    void inputResumed() {
        decodeFrames();
        returnReadBuffer();
        if (pipe != null) {
            pipe.flush();
        }
        if (ending.pending()) {
            ending.closeWithFailure();
        }
    }

    @Override
    public void failed(Throwable cause) {
        ending.stop(false, null, 0, "engine failure: " + cause, false);
    }

    // ---- input ------------------------------------------------------------------------------

    @Override
    void readInput() {
        readRounds();
    }

    /** Reads and decodes what the channel has; true if it read anything and the engine is still active. */
    private boolean readRounds() {
        boolean readSome = false;
        for (int round = 0; round < READ_ROUNDS; round++) {
            ByteBuf into = directReadTarget();
            if (into == null) {
                prepareReadBuffer();
                into = readBuf;
            }
            int space = into.writableBytes();
            int n = readFrom(into);
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                break;
            }
            readSome = true;
            heartbeats.inputArrived();
            boolean goOn = processInput();
            if (state == State.CLOSED) {
                return false;
            }
            if (ending.pending() || !goOn || n < space) {
                break;
            }
        }
        returnReadBuffer();
        if (pipe != null) {
            pipe.flush();
        }
        if (ending.pending()) {
            ending.closeWithFailure();
            return false;
        }
        if (outputWanted && !writeInterest() && state != State.CLOSED) {
            flushOutput();
        }
        return readSome && state == State.ACTIVE;
    }

    /**
     * The decoder's body in progress, when the read buffer holds nothing more and enough of
     * the body is missing that reading it straight from the channel beats reading it into the
     * read buffer and copying (a few missing bytes are better read along with what follows).
     */
    private ByteBuf directReadTarget() {
        if (decoder == null || (readBuf != null && readBuf.isReadable())) {
            return null;
        }
        ByteBuf body = decoder.directReadTarget();
        return body != null && body.writableBytes() >= IoBuffers.MIN_READ_SPACE ? body : null;
    }

    /** Feeds what was read to the greeting decoder or the frame decoder; false to stop reading. */
    private boolean processInput() {
        if (state == State.GREETING) {
            GreetingDecoder.Result r = handshake.readGreeting(readBuf);
            if (r != GreetingDecoder.Result.DONE) {
                return r == GreetingDecoder.Result.NEED_INPUT;
            }
            peer31 = handshake.peerSpeaks31();
            decoder = new FrameDecoder(alloc, cfg.maxMsgSize, FrameDecoder.DEFAULT_COPY_THRESHOLD,
                    FrameDecoder.DEFAULT_WHOLE_BODY_LIMIT, io.smallBodies(), io.largeBodies());
            state = State.HANDSHAKE;
        }
        return decodeFrames();
    }

    private boolean decodeFrames() {
        if (decoder == null) {
            return true;
        }
        decoding = true;
        FrameDecoder.Result r;
        try {
            // No read buffer: nothing unread, but a body read straight from the channel may be complete.
            r = decoder.decode(readBuf != null ? readBuf : Unpooled.EMPTY_BUFFER, this);
        } finally {
            decoding = false;
        }
        if (ending.pending()) {
            return false;
        }
        if (r == FrameDecoder.Result.FAILED) {
            ending.protocolFailure(decoder.error(), decoder.errorDetail());
            return false;
        }
        if (r == FrameDecoder.Result.PAUSED) {
            if (inHeld) {
                inputBlocked(true);
            }
            return false;
        }
        return true;
    }

    @Override
    public boolean onMessageFrame(ByteBuf body, boolean more) {
        if (state != State.ACTIVE) {
            body.release();
            ending.protocolFailure(ProtocolError.UNEXPECTED_COMMAND, "message frame before the handshake completed");
            return false;
        }
        return input.messageFrame(body, more);
    }

    @Override
    public boolean onCommand(ByteBuf body) {
        try {
            if (state == State.HANDSHAKE) {
                return handshake.command(body);
            }
            return state == State.ACTIVE && input.commandFrame(body);
        } finally {
            body.release();
        }
    }

    /** Output is due (a handshake command or a PONG was queued); it goes out when the decoder returns. */
    void outputDue() {
        outputWanted = true;
    }

    /** How the connection ends (failures found by the handshake and the input go there). */
    ConnectionEnding ending() {
        return ending;
    }

    /** Whether the decoder is running (a failure found now waits until it returns). */
    boolean decoding() {
        return decoding;
    }

    /** The mechanism is READY: messages flow. Returns false to stop decoding (the socket is closing). */
    boolean handshakeSucceeded() {
        state = State.ACTIVE;
        if (!owner.handshakeDone(this)) {
            ending.socketClosing();
            return false;
        }
        if (pipe != null) {
            pipe.connectionProperties(ConnectionProperties.of(mechanism, zap.peerAddress()));
        }
        // PING/PONG are ZMTP 3.1. A 3.0 peer cannot answer (HEARTBEAT_TIMEOUT would drop every
        // quiet one), and libzmq 4.0/4.1 hand an unknown command to their application as a
        // message. libzmq 4.3 pings them anyway; we do not. Their PINGs are still answered.
        if (peer31) {
            heartbeats.start();
        }
        return state == State.ACTIVE && !ending.pending();
    }

    /** The ZAP handler answered (or went away): the handshake goes on, or fails, from here. */
    private void zapReplied(List<byte[]> frames, boolean moreFlagsOk) {
        if (state != State.HANDSHAKE) {
            return;
        }
        handshake.zapReplied(frames, moreFlagsOk);
        if (state == State.CLOSED) {
            return;
        }
        if (ending.pending()) {
            ending.closeWithFailure();
        } else if (!writeInterest()) {
            flushOutput();
        }
    }

    // ---- heartbeats -------------------------------------------------------------------------

    @Override
    public boolean active() {
        return state == State.ACTIVE;
    }

    @Override
    public boolean readingPaused() {
        return inputBlocked();
    }

    @Override
    public void sendPing() {
        output.trafficCommand(PingCommand.encodePing(alloc, cfg.heartbeatTtlDeciseconds, NO_CONTEXT));
        if (!writeInterest()) {
            flushOutput();
        }
    }

    @Override
    public void timedOut(String detail) {
        ending.stop(true, null, 0, detail, false);
    }

    // ---- output -----------------------------------------------------------------------------

    @Override
    boolean mayWrite() {
        outputWanted = false;
        if (ending.outputBroken()) {
            return false;
        }
        if (decoding) {
            outputWanted = true;
            return false;
        }
        return true;
    }

    @Override
    void fillBatch(OutputBatch batch) {
        output.fill(batch, state == State.ACTIVE ? pipe : null, outMsg, peer31);
    }

    /**
     * The peer reset or closed the connection under a write. Messages it sent before that may
     * still sit in our socket buffer (a peer that replies and closes): read and deliver them
     * now, up to the end of what arrived, then close. Output stops at once (no retry, no
     * batch kept), so a connection whose read side stays open is not kept alive by this.
     */
    @Override
    void writeFailed(String detail) {
        ending.outputBroke(detail);
        writeInterest(false);
        for (int i = 0; i < DRAIN_ROUNDS && state == State.ACTIVE && !inputBlocked() && !ending.pending(); i++) {
            if (!readRounds()) {
                break;
            }
        }
        lost(detail);
    }

    // ---- closing ----------------------------------------------------------------------------

    @Override
    void lost(String detail) {
        ending.lost(detail);
    }

    /**
     * Inbound messages that began to arrive and will not be delivered because the connection
     * ends now: the one whose first frames are written (uncommitted) to the pipe or whose
     * frame is half decoded, or the one held at RCVHWM. Complete messages are all in the pipe.
     */
    long messagesCutShort() {
        if (state != State.ACTIVE || pipe == null || pipe.isDone()) {
            return 0;
        }
        boolean partial = input.midMessage || inHeld || (decoder != null && decoder.isMidMessageFrame());
        return partial ? 1 : 0;
    }

    @Override
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        heartbeats.stop();
        if (decoder != null) {
            decoder.release();
        }
        releaseConnection();
        handshake.release();
        output.release();
        zap.close();
        mechanism.destroy();
        if (pipe != null) {
            // Half a message from the peer must not reach the socket; every whole one must,
            // also when the pipe outlives this connection (a connecting socket's kept pipe).
            pipe.rollback();
            pipe.flush();
        }
    }

    @Override
    public String toString() {
        return "ZmtpEngine[" + endpoint + ", " + channel.remoteAddress() + ", " + state + "]";
    }
}
