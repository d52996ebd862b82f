package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.FrameDecoder;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.Greeting;
import io.gannet.internal.zmtp.GreetingDecoder;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.PingCommand;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.Subscriptions;
import io.gannet.internal.zmtp.mechanism.Mechanism;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One ZMTP connection on an I/O thread: greeting, mechanism handshake, then frames between
 * the channel and the session's pipe.
 *
 * <pre>
 *  GREETING ──peer greeting ok──► HANDSHAKE ──mechanism READY──► ACTIVE ──error/EOF──► CLOSED
 *      └───────── bad input, HANDSHAKE_IVL timeout, EOF ────────────────────────────────┘
 * </pre>
 *
 * <p><b>Input:</b> reads into the I/O thread's read buffer, borrowed while the socket has
 * bytes and given back once they are consumed ({@link IoBuffers}); the decoder hands frames
 * (slices, small ones copied) straight to {@link PipeEnd#write}, and the pipe is flushed
 * once per read batch. When the read buffer is drained in the middle of a large body, the
 * rest of the body is read from the socket straight into the body's own buffer
 * ({@link FrameDecoder#directReadTarget}), without passing through the read buffer. A full
 * pipe (RCVHWM) stops reading: the refused frame is held, the rest stays in the buffer,
 * OP_READ is dropped until {@link #inputReady()} — TCP back-pressure, nothing lost.
 *
 * <p><b>Output:</b> pulls messages from the pipe into an {@link OutputBatch} (borrowed from
 * the I/O thread until it is written out) and writes it with one gathering write; OP_WRITE
 * is registered only while the socket buffer is full. When the pipe runs dry the pipe's
 * reader sleeps and {@link #outputReady()} follows. Commands (handshake, PING, PONG,
 * SUBSCRIBE, CANCEL) go out between messages. A ZMTP 3.0 peer gets subscriptions as
 * messages (first byte 1 or 0) and no PINGs (see {@link #handshakeSucceeded}).
 *
 * <p>Bad input closes only this connection, with a monitor event through the owner; nothing
 * reaches the application as an exception. Owned by its I/O thread; not thread-safe.
 */
final class ZmtpEngine extends Engine implements FrameHandler {
    private static final int MIN_READ_SPACE = IoBuffers.MIN_READ_SPACE;
    private static final int READ_ROUNDS = 8;
    private static final byte[] NO_CONTEXT = new byte[0];
    /** After a failed write, at most this many read passes (of up to READ_ROUNDS reads) before closing. */
    private static final int DRAIN_ROUNDS = 16;

    private enum State { GREETING, HANDSHAKE, ACTIVE, CLOSED }

    private final IoThread io;
    private final SocketChannel channel;
    private final EndpointConfig cfg;
    private final ByteBufAllocator alloc;
    private final EngineOwner owner;
    private final String endpoint;
    private final Mechanism mechanism;
    /** The mechanism wraps every frame after the handshake (CURVE); false keeps the NULL path as it was. */
    private final boolean wraps;
    private final GreetingDecoder greeting;
    private FrameDecoder decoder;
    private State state = State.GREETING;
    private boolean peer31;
    /** Our greeting after its first 11 bytes, held until the peer's version is known; then null. */
    private ByteBuf greetingRest;

    // input
    /** Borrowed from the I/O thread ({@link IoBuffers}) while read bytes are not all consumed; else null. */
    private ByteBuf readBuf;
    private final Msg inMsg = new Msg();
    private boolean inHeld;
    private boolean inMidMessage;
    private boolean decoding;
    private long lastInputNanos;

    // output
    private final ArrayDeque<ByteBuf> commands = new ArrayDeque<>(4);
    /** Handshake commands at the head of {@link #commands}: they go out unwrapped. */
    private int plainCommands;
    private final Msg outMsg = new Msg();
    private boolean outMidMessage;
    private boolean outputWanted;
    /** A write failed: the peer is gone, but what it sent first is still read and delivered. */
    private boolean outputBroken;
    private String outputBrokenDetail;

    private PipeEnd pipe;

    // a failure found inside a decoder callback, acted on when the decoder returns
    private boolean failPending;
    private boolean failProtocol;
    private SocketEvent failEvent;
    private long failValue;
    private String failDetail;

    /** The server mechanism's ZAP request and reply (see the "ZAP" section below). */
    private final ZapExchange zap;

    private final IoTimer handshakeTimer = new IoTimer(t -> onHandshakeTimeout());
    private final IoTimer pingTimer;
    private final IoTimer pingTimeoutTimer;
    private final IoTimer ttlTimer;
    private long pingSentNanos;
    private long ttlArmedNanos;
    private long peerTtlMs;

    ZmtpEngine(IoThread io, SocketChannel channel, EndpointConfig cfg, ByteBufAllocator alloc, EngineOwner owner,
               String endpoint) {
        super(io);
        this.io = io;
        this.channel = channel;
        this.cfg = cfg;
        this.alloc = alloc;
        this.owner = owner;
        this.endpoint = endpoint;
        this.mechanism = cfg.security.newMechanism(cfg.handshake);
        this.wraps = mechanism.wrapsTraffic();
        this.zap = new ZapExchange(io, cfg.zap, channel, this::zapReplied);
        mechanism.zapClient(zap);
        this.greeting = new GreetingDecoder(mechanism.name());
        this.pingTimer = cfg.heartbeatIvl > 0 ? new IoTimer(t -> onPingDue()) : null;
        this.pingTimeoutTimer = cfg.heartbeatIvl > 0 ? new IoTimer(t -> onPingTimeout()) : null;
        this.ttlTimer = new IoTimer(t -> onTtlExpired());
    }

    /**
     * Registers the channel (or takes over the connecter's key for it: a channel cannot be
     * registered twice with one selector), sends the first 11 bytes of our greeting and starts
     * the handshake clock.
     *
     * <p>The rest of the greeting (mechanism and all) follows once the peer's first 11 bytes
     * arrived (RFC 37 "Version Negotiation", the partial-greeting strategy, as libzmq does).
     * A libzmq peer then sends its whole greeting before it reads our mechanism, so a peer
     * with another mechanism (CURVE, PLAIN) shows us its name before it hangs up, and the
     * monitor event names the mismatch; sent whole, ours reached libzmq first and it closed
     * without a word.
     */
    void start(SelectionKey existingKey) throws IOException {
        register(io, channel, existingKey);
        ByteBuf g = alloc.heapBuffer(Greeting.SIZE);
        try {
            Greeting.encode(g, mechanism.name(), mechanism.asServer());
            outputBatch().addRaw(g.readSlice(Greeting.VERSION_DETECT_SIZE));
            greetingRest = g.retainedSlice();
        } finally {
            g.release();
        }
        if (cfg.handshakeIvl > 0) {
            io.schedule(handshakeTimer, cfg.handshakeIvl);
        }
        lastInputNanos = System.nanoTime();
        flushOutput();
    }

    SocketType peerType() {
        return mechanism.peerSocketType();
    }

    byte[] peerIdentity() {
        byte[] id = mechanism.peerIdentity();
        return id == null || id.length == 0 ? null : id;
    }

    boolean isActive() {
        return state == State.ACTIVE;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    // ---- the session's side ---------------------------------------------------------------

    /** Gives the engine the pipe to move messages through (from {@link EngineOwner#handshakeDone}). */
    void attachPipe(PipeEnd end) {
        this.pipe = end;
        outMidMessage = false;
        inMidMessage = false;
        outputWanted = true;
    }

    /** The pipe has messages again (its reader had gone to sleep). */
    void outputReady() {
        if (state == State.ACTIVE && !writeInterest()) {
            flushOutput();
        }
    }

    /** The pipe has room again (it had reached RCVHWM). */
    void inputReady() {
        if (state != State.ACTIVE || !inputBlocked()) {
            return;
        }
        if (inHeld) {
            if (pipe == null || !pipe.write(inMsg)) {
                return;
            }
            inHeld = false;
            inMidMessage = inMsg.hasMore();
        }
        inputBlocked(false);
        decodeFrames();
        returnReadBuffer();
        if (pipe != null) {
            pipe.flush();
        }
        if (failPending) {
            closeWithFailure();
        }
        // Bytes that arrived while reading was off: the selector reports them (OP_READ is on again).
    }

    /** The pipe is finished (the socket closed it); drop it and send what is left. */
    void pipeGone() {
        pipe = null;
        if (inHeld) {
            inMsg.close();
            inHeld = false;
        }
        if (state == State.ACTIVE && !writeInterest()) {
            flushOutput();
        }
    }

    /**
     * Drops the rest of a message half read from the pipe (its first frames were written to
     * a connection that is now gone), so the next connection starts at a message boundary.
     */
    static boolean skipPartialMessage(PipeEnd end, Msg scratch, boolean midMessage) {
        while (midMessage && end.read(scratch)) {
            midMessage = scratch.hasMore();
            scratch.close();
        }
        return midMessage;
    }

    // ---- selector events ------------------------------------------------------------------

    @Override
    public void ready(int ops) {
        if ((ops & SelectionKey.OP_WRITE) != 0 && state != State.CLOSED) {
            // OP_WRITE stays on until flushOutput finds the output idle (Engine#writeInterest).
            flushOutput();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && state != State.CLOSED && !inputBlocked()) {
            readInput();
        }
    }

    @Override
    public void failed(Throwable cause) {
        stop(false, null, 0, "engine failure: " + cause, false);
    }

    // ---- input ------------------------------------------------------------------------------

    /** Reads and decodes what the channel has; true if it read anything and the engine is still active. */
    private boolean readInput() {
        boolean readSome = false;
        for (int round = 0; round < READ_ROUNDS; round++) {
            ByteBuf into = directReadTarget();
            if (into == null) {
                prepareReadBuffer();
                into = readBuf;
            }
            int space = into.writableBytes();
            int n = readFrom(channel, into);
            if (n < 0) {
                return false;
            }
            if (n == 0) {
                break;
            }
            readSome = true;
            lastInputNanos = System.nanoTime();
            boolean goOn = processInput();
            if (state == State.CLOSED) {
                return false;
            }
            if (failPending) {
                break;
            }
            if (!goOn || n < space) {
                break;
            }
        }
        returnReadBuffer();
        if (pipe != null) {
            pipe.flush();
        }
        if (failPending) {
            closeWithFailure();
            return false;
        }
        if (outputWanted && !writeInterest() && state != State.CLOSED) {
            flushOutput();
        }
        return readSome && state == State.ACTIVE;
    }

    /**
     * The decoder's body in progress, when the read buffer holds nothing more and enough of
     * the body is missing that reading it straight from the socket beats reading it into the
     * read buffer and copying (a few missing bytes are better read along with what follows).
     */
    private ByteBuf directReadTarget() {
        if (decoder == null || (readBuf != null && readBuf.isReadable())) {
            return null;
        }
        ByteBuf body = decoder.directReadTarget();
        return body != null && body.writableBytes() >= MIN_READ_SPACE ? body : null;
    }

    private void prepareReadBuffer() {
        if (readBuf == null) {
            readBuf = buffers.borrowReadBuffer();
        } else if (!readBuf.isReadable() && readBuf.refCnt() == 1) {
            readBuf.clear();
        } else if (readBuf.writableBytes() < MIN_READ_SPACE) {
            // Slices of this buffer are still in pipes: never overwrite, take a fresh one.
            ByteBuf fresh = buffers.newReadBuffer();
            fresh.writeBytes(readBuf);
            readBuf.release();
            readBuf = fresh;
        }
    }

    /**
     * Gives the read buffer back to the I/O thread once everything in it is consumed (the
     * decoders keep partial frames in their own state), so an idle connection holds none.
     * Bytes still unread (the pipe is at RCVHWM) keep it here until they are decoded.
     */
    private void returnReadBuffer() {
        if (readBuf != null && !readBuf.isReadable()) {
            buffers.returnReadBuffer(readBuf);
            readBuf = null;
        }
    }

    /** Feeds what was read to the greeting decoder or the frame decoder; false to stop reading. */
    private boolean processInput() {
        if (state == State.GREETING) {
            GreetingDecoder.Result r = greeting.decode(readBuf);
            if (r == GreetingDecoder.Result.FAILED) {
                handshakeFailure(greeting.error());
                return false;
            }
            sendGreetingRest();
            if (r == GreetingDecoder.Result.NEED_INPUT) {
                return true;
            }
            onGreeting();
            if (state == State.CLOSED || failPending) {
                return false;
            }
        }
        return decodeFrames();
    }

    private boolean decodeFrames() {
        if (decoder == null) {
            return true;
        }
        // Called even with nothing in the read buffer: the decoder may have a body that the
        // last read filled directly.
        decoding = true;
        FrameDecoder.Result r;
        try {
            // No read buffer: nothing unread, but a body read straight from the socket may be complete.
            r = decoder.decode(readBuf != null ? readBuf : Unpooled.EMPTY_BUFFER, this);
        } finally {
            decoding = false;
        }
        if (failPending) {
            return false;
        }
        if (r == FrameDecoder.Result.FAILED) {
            protocolFailure(decoder.error(), decoder.errorDetail());
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

    /** The rest of our greeting, once the peer's version is known to be one we speak. */
    private void sendGreetingRest() {
        if (greetingRest != null && greeting.versionAccepted()) {
            outputBatch().addRaw(greetingRest);
            greetingRest.release();
            greetingRest = null;
            outputWanted = true;
        }
    }

    private void onGreeting() {
        peer31 = greeting.peerSpeaks31();
        decoder = new FrameDecoder(alloc, cfg.maxMsgSize, FrameDecoder.DEFAULT_COPY_THRESHOLD,
                FrameDecoder.DEFAULT_WHOLE_BODY_LIMIT, io.smallBodies(), io.largeBodies());
        state = State.HANDSHAKE;
        queueMechanismCommands();
        outputWanted = true;
    }

    private void queueMechanismCommands() {
        ByteBuf cmd;
        while ((cmd = mechanism.nextCommand(alloc)) != null) {
            commands.add(cmd);
            plainCommands++;
        }
    }

    @Override
    public boolean onMessageFrame(ByteBuf body, boolean more) {
        if (state != State.ACTIVE) {
            body.release();
            protocolFailure(ProtocolError.UNEXPECTED_COMMAND, "message frame before the handshake completed");
            return false;
        }
        if (wraps) {
            // libzmq 4.3 sends CURVE MESSAGEs as plain frames, not command frames: accept both.
            return unwrap(body);
        }
        return deliver(body, more);
    }

    /** Writes one plain message frame to the pipe; false when the pipe is full (the frame is held). */
    private boolean deliver(ByteBuf body, boolean more) {
        if (pipe == null) {
            body.release();
            return true;
        }
        inMsg.set(body, more);
        if (!pipe.write(inMsg)) {
            inHeld = true;
            return false;
        }
        inMidMessage = more;
        return true;
    }

    @Override
    public boolean onCommand(ByteBuf body) {
        try {
            if (state == State.HANDSHAKE) {
                return handshakeCommand(body);
            }
            if (state != State.ACTIVE) {
                return false;
            }
            if (wraps) {
                return unwrap(body.retain());
            }
            return trafficCommand(body);
        } finally {
            body.release();
        }
    }

    /** What the mechanism unwraps from a MESSAGE: a message frame or a command. */
    private final FrameHandler unwrapped = new FrameHandler() {
        @Override
        public boolean onMessageFrame(ByteBuf body, boolean more) {
            return deliver(body, more);
        }

        @Override
        public boolean onCommand(ByteBuf body) {
            try {
                return trafficCommand(body);
            } finally {
                body.release();
            }
        }
    };

    /** Opens one wrapped frame (taking {@code body}); a frame that does not open closes the connection. */
    private boolean unwrap(ByteBuf body) {
        boolean ok = mechanism.decode(body, false, unwrapped);
        if (!ok && mechanism.status() == Mechanism.Status.ERROR && !failPending) {
            // libzmq reports a MESSAGE that does not open as a handshake protocol failure too,
            // with the CURVE error as the value, then the disconnect.
            HandshakeError e = mechanism.error();
            failPending = true;
            failProtocol = true;
            failEvent = SocketEvent.HANDSHAKE_FAILED_PROTOCOL;
            failValue = e.error().zmqCode();
            failDetail = e.detail();
            if (!decoding) {
                closeWithFailure();
            }
        }
        return ok;
    }

    private boolean handshakeCommand(ByteBuf body) {
        mechanism.processCommand(body);
        queueMechanismCommands();
        // A server mechanism is READY once its last command is out, not when one comes in.
        Mechanism.Status status = mechanism.status();
        outputWanted = true;
        if (status == Mechanism.Status.ERROR) {
            handshakeFailure(mechanism.error());
            return false;
        }
        if (status == Mechanism.Status.READY) {
            handshakeSucceeded();
            return state == State.ACTIVE && !failPending;
        }
        return true;
    }

    private boolean trafficCommand(ByteBuf body) {
        CommandName name = CommandName.of(body);
        if (name == null) {
            return true; // RFC 37: unknown commands are ignored
        }
        switch (name) {
            case PING:
                if (!PingCommand.isWellFormedPing(body)) {
                    protocolFailure(ProtocolError.MALFORMED_PING, "PING without its TTL");
                    return false;
                }
                commands.add(PingCommand.encodePong(alloc, body));
                outputWanted = true;
                armPeerTtl(PingCommand.ttlDeciseconds(body) * 100L);
                return true;
            case SUBSCRIBE:
            case CANCEL:
                if (cfg.carriesSubscriptions() && pipe != null && !inMidMessage) {
                    ByteBuf m = Subscriptions.commandToMessage(alloc, body);
                    return deliver(m, false); // already unwrapped, when the mechanism wraps
                }
                return true;
            case ERROR:
                failPending = true;
                failDetail = "peer sent ERROR";
                return false;
            default:
                return true; // PONG (any input already counts as life), a late READY
        }
    }

    private void handshakeSucceeded() {
        state = State.ACTIVE;
        io.cancel(handshakeTimer);
        if (!owner.handshakeDone(this)) {
            failPending = true;
            failDetail = "the socket is closing";
            return;
        }
        if (pipe != null) {
            pipe.connectionProperties(ConnectionProperties.of(mechanism, zap.peerAddress()));
        }
        // PING/PONG are ZMTP 3.1. A 3.0 peer cannot answer (HEARTBEAT_TIMEOUT would drop every
        // quiet one), and libzmq 4.0/4.1 hand an unknown command to their application as a
        // message. libzmq 4.3 pings them anyway; we do not. Their PINGs are still answered.
        if (pingTimer != null && peer31) {
            io.schedule(pingTimer, cfg.heartbeatIvl);
        }
    }

    // ---- output -----------------------------------------------------------------------------

    private void flushOutput() {
        outputWanted = false;
        if (outputBroken) {
            return;
        }
        if (decoding) {
            outputWanted = true;
            return;
        }
        boolean idle;
        try {
            idle = writeBatches(channel);
        } catch (IOException e) {
            writeFailed("write failed: " + e.getMessage());
            return;
        }
        writeInterest(!idle);
        if (idle && state == State.ACTIVE) {
            owner.outputIdle(this);
        }
    }

    @Override
    void fillBatch(OutputBatch batch) {
        while (batch.hasRoom()) {
            if (!outMidMessage && !commands.isEmpty()) {
                ByteBuf cmd = commands.poll();
                if (plainCommands > 0) {
                    plainCommands--;
                } else if (wraps) {
                    batch.addFrame(mechanism.encodeCommand(cmd, alloc), false, false);
                    continue;
                }
                batch.addFrame(cmd, false, true);
                continue;
            }
            if (state != State.ACTIVE || pipe == null || !pipe.read(outMsg)) {
                return;
            }
            boolean more = outMsg.hasMore();
            ByteBuf body = outMsg.take();
            if (!outMidMessage && !more && peer31 && cfg.sendsSubscriptions()
                    && Subscriptions.isSubscriptionMessage(body)) {
                ByteBuf cmd = Subscriptions.messageToCommand(alloc, body);
                body.release();
                if (wraps) {
                    batch.addFrame(mechanism.encodeCommand(cmd, alloc), false, false);
                } else {
                    batch.addFrame(cmd, false, true);
                }
            } else if (wraps) {
                batch.addFrame(mechanism.encode(body, more, alloc), false, false);
            } else {
                batch.addFrame(body, more, false);
                if (!more) {
                    batch.messageEnded();
                }
            }
            outMidMessage = more;
        }
    }

    /**
     * The peer reset or closed the connection under a write. Messages it sent before that may
     * still sit in our socket buffer (a peer that replies and closes): read and deliver them
     * now, up to the end of what arrived, then close. Output stops at once (no retry, no
     * batch kept), so a connection whose read side stays open is not kept alive by this.
     */
    private void writeFailed(String detail) {
        outputBroken = true;
        outputBrokenDetail = detail;
        writeInterest(false);
        for (int i = 0; i < DRAIN_ROUNDS && state == State.ACTIVE && !inputBlocked() && !failPending; i++) {
            if (!readInput()) {
                break;
            }
        }
        lost(detail);
    }

    // ---- ZAP (RFC 27): a server mechanism waits for its handler without blocking the thread ---

    /** The ZAP handler answered (or went away): the handshake goes on, or fails, from here. */
    private void zapReplied(java.util.List<byte[]> frames, boolean moreFlagsOk) {
        if (state != State.HANDSHAKE) {
            return;
        }
        mechanism.zapReply(frames, moreFlagsOk);
        queueMechanismCommands();
        Mechanism.Status status = mechanism.status();
        if (status == Mechanism.Status.ERROR) {
            handshakeFailure(mechanism.error());
            return;
        }
        if (status == Mechanism.Status.READY) {
            handshakeSucceeded();
            if (failPending) {
                closeWithFailure();
                return;
            }
        }
        if (!writeInterest()) {
            flushOutput();
        }
    }

    // ---- heartbeats and timeouts ----------------------------------------------------------

    private void onPingDue() {
        if (state != State.ACTIVE) {
            return;
        }
        commands.add(PingCommand.encodePing(alloc, cfg.heartbeatTtlDeciseconds, NO_CONTEXT));
        if (!pingTimeoutTimer.isScheduled() && cfg.heartbeatTimeout > 0) {
            pingSentNanos = System.nanoTime();
            io.schedule(pingTimeoutTimer, cfg.heartbeatTimeout);
        }
        io.schedule(pingTimer, cfg.heartbeatIvl);
        if (!writeInterest()) {
            flushOutput();
        }
    }

    private void onPingTimeout() {
        if (inputBlocked()) {
            // We stopped reading (RCVHWM): the peer's answer may be waiting unread. Not silence.
            return;
        }
        if (state == State.ACTIVE && lastInputNanos - pingSentNanos <= 0) {
            stop(true, null, 0, "no traffic within HEARTBEAT_TIMEOUT " + cfg.heartbeatTimeout + " ms after a PING", false);
        }
    }

    /** The peer promised to speak within {@code ttlMs} (its PING's TTL); any input resets it. */
    private void armPeerTtl(long ttlMs) {
        if (ttlMs <= 0) {
            return;
        }
        peerTtlMs = ttlMs;
        if (!ttlTimer.isScheduled()) {
            ttlArmedNanos = lastInputNanos;
            io.schedule(ttlTimer, ttlMs);
        }
    }

    private void onTtlExpired() {
        if (state != State.ACTIVE) {
            return;
        }
        if (inputBlocked()) {
            // Not reading (RCVHWM) is not the peer's silence: look again after another TTL.
            lastInputNanos = System.nanoTime();
        }
        if (lastInputNanos == ttlArmedNanos) {
            stop(true, null, 0, "peer silent past its heartbeat TTL of " + peerTtlMs + " ms", false);
            return;
        }
        ttlArmedNanos = lastInputNanos;
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastInputNanos);
        io.schedule(ttlTimer, Math.max(1, peerTtlMs - elapsedMs));
    }

    private void onHandshakeTimeout() {
        if (state == State.GREETING || state == State.HANDSHAKE) {
            stop(false, SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, 0,
                    "handshake not done within HANDSHAKE_IVL " + cfg.handshakeIvl + " ms", false);
        }
    }

    // ---- failures and closing ---------------------------------------------------------------

    private void handshakeFailure(HandshakeError e) {
        // An ERROR command may be owed to the peer: one best-effort write before closing. Only
        // a mechanism that has started may speak: after a failed greeting the peer must see no
        // command at all (asked now, NULL would answer with its READY).
        if (state == State.HANDSHAKE) {
            queueMechanismCommands();
        }
        if (!commands.isEmpty() && !outputPending()) {
            OutputBatch batch = outputBatch();
            while (!commands.isEmpty() && batch.hasRoom()) {
                batch.addFrame(commands.poll(), false, true);
            }
            try {
                batch.writeTo(channel);
            } catch (IOException ignored) {
                // The connection is being dropped anyway.
            }
        }
        failPending = true;
        // libzmq treats every handshake failure as a protocol error: no reconnect.
        failProtocol = true;
        failEvent = e.event();
        failValue = e.eventValue();
        failDetail = e.detail();
        if (!decoding) {
            closeWithFailure();
        }
    }

    private void protocolFailure(ProtocolError error, String detail) {
        failPending = true;
        failProtocol = true;
        failEvent = state == State.ACTIVE ? null : error.handshakeEvent();
        failValue = error.zmqCode();
        failDetail = detail;
        if (!decoding) {
            closeWithFailure();
        }
    }

    private void closeWithFailure() {
        boolean handshaked = state == State.ACTIVE;
        stop(handshaked, failEvent, failValue, failDetail == null ? "protocol error" : failDetail, failProtocol);
    }

    @Override
    void lost(String detail) {
        boolean handshaked = state == State.ACTIVE;
        stop(handshaked, handshaked ? null : SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, 0, detail, false);
    }

    private void stop(boolean handshaked, SocketEvent event, long value, String detail, boolean protocolError) {
        if (state == State.CLOSED) {
            return;
        }
        String why = outputBroken ? outputBrokenDetail + "; then " + detail : detail;
        long cutShort = messagesCutShort();
        int unwritten = unsentInBatch();
        close();
        owner.engineStopped(this, handshaked, event, value, why, protocolError);
        if (cutShort > 0) {
            owner.messagesLost(this, cutShort, "the connection ended in the middle of a message (" + why + ")");
        }
        if (unwritten > 0) {
            owner.messagesLost(this, unwritten, "taken for a connection that ended before they were written (" + why + ")");
        }
    }

    /**
     * Inbound messages that began to arrive and will not be delivered because the connection
     * ends now: the one whose first frames are written (uncommitted) to the pipe or whose
     * frame is half decoded, or the one held at RCVHWM. Complete messages are all in the pipe.
     */
    private long messagesCutShort() {
        if (state != State.ACTIVE || pipe == null || pipe.isDone()) {
            return 0;
        }
        boolean partial = inMidMessage || inHeld || (decoder != null && decoder.isMidMessageFrame());
        return partial ? 1 : 0;
    }

    /** Closes the connection and releases every buffer, without telling the owner. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        io.cancel(handshakeTimer);
        if (pingTimer != null) {
            io.cancel(pingTimer);
            io.cancel(pingTimeoutTimer);
        }
        io.cancel(ttlTimer);
        cancelKey();
        Channels.closeQuietly(channel);
        zap.close();
        mechanism.destroy();
        if (decoder != null) {
            decoder.release();
        }
        if (readBuf != null) {
            readBuf.release();
            readBuf = null;
        }
        dropOutput();
        if (greetingRest != null) {
            greetingRest.release();
            greetingRest = null;
        }
        ByteBuf c;
        while ((c = commands.poll()) != null) {
            c.release();
        }
        inMsg.close();
        inHeld = false;
        outMsg.close();
        if (pipe != null) {
            // Half a message from the peer must not reach the socket; every whole one must,
            // also when the pipe outlives this connection (a connecting socket's kept pipe).
            pipe.rollback();
            pipe.flush();
        }
    }

    @Override
    int unsentMessages() {
        return state == State.CLOSED ? 0 : unsentInBatch();
    }

    /** Whether the last frame taken from the pipe had MORE set (the rest is still queued). */
    boolean outputMidMessage() {
        return outMidMessage;
    }

    @Override
    public String toString() {
        return "ZmtpEngine[" + endpoint + ", " + state + "]";
    }
}
