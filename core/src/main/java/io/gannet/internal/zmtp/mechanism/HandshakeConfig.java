package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketType;
import io.gannet.internal.zmtp.Metadata;

import java.util.Objects;

/**
 * What a socket tells its peers during any handshake: its type, its routing id and its user
 * properties (libzmq's {@code ZMQ_METADATA}). Immutable; built by the session when it
 * creates an engine.
 */
public final class HandshakeConfig {
    private final SocketType socketType;
    private final Metadata metadata;

    /**
     * @param socketType our socket type
     * @param identity   the routing id to announce (0-255 bytes), or null to send none
     * @param properties extra properties (e.g. {@code X-*}); may not name Socket-Type or Identity
     */
    public HandshakeConfig(SocketType socketType, byte[] identity, Metadata properties) {
        this.socketType = Objects.requireNonNull(socketType, "socketType");
        if (identity != null && identity.length > 255) {
            throw new IllegalArgumentException("identity longer than 255 bytes: " + identity.length);
        }
        if (properties.contains(Metadata.SOCKET_TYPE) || properties.contains(Metadata.IDENTITY)) {
            throw new IllegalArgumentException("user properties may not set Socket-Type or Identity");
        }
        Metadata.Builder b = Metadata.builder().put(Metadata.SOCKET_TYPE, socketType.zmtpName());
        if (identity != null) {
            b.put(Metadata.IDENTITY, identity);
        }
        this.metadata = b.putAll(properties).build();
    }

    /** A config with no identity and no extra properties. */
    public static HandshakeConfig of(SocketType socketType) {
        return new HandshakeConfig(socketType, null, Metadata.EMPTY);
    }

    /** Our socket type. */
    public SocketType socketType() {
        return socketType;
    }

    /** Everything we announce: Socket-Type, Identity if set, then the user properties. */
    public Metadata metadata() {
        return metadata;
    }
}
