package io.gannet.patterns.delivery;

/**
 * A consumer's view of one producer link: what it holds unsettled from it and the part of the
 * consumer's prefetch it lends it. Owned by the consumer's loop.
 */
final class ProducerLink {
    final Links.Link link;
    /** Deliveries from this producer not yet settled. */
    int held;
    /** The prefetch last announced in READY. */
    int window;
    /**
     * The most this producer may still have in flight: the largest window announced since the
     * producer last confirmed one (GRANTED). A cut only counts once the producer has confirmed it.
     */
    int reserved;
    /** The producer answered GRANTED: it speaks the batch feature and shares in the prefetch. */
    boolean batch;
    /** The producer never answered GRANTED: it gets the whole prefetch, as a plain GADP producer. */
    boolean plain;
    long lastHeardNanos;
    long readySentNanos;

    ProducerLink(Links.Link link, long nowNanos) {
        this.link = link;
        this.lastHeardNanos = nowNanos;
        this.readySentNanos = nowNanos;
    }

    /** Whether this link counts against the consumer's shared prefetch. */
    boolean shares() {
        return !plain;
    }
}
