package io.gannet.patterns.delivery;

/** Opens the MVStore outbox with a clear error when H2 is not there (it is an optional dependency). */
final class DurableOutboxes {
    private DurableOutboxes() {
    }

    static Outbox open(Producer.Settings settings) {
        try {
            Class.forName("org.h2.mvstore.MVStore", false, DurableOutboxes.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("a durable outbox needs com.h2database:h2 (2.x) on the class or module path", e);
        }
        return new MvStoreOutbox(settings.durableFile, settings.fsync);
    }
}
