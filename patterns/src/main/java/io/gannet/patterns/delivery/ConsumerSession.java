package io.gannet.patterns.delivery;

import java.util.LinkedHashMap;

/**
 * A producer's view of one consumer that said READY on one link: its prefetch and the
 * deliveries it has not settled, in the order they were sent. Owned by the producer's loop.
 */
final class ConsumerSession {
    final Links.Link link;
    final String instanceId;
    /** The consumer named the batch feature: it gets DELIVERS and sends ACKS. */
    final boolean batch;
    /** May be 0 for a batch consumer that is giving its credit to other producers for now. */
    int prefetch;
    long lastHeardNanos;
    /** Unsettled deliveries by message id, oldest first (so the oldest ack deadline is first). */
    final LinkedHashMap<String, Entry> inFlight = new LinkedHashMap<>();

    ConsumerSession(Links.Link link, String instanceId, boolean batch, int prefetch, long nowNanos) {
        this.link = link;
        this.instanceId = instanceId;
        this.batch = batch;
        this.prefetch = prefetch;
        this.lastHeardNanos = nowNanos;
    }

    boolean hasCredit() {
        return inFlight.size() < prefetch;
    }

    int credit() {
        return prefetch - inFlight.size();
    }
}
