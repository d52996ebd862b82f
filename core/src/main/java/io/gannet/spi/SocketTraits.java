package io.gannet.spi;

import java.util.Objects;

/**
 * What core must know about a socket type to serve its connections, beyond its
 * {@link SocketProtocol}; given by the type's {@link SocketProtocolProvider#traits}.
 *
 * @param rawBytes        connections carry raw bytes, not ZMTP (libzmq's STREAM): no greeting,
 *                        handshake or framing, and no pipe before or across connections
 * @param pipeNeedsPeerId a pipe to a peer is attached only once the peer's routing id is known
 *                        (from its handshake, or from {@code CONNECT_ROUTING_ID}), as ROUTER
 *                        addresses pipes by id; so a connecting socket has no pipe (and queues
 *                        nothing) before its connection, unless {@code CONNECT_ROUTING_ID}
 *                        named the peer
 * @param subscriptions   how subscriptions travel on its connections
 */
public record SocketTraits(boolean rawBytes, boolean pipeNeedsPeerId, Subscriptions subscriptions) {

    /** A ZMTP socket type with anonymous pipes and no subscriptions (PUSH, PULL, PAIR, REQ, REP, DEALER). */
    public static final SocketTraits PLAIN = new SocketTraits(false, false, Subscriptions.NONE);

    /** The subscription role of a socket type on the wire (RFC 29). */
    public enum Subscriptions {
        /** Subscriptions are neither sent nor received. */
        NONE,
        /**
         * Receives subscriptions from its peers (PUB, XPUB): SUBSCRIBE and CANCEL commands
         * from ZMTP 3.1 peers become subscription messages in the pipe.
         */
        RECEIVES,
        /**
         * Sends subscriptions to its peers (SUB, XSUB): subscription messages in the pipe go
         * out as SUBSCRIBE and CANCEL commands to ZMTP 3.1 peers, and it also accepts them.
         */
        SENDS
    }

    /** Checks that {@code subscriptions} is given. */
    public SocketTraits {
        Objects.requireNonNull(subscriptions, "subscriptions");
    }

    /** Whether subscriptions travel on its connections at all. */
    public boolean carriesSubscriptions() {
        return subscriptions != Subscriptions.NONE;
    }
}
