package io.gannet.internal.engine;

import io.gannet.internal.zmtp.Greeting;
import io.gannet.internal.zmtp.GreetingDecoder;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.mechanism.Mechanism;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.util.List;

/**
 * The handshake of one ZMTP connection, driven from this one place: our greeting, the
 * peer's, then the mechanism's commands both ways until it is READY or fails, all within
 * HANDSHAKE_IVL.
 *
 * <pre>
 *   start          our greeting's first 11 bytes go out; the handshake clock starts
 *   readGreeting   the peer's greeting; the rest of ours follows once its version is known;
 *                  when it is whole, the mechanism's first commands (NULL: READY)
 *   command        each command received: the mechanism's answers queued; READY ends the
 *                  handshake ({@link ZmtpEngine#handshakeSucceeded}), ERROR fails it
 * </pre>
 *
 * A step that waits for something outside the connection (a ZAP reply) goes in
 * {@link #command}, between the mechanism taking a command and the handshake ending. Every
 * handshake command goes out through the engine's {@link ZmtpOutput}, unwrapped. Part of
 * its {@link ZmtpEngine}; owned by the engine's I/O thread.
 */
final class ZmtpHandshake {
    private final ZmtpEngine engine;
    private final IoServices io;
    private final Mechanism mechanism;
    private final GreetingDecoder greeting;
    private final ZmtpOutput out;
    private final ByteBufAllocator alloc;
    private final int handshakeIvl;
    private final IoTimer timer = new IoTimer(t -> onTimeout());
    /** Our greeting after its first 11 bytes, held until the peer's version is known; then null. */
    private ByteBuf greetingRest;
    private boolean mechanismStarted;

    ZmtpHandshake(ZmtpEngine engine, IoServices io, Mechanism mechanism, ZmtpOutput out, ByteBufAllocator alloc,
                  int handshakeIvl) {
        this.engine = engine;
        this.io = io;
        this.mechanism = mechanism;
        this.greeting = new GreetingDecoder(mechanism.name());
        this.out = out;
        this.alloc = alloc;
        this.handshakeIvl = handshakeIvl;
    }

    /**
     * Puts the first 11 bytes of our greeting into {@code batch} and starts the clock. The
     * rest (mechanism and all) follows once the peer's first 11 bytes arrived (RFC 37
     * "Version Negotiation", the partial-greeting strategy, as libzmq does). A libzmq peer then
     * sends its whole greeting before it reads our mechanism, so a peer with another mechanism
     * shows us its name before it hangs up, and the monitor event names the mismatch; sent
     * whole, ours reached libzmq first and it closed without a word.
     */
    void start(OutputBatch batch) {
        ByteBuf g = alloc.heapBuffer(Greeting.SIZE);
        try {
            Greeting.encode(g, mechanism.name(), mechanism.asServer());
            batch.addRaw(g.readSlice(Greeting.VERSION_DETECT_SIZE));
            greetingRest = g.retainedSlice();
        } finally {
            g.release();
        }
        if (handshakeIvl > 0) {
            io.schedule(timer, handshakeIvl);
        }
    }

    /**
     * Decodes what {@code in} has of the peer's greeting. Sends the rest of ours as soon as
     * the peer's version is one we speak; once the greeting is whole, queues the mechanism's
     * first commands. A bad greeting fails the handshake.
     */
    GreetingDecoder.Result readGreeting(ByteBuf in) {
        GreetingDecoder.Result r = greeting.decode(in);
        if (r == GreetingDecoder.Result.FAILED) {
            fail(greeting.error());
            return r;
        }
        if (greetingRest != null && greeting.versionAccepted()) {
            engine.outputBatch().addRaw(greetingRest);
            greetingRest.release();
            greetingRest = null;
            engine.outputDue();
        }
        if (r == GreetingDecoder.Result.DONE) {
            mechanismStarted = true;
            queueMechanismCommands();
            engine.outputDue();
        }
        return r;
    }

    /** Whether the peer announced ZMTP 3.1 or later (PING/PONG, SUBSCRIBE commands). */
    boolean peerSpeaks31() {
        return greeting.peerSpeaks31();
    }

    /**
     * Hands one command received during the handshake to the mechanism (the caller releases
     * {@code body}) and queues its answers; READY ends the handshake, ERROR fails it. Returns
     * false to stop decoding.
     */
    boolean command(ByteBuf body) {
        mechanism.processCommand(body);
        return mechanismMoved();
    }

    /**
     * The ZAP handler's reply (null: it went away) for a server mechanism waiting on it; as
     * {@link #command}, the handshake goes on, ends or fails from here.
     */
    boolean zapReplied(List<byte[]> frames, boolean moreFlagsOk) {
        mechanism.zapReply(frames, moreFlagsOk);
        return mechanismMoved();
    }

    /** Queues what the mechanism has to say, then acts on its status; false to stop decoding. */
    private boolean mechanismMoved() {
        queueMechanismCommands();
        engine.outputDue();
        // A server mechanism is READY once its last command is out, not when one comes in.
        Mechanism.Status status = mechanism.status();
        if (status == Mechanism.Status.ERROR) {
            fail(mechanism.error());
            return false;
        }
        if (status == Mechanism.Status.READY) {
            io.cancel(timer);
            return engine.handshakeSucceeded();
        }
        return true;
    }

    /**
     * The handshake failed: one best-effort write of what the mechanism owes the peer (an
     * ERROR), then the engine closes. Only a mechanism that has started may speak: after a
     * failed greeting the peer must see no command at all (asked now, NULL would answer with
     * its READY).
     */
    private void fail(HandshakeError e) {
        if (mechanismStarted) {
            queueMechanismCommands();
        }
        if (out.hasCommands() && !engine.outputPending() && out.drainHandshakeCommands(engine.outputBatch())) {
            try {
                engine.outputBatch().writeTo(engine.channel.output());
            } catch (IOException ignored) {
                // The connection is being dropped anyway.
            }
        }
        engine.ending().handshakeFailed(e);
    }

    private void onTimeout() {
        engine.ending().handshakeTimedOut("handshake not done within HANDSHAKE_IVL " + handshakeIvl + " ms");
    }

    private void queueMechanismCommands() {
        ByteBuf cmd;
        while ((cmd = mechanism.nextCommand(alloc)) != null) {
            out.handshakeCommand(cmd);
        }
    }

    /** Stops the clock and releases what is still held (on close). */
    void release() {
        io.cancel(timer);
        if (greetingRest != null) {
            greetingRest.release();
            greetingRest = null;
        }
    }
}
