package io.gannet.patterns.pubsub;

import io.gannet.spi.SocketHost;

/**
 * PUB (RFC 29): XPUB without an application side. It reads and applies its subscribers'
 * subscriptions, sends each message to the matching subscribers, drops it for a subscriber
 * at its high-water mark (unless {@code XPUB_NODROP}), never blocks by default, and cannot
 * receive. Owned by the socket's thread.
 */
public final class Pub extends XPub {
    public Pub(SocketHost host) {
        super(host, false);
    }
}
