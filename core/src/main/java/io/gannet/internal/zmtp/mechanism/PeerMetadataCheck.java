package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketType;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;

import java.util.Locale;

/**
 * The checks every mechanism applies to the metadata a peer announces (RFC 37 "The
 * Socket-Type Property", "The Identity Property"): a socket type, if announced, that is known
 * and compatible with ours, and an identity of at most 255 bytes. Unknown properties pass.
 *
 * <p>A peer that announces no Socket-Type is accepted, as libzmq accepts it: RFC 37 says the
 * sender SHOULD specify one, not MUST, and by the time its READY arrives ours has gone, so
 * refusing it could only be an ERROR after a READY, which the NULL grammar
 * ({@code ready *message | error}) does not allow. Its pipe reports no peer type. Stateless.
 */
final class PeerMetadataCheck {

    private PeerMetadataCheck() {
    }

    /** The reason to refuse the peer, or null if its metadata is acceptable. */
    static HandshakeError check(Metadata peer, SocketType ours) {
        String typeName = peer.getString(Metadata.SOCKET_TYPE);
        if (typeName == null) {
            return checkIdentity(peer);
        }
        SocketType type = SocketType.fromZmtpName(typeName.toUpperCase(Locale.ROOT));
        if (type == null) {
            return HandshakeError.of(ProtocolError.INVALID_METADATA,
                    "peer socket type " + printable(typeName) + " is not supported");
        }
        if (!ours.compatibleWith(type)) {
            return HandshakeError.of(ProtocolError.INVALID_METADATA,
                    "peer socket type " + type + " is incompatible with " + ours);
        }
        return checkIdentity(peer);
    }

    private static HandshakeError checkIdentity(Metadata peer) {
        byte[] identity = peer.get(Metadata.IDENTITY);
        if (identity != null && identity.length > 255) {
            return HandshakeError.of(ProtocolError.INVALID_METADATA,
                    "peer identity of " + identity.length + " bytes exceeds 255");
        }
        return null;
    }

    /** A peer-chosen string made safe for a log line: short, printable ASCII. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }
}
