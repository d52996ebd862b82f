package io.gannet.internal.engine;

import io.gannet.internal.zmtp.Greeting;
import io.gannet.internal.zmtp.GreetingDecoder;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.mechanism.Mechanism;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The handshake of one ZMTP connection, driven from one place: our greeting, the peer's,
 * then the mechanism's commands both ways until it is READY or fails.
 *
 * <pre>
 *   start            our greeting's first 11 bytes go out; the rest waits
 *   readGreeting     the peer's greeting; the rest of ours follows once its version is known
 *   startMechanism   the mechanism's first commands (NULL: READY)
 *   command          each command received: the mechanism's status, its answers queued
 * </pre>
 *
 * The engine feeds it and acts on the status; every handshake command goes out through the
 * engine's {@link ZmtpOutput}, unwrapped. Owned by the engine's I/O thread.
 */
final class ZmtpHandshake {
    private final Mechanism mechanism;
    private final GreetingDecoder greeting;
    private final ZmtpOutput out;
    private final ByteBufAllocator alloc;
    /** Our greeting after its first 11 bytes, held until the peer's version is known; then null. */
    private ByteBuf greetingRest;
    private boolean mechanismStarted;

    ZmtpHandshake(Mechanism mechanism, ZmtpOutput out, ByteBufAllocator alloc) {
        this.mechanism = mechanism;
        this.greeting = new GreetingDecoder(mechanism.name());
        this.out = out;
        this.alloc = alloc;
    }

    /**
     * Puts the first 11 bytes of our greeting into {@code batch}. The rest (mechanism and
     * all) follows once the peer's first 11 bytes arrived (RFC 37 "Version Negotiation", the
     * partial-greeting strategy, as libzmq does). A libzmq peer then sends its whole greeting
     * before it reads our mechanism, so a peer with another mechanism shows us its name before
     * it hangs up, and the monitor event names the mismatch; sent whole, ours reached libzmq
     * first and it closed without a word.
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
    }

    /** Decodes what {@code in} has of the peer's greeting. */
    GreetingDecoder.Result readGreeting(ByteBuf in) {
        return greeting.decode(in);
    }

    /**
     * The rest of our greeting, once the peer's version is known to be one we speak (the
     * caller sends it and releases it); null before that, and after it was taken.
     */
    ByteBuf takeGreetingRest() {
        if (greetingRest == null || !greeting.versionAccepted()) {
            return null;
        }
        ByteBuf rest = greetingRest;
        greetingRest = null;
        return rest;
    }

    /** Whether the peer announced ZMTP 3.1 or later (PING/PONG, SUBSCRIBE commands). */
    boolean peerSpeaks31() {
        return greeting.peerSpeaks31();
    }

    /** The greeting is done: queues the mechanism's first commands. */
    void startMechanism() {
        mechanismStarted = true;
        queueMechanismCommands();
    }

    /**
     * Hands one command received during the handshake to the mechanism (the caller releases
     * {@code body}) and queues its answers. READY: the handshake succeeded; ERROR: see
     * {@link #error}.
     */
    Mechanism.Status command(ByteBuf body) {
        Mechanism.Status status = mechanism.processCommand(body);
        queueMechanismCommands();
        return status;
    }

    /**
     * The handshake failed: queues what the mechanism owes the peer (an ERROR). Only a
     * mechanism that has started may speak: after a failed greeting the peer must see no
     * command at all (asked now, NULL would answer with its READY).
     */
    void failing() {
        if (mechanismStarted) {
            queueMechanismCommands();
        }
    }

    /** Why the greeting or the mechanism failed. */
    HandshakeError error() {
        HandshakeError e = greeting.error();
        return e != null ? e : mechanism.error();
    }

    private void queueMechanismCommands() {
        ByteBuf cmd;
        while ((cmd = mechanism.nextCommand(alloc)) != null) {
            out.handshakeCommand(cmd);
        }
    }

    /** Releases what is still held (on close). */
    void release() {
        if (greetingRest != null) {
            greetingRest.release();
            greetingRest = null;
        }
    }
}
