package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.ErrorCommand;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.ReadyCommand;
import io.gannet.internal.zmtp.ZmtpViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * The NULL mechanism (RFC 37 "The NULL Security Mechanism"): no authentication, no
 * encryption; each side sends one READY with its metadata and accepts the peer's.
 *
 * <pre>
 *   HANDSHAKING --(READY sent and valid READY received, either order)--> READY
 *   HANDSHAKING --(ERROR received | second READY | other command |
 *                  malformed READY | bad Socket-Type)-----------------> ERROR
 * </pre>
 *
 * Both sides send READY at once instead of the RFC's client-first order; libzmq does the
 * same and the RFC's server "MUST send READY in reply" is satisfied either way. When the
 * peer's metadata is refused (an unknown or incompatible Socket-Type) before our READY was
 * taken, the next {@link #nextCommand} yields an ERROR telling the peer why, in place of the
 * READY, as RFC 37 advises; once our READY is out, the NULL grammar
 * ({@code null = ready *message | error}) allows no ERROR after it, so the connection just
 * closes (as libzmq does). Other violations just close. An ERROR from the peer ends the
 * handshake with its reason. After a failure {@link #nextCommand} never yields a READY.
 * One instance per connection, owned by the engine's I/O thread.
 */
public final class NullMechanism extends HandshakeOutcome {
    /** The mechanism name in the greeting. */
    public static final String NAME = "NULL";

    private final HandshakeConfig config;
    private boolean readySent;
    private boolean readyReceived;
    /** An ERROR command is owed to the peer (its metadata was refused before our READY went). */
    private boolean errorOwed;

    /** ZAP, asked before our READY when ZAP_DOMAIN is set (libzmq 4.3); null otherwise. */
    private final ZapGate zap;
    private boolean zapAsked;
    private boolean zapErrorOwed;

    public NullMechanism(HandshakeConfig config) {
        this(config, "");
    }

    /**
     * @param zapDomain ZAP_DOMAIN; when not empty and a ZAP handler is bound, the handler
     *                  decides whether the peer may connect (mechanism "NULL", no credentials)
     */
    public NullMechanism(HandshakeConfig config, String zapDomain) {
        this.config = config;
        this.zap = zapDomain.isEmpty() ? null : new ZapGate(zapDomain, config);
    }

    @Override
    public void zapClient(ZapClient client) {
        if (zap != null) {
            zap.client(client);
        }
    }

    @Override
    public Metadata zapProperties() {
        return zap != null && status == Status.READY ? zap.properties() : Metadata.EMPTY;
    }

    @Override
    public Status zapReply(List<byte[]> frames, boolean moreFlagsOk) {
        if (zap == null || status != Status.HANDSHAKING || !zap.waiting()) {
            return status;
        }
        if (frames == null) {
            return fail(HandshakeError.of(ProtocolError.ZAP_UNAVAILABLE,
                    "the ZAP handler went away before it answered"), false);
        }
        HandshakeError refused = zap.reply(frames, moreFlagsOk);
        if (refused != null) {
            fail(refused, false);
            zapErrorOwed = refused.error() == ProtocolError.AUTH_FAILED && zap.errorOwed();
        }
        return status;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public ByteBuf nextCommand(ByteBufAllocator alloc) {
        if (status == Status.ERROR) {
            if (zapErrorOwed) {
                zapErrorOwed = false;
                return zap.errorCommand(alloc, false);
            }
            if (errorOwed) {
                errorOwed = false;
                return ErrorCommand.encode(alloc, error.detail());
            }
            return null;
        }
        if (readySent) {
            return null;
        }
        if (zap != null && !zapAsked) {
            // libzmq 4.3: with ZAP_DOMAIN set, ask the handler if one is bound, else go on.
            zapAsked = true;
            zap.ask(NAME);
        }
        if (zap != null && zap.waiting()) {
            return null;
        }
        readySent = true;
        if (readyReceived) {
            status = Status.READY;
        }
        return ReadyCommand.encode(alloc, config.metadata());
    }

    @Override
    public Status processCommand(ByteBuf body) {
        if (status == Status.ERROR) {
            return status;
        }
        if (!Commands.isWellFormed(body)) {
            return fail(HandshakeError.of(ProtocolError.MALFORMED_COMMAND,
                    "malformed command of " + body.readableBytes() + " bytes during NULL handshake"), false);
        }
        if (CommandName.READY.matches(body) && !readyReceived) {
            return onReady(body);
        }
        if (CommandName.ERROR.matches(body)) {
            return onError(body);
        }
        String what = CommandName.READY.matches(body) ? "a second READY" : "command " + Commands.nameOf(body);
        return fail(HandshakeError.of(ProtocolError.UNEXPECTED_COMMAND,
                "unexpected " + what + " during NULL handshake"), false);
    }

    private Status onReady(ByteBuf body) {
        Metadata metadata;
        try {
            metadata = ReadyCommand.parse(body);
        } catch (ZmtpViolation e) {
            return fail(e.toHandshakeError(), false);
        }
        HandshakeError refused = PeerMetadataCheck.check(metadata, config.socketType());
        if (refused != null) {
            return fail(refused, true);
        }
        peer = metadata;
        readyReceived = true;
        if (readySent) {
            status = Status.READY;
        }
        return status;
    }

    private Status onError(ByteBuf body) {
        try {
            return fail(HandshakeError.fromPeerReason(ErrorCommand.parse(body)), false);
        } catch (ZmtpViolation e) {
            return fail(e.toHandshakeError(), false);
        }
    }

    private Status fail(HandshakeError why, boolean tellPeer) {
        error = why;
        errorOwed = tellPeer && !readySent;
        status = Status.ERROR;
        peer = Metadata.EMPTY;
        return status;
    }
}
