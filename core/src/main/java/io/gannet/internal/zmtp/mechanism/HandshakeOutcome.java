package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;

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
}
