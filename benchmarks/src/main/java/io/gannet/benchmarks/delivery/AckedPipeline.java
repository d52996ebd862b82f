package io.gannet.benchmarks.delivery;

import io.gannet.Context;
import io.gannet.patterns.delivery.Consumer;
import io.gannet.patterns.delivery.FsyncPolicy;
import io.gannet.patterns.delivery.Producer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A producer bound on an endpoint and one consumer connected to it, with the outbox a benchmark asks for. */
final class AckedPipeline implements AutoCloseable {
    final Context context = new Context();
    final Producer producer;
    final Consumer consumer;
    private final Path dir;

    /** {@code outbox}: {@code memory}, {@code durable-os} or {@code durable-fsync}. */
    AckedPipeline(String outbox, String endpoint, int prefetch, int capacity) {
        Producer.Builder b = Producer.builder(context).name("bench").outboxCapacity(capacity);
        try {
            dir = outbox.equals("memory") ? null : Files.createTempDirectory("gannet-outbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (dir != null) {
            b.durableOutbox(dir.resolve("outbox.mv"), outbox.equals("durable-fsync") ? FsyncPolicy.EVERY_COMMIT : FsyncPolicy.OS);
        }
        producer = b.build();
        consumer = Consumer.builder(context).prefetch(prefetch).build();
        consumer.connect(producer.bind(endpoint));
    }

    @Override
    public void close() {
        consumer.close();
        producer.close();
        context.close();
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
                Files.delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
