package io.gannet.internal.engine;

import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.PingCommand;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.Subscriptions;
import io.gannet.internal.zmtp.mechanism.Mechanism;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * What the frames of a ZMTP connection mean once its handshake is done: message frames go
 * to the pipe, PING is answered and its TTL kept, SUBSCRIBE/CANCEL become subscription
 * messages for PUB/XPUB, ERROR ends the connection, other commands are ignored (RFC 37).
 * When the mechanism wraps traffic (CURVE), each frame is unwrapped first
 * ({@link Mechanism#decode}), and one that does not unwrap is a protocol error.
 *
 * <p>Part of its {@link ZmtpEngine}, which feeds it from the decoder; owned by the engine's
 * I/O thread.
 */
final class ZmtpInput {
    private final ZmtpEngine engine;
    private final Mechanism mechanism;
    private final boolean wraps;
    private final boolean carriesSubscriptions;
    private final ByteBufAllocator alloc;
    private final ZmtpOutput output;
    private final Heartbeats heartbeats;
    /** The last frame written to the pipe had MORE: a message is half delivered. */
    boolean midMessage;

    /** What the mechanism unwraps from a wrapped frame: a message frame or a command. */
    private final FrameHandler unwrapped = new FrameHandler() {
        @Override
        public boolean onMessageFrame(ByteBuf body, boolean more) {
            return deliver(body, more);
        }

        @Override
        public boolean onCommand(ByteBuf body) {
            try {
                return command(body);
            } finally {
                body.release();
            }
        }
    };

    ZmtpInput(ZmtpEngine engine, Mechanism mechanism, boolean carriesSubscriptions, ByteBufAllocator alloc,
              ZmtpOutput output, Heartbeats heartbeats) {
        this.engine = engine;
        this.mechanism = mechanism;
        this.wraps = mechanism.wrapsTraffic();
        this.carriesSubscriptions = carriesSubscriptions;
        this.alloc = alloc;
        this.output = output;
        this.heartbeats = heartbeats;
    }

    /** A message frame (taking {@code body}); false to stop decoding (the pipe is full, or a failure). */
    boolean messageFrame(ByteBuf body, boolean more) {
        if (wraps) {
            // libzmq 4.3 sends CURVE MESSAGEs as plain frames, not command frames: accept both.
            return unwrap(body);
        }
        return deliver(body, more);
    }

    /** A command frame (the caller keeps and releases {@code body}); false to stop decoding. */
    boolean commandFrame(ByteBuf body) {
        if (wraps) {
            return unwrap(body.retain());
        }
        return command(body);
    }

    /** Writes one plain message frame to the pipe; false when the pipe is full (the frame is held). */
    private boolean deliver(ByteBuf body, boolean more) {
        if (engine.pipe == null) {
            body.release();
            return true;
        }
        engine.inMsg.set(body, more);
        if (!engine.pipe.write(engine.inMsg)) {
            engine.inHeld = true;
            return false;
        }
        midMessage = more;
        return true;
    }

    /** Opens one wrapped frame (taking {@code body}); a frame that does not open closes the connection. */
    private boolean unwrap(ByteBuf body) {
        boolean ok = mechanism.decode(body, false, unwrapped);
        if (!ok && mechanism.status() == Mechanism.Status.ERROR) {
            engine.ending().unwrapFailed(mechanism.error());
        }
        return ok;
    }

    private boolean command(ByteBuf body) {
        CommandName name = CommandName.of(body);
        if (name == null) {
            return true; // RFC 37: unknown commands are ignored
        }
        switch (name) {
            case PING:
                if (!PingCommand.isWellFormedPing(body)) {
                    engine.ending().protocolFailure(ProtocolError.MALFORMED_PING, "PING without its TTL");
                    return false;
                }
                output.trafficCommand(PingCommand.encodePong(alloc, body));
                engine.outputDue();
                heartbeats.peerTtl(PingCommand.ttlDeciseconds(body) * 100L);
                return true;
            case SUBSCRIBE:
            case CANCEL:
                if (carriesSubscriptions && engine.pipe != null && !midMessage) {
                    return deliver(Subscriptions.commandToMessage(alloc, body), false);
                }
                return true;
            case ERROR:
                engine.ending().peerSentError();
                return false;
            default:
                return true; // PONG (any input already counts as life), a late READY
        }
    }
}
