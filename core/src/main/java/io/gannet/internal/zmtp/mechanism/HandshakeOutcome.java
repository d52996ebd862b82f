package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.ErrorCommand;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.ZmtpViolation;
import io.netty.buffer.ByteBuf;

/**
 * What every mechanism keeps of its handshake's outcome: the status, why it failed and the
 * peer's metadata, with the accessors {@link Mechanism} asks for. Owned by the engine's I/O
 * thread, like the mechanism.
 */
abstract class HandshakeOutcome implements Mechanism {
    Status status = Status.HANDSHAKING;
    HandshakeError error;
    Metadata peer = Metadata.EMPTY;

    @Override
    public final Status status() {
        return status;
    }

    @Override
    public final HandshakeError error() {
        return error;
    }

    @Override
    public final Metadata peerMetadata() {
        return status == Status.READY ? peer : Metadata.EMPTY;
    }

    /**
     * The checks a client mechanism makes on a command before looking at its name: libzmq
     * 4.3.4's misspelt ERROR, a malformed command, and an ERROR while it waits for the server
     * ({@code waiting}). Returns why the handshake fails, or null to go on.
     */
    static HandshakeError clientRefusal(ByteBuf body, boolean waiting, String mechanism) {
        String quirk = waiting ? Libzmq43Error.reason(body) : null;
        if (quirk != null) {
            return HandshakeError.fromPeerReason(quirk);
        }
        if (!Commands.isWellFormed(body)) {
            return HandshakeError.of(ProtocolError.MALFORMED_COMMAND,
                    "malformed command of " + body.readableBytes() + " bytes during " + mechanism + " handshake");
        }
        if (CommandName.ERROR.matches(body) && waiting) {
            try {
                return HandshakeError.fromPeerReason(ErrorCommand.parse(body));
            } catch (ZmtpViolation e) {
                return e.toHandshakeError();
            }
        }
        return null;
    }
}
