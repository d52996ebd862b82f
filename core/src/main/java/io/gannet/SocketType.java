package io.gannet;

/**
 * The ZeroMQ socket types. Each is implemented by a small protocol class found through
 * {@link java.util.ServiceLoader} (artifact {@code gannet-patterns}).
 */
public enum SocketType {
    PAIR, PUB, SUB, REQ, REP, DEALER, ROUTER, PULL, PUSH, XPUB, XSUB, STREAM;

    /**
     * Whether a peer of type {@code peer} may connect to a socket of this type, following
     * RFC 23 (ZMTP) section "Socket type compatibility" and libzmq 4.3.
     */
    public boolean compatibleWith(SocketType peer) {
        switch (this) {
            case PAIR: return peer == PAIR;
            case PUB: case XPUB: return peer == SUB || peer == XSUB;
            case SUB: case XSUB: return peer == PUB || peer == XPUB;
            case REQ: return peer == REP || peer == ROUTER;
            case REP: return peer == REQ || peer == DEALER;
            case DEALER: return peer == REP || peer == DEALER || peer == ROUTER;
            case ROUTER: return peer == REQ || peer == DEALER || peer == ROUTER;
            case PUSH: return peer == PULL;
            case PULL: return peer == PUSH;
            case STREAM: return false;
            default: throw new AssertionError(this);
        }
    }

    /** The name ZMTP's {@code Socket-Type} property uses for this type. */
    public String zmtpName() {
        return name();
    }

    /** Parses a {@code Socket-Type} property value; null if it names no known type. */
    public static SocketType fromZmtpName(String name) {
        for (SocketType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
