package io.gannet.patterns.delivery;

import java.util.List;

/**
 * Where a producer keeps its unconfirmed messages. {@link #store} may be called from any
 * publishing thread; the rest from the producer's loop thread.
 */
interface Outbox extends AutoCloseable {
    /** Records a message before it is queued for delivery. */
    void store(Entry entry);

    /** Forgets a confirmed message. */
    void remove(String id);

    /** Makes what was stored and removed so far durable (per the fsync policy); called once per loop pass. */
    void commit();

    /** The messages left unconfirmed by an earlier run, oldest first. */
    List<Entry> recover();

    /** A counter for message ids that does not repeat across restarts. */
    long nextSequenceStart();

    @Override
    void close();
}
