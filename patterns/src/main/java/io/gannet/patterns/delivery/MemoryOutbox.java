package io.gannet.patterns.delivery;

import java.util.List;

/** The default outbox: the producer's own queues are the record, and nothing survives the process. */
final class MemoryOutbox implements Outbox {
    @Override
    public void store(Entry entry) {
    }

    @Override
    public void remove(String id) {
    }

    @Override
    public void commit() {
    }

    @Override
    public List<Entry> recover() {
        return List.of();
    }

    @Override
    public long nextSequenceStart() {
        return 0;
    }

    @Override
    public void close() {
    }
}
