package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * What PLAIN and CURVE servers share: the ZAP exchange in the middle of the handshake, the
 * ERROR owed to a client the handler refused (400, 500; none after 300, as libzmq), and
 * wiping secrets on failure. Subclasses give their own commands through
 * {@link #handshakeCommand} and go on after a 200 in {@link #zapAllowed}. One instance per
 * connection, owned by the engine's I/O thread.
 */
abstract class ZapServerMechanism extends HandshakeOutcome {
    final HandshakeConfig config;
    final ZapGate zap;
    /** An ERROR with the ZAP status code is owed to the client. */
    private boolean errorOwed;

    ZapServerMechanism(HandshakeConfig config, String zapDomain) {
        this.config = config;
        this.zap = new ZapGate(zapDomain, config);
    }

    @Override
    public final boolean asServer() {
        return true;
    }

    @Override
    public final void zapClient(ZapClient client) {
        zap.client(client);
    }

    @Override
    public final Metadata zapProperties() {
        return status == Status.READY ? zap.properties() : Metadata.EMPTY;
    }

    @Override
    public final ByteBuf nextCommand(ByteBufAllocator alloc) {
        if (status == Status.ERROR) {
            if (errorOwed) {
                errorOwed = false;
                return zap.errorCommand(alloc, name().equals(PlainClientMechanism.NAME));
            }
            return null;
        }
        return handshakeCommand(alloc);
    }

    /** The next command of the handshake proper, or null. */
    abstract ByteBuf handshakeCommand(ByteBufAllocator alloc);

    @Override
    public final Status zapReply(List<byte[]> frames, boolean moreFlagsOk) {
        if (status != Status.HANDSHAKING || !zap.waiting()) {
            return status;
        }
        if (frames == null) {
            return fail(HandshakeError.of(ProtocolError.ZAP_UNAVAILABLE,
                    "the ZAP handler went away before it answered"));
        }
        HandshakeError refused = zap.reply(frames, moreFlagsOk);
        if (refused != null) {
            fail(refused);
            errorOwed = refused.error() == ProtocolError.AUTH_FAILED && zap.errorOwed();
            return status;
        }
        zapAllowed();
        return status;
    }

    /** The handler said 200: go on with the handshake. */
    abstract void zapAllowed();

    /** A command that arrives while the handler has not answered (libzmq: a protocol error). */
    final Status commandWhileWaiting() {
        return fail(HandshakeError.of(ProtocolError.UNEXPECTED_COMMAND,
                "command from the client while its ZAP request is pending"));
    }

    /** Ends the handshake; the client hears nothing (unless a ZAP refusal says otherwise). */
    final Status fail(HandshakeError why) {
        error = why;
        status = Status.ERROR;
        peer = Metadata.EMPTY;
        wipeSecrets();
        return status;
    }

    /** Overwrites whatever secret the handshake still holds. */
    abstract void wipeSecrets();
}
