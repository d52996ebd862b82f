package io.gannet.patterns.delivery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The durable outbox: unconfirmed messages in an H2 MVStore file (a log-structured,
 * copy-on-write B-tree store; each commit appends a chunk, so a crash leaves the last
 * committed version intact). Auto-commit is off: the producer's loop commits once per pass.
 */
final class MvStoreOutbox implements Outbox {
    private final MVStore store;
    private final MVMap<String, byte[]> messages;
    private final MVMap<String, Long> meta;
    private final FsyncPolicy fsync;
    private final long sequenceStart;

    MvStoreOutbox(Path file, FsyncPolicy fsync) {
        this.fsync = fsync;
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        this.messages = store.openMap("messages");
        this.meta = store.openMap("meta");
        // Ids made after a restart must not repeat earlier ones: each run reserves its own block of a billion.
        long start = meta.getOrDefault("sequence", 0L);
        this.sequenceStart = start;
        meta.put("sequence", start + 1_000_000_000L);
        store.commit();
    }

    @Override
    public void store(Entry entry) {
        messages.put(entry.id, entry.encode());
    }

    @Override
    public void remove(String id) {
        messages.remove(id);
    }

    @Override
    public void commit() {
        if (store.hasUnsavedChanges()) {
            store.commit();
            if (fsync == FsyncPolicy.EVERY_COMMIT) {
                store.sync();
            }
        }
    }

    @Override
    public List<Entry> recover() {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : messages.entrySet()) {
            entries.add(Entry.decode(e.getKey(), e.getValue()));
        }
        entries.sort((a, b) -> Long.compare(a.order, b.order));
        return entries;
    }

    @Override
    public long nextSequenceStart() {
        return sequenceStart;
    }

    @Override
    public void close() {
        commit();
        store.close();
    }
}
