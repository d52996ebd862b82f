package io.gannet.internal.engine;

import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.mechanism.Mechanism;

/**
 * The properties every message of one connection carries ({@link io.gannet.Msg#property}),
 * built once when its handshake succeeds, in libzmq's order of precedence: {@code
 * Peer-Address}, then what the ZAP handler gave ({@code User-Id}, its metadata), then what
 * the peer announced. Stateless.
 */
final class ConnectionProperties {
    static final String PEER_ADDRESS = "Peer-Address";

    private ConnectionProperties() {
    }

    static Metadata of(Mechanism mechanism, String peerAddress) {
        // Later puts win, so the order is the reverse of libzmq's precedence.
        Metadata.Builder b = Metadata.builder().putAll(mechanism.peerMetadata()).putAll(mechanism.zapProperties());
        if (!peerAddress.isEmpty()) {
            b.put(PEER_ADDRESS, peerAddress);
        }
        return b.build();
    }
}
