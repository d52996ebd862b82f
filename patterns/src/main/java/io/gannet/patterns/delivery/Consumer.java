package io.gannet.patterns.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.gannet.Context;
import java.util.concurrent.Callable;

/**
 * The receiving side of acknowledged delivery: it tells each {@link Producer} it hears how
 * many deliveries it may hold unsettled (its prefetch), hands deliveries to the application
 * through {@link #receive(Duration)}, and sends their acks and rejects back. It may connect to
 * producers that bind, or bind for producers that connect, on any transport.
 *
 * <pre>{@code
 * try (Consumer consumer = Consumer.builder(ctx).prefetch(100).build()) {
 *     consumer.connect(endpoint);
 *     Delivery d = consumer.receive(Duration.ofSeconds(1));
 *     if (d != null) { process(d.body()); d.ack(); }
 * }
 * }</pre>
 *
 * <p><b>Prefetch.</b> The prefetch is this consumer's own: it holds at most {@code prefetch}
 * unsettled deliveries from all producers together. It divides the prefetch among the
 * producers it has links to (each announced its part in READY) and lends a producer more only
 * after another confirmed a cut, so the bound holds while the division changes. A producer
 * that does not speak the batch feature of the protocol (an older or minimal one) gets the
 * whole prefetch for itself. A producer sends the next message only when an ack or reject has
 * come back (credit travels with the settlements; nothing polls). Acks travel in batches: each
 * pass of the consumer's loop sends every ack made since the last one in one message per producer.
 *
 * <p><b>Duplicates.</b> Delivery is at least once. With {@link Builder#dedupWindow(int)}, the
 * ids of the last N acknowledged messages are remembered, and a message delivered again after
 * it was acknowledged here is acknowledged again without reaching the application: effectively
 * once for messages that arrive twice at the same consumer within the window. A copy that goes
 * to another consumer, or that arrives while the first is still unsettled here, is not caught.
 *
 * <p><b>Threads.</b> Every method may be called from any thread; one loop thread owns the sockets.
 */
public final class Consumer implements AutoCloseable {
    private final Settings settings;
    private final Links links;
    private final ConsumerLoop loop;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;

    private Consumer(Context context, Settings settings) {
        this.settings = settings;
        // A short linger lets the last acks leave after close(); a gone producer delivers them again anyway.
        this.links = new Links(context, 10_000, 500);
        this.loop = new ConsumerLoop(settings, links);
        this.thread = new Thread(this::run, "gannet-consumer-" + settings.instanceId);
        thread.setDaemon(true);
        thread.start();
    }

    /** A builder with the defaults described on each setting. */
    public static Builder builder(Context context) {
        return new Builder(context);
    }

    private void run() {
        try {
            while (!closing) {
                loop.pass();
            }
            loop.pass();
        } finally {
            links.close();
            stopped.countDown();
        }
    }

    /** Accepts producers that connect to {@code endpoint}; returns it with wildcards resolved. */
    public String bind(String endpoint) {
        return call(() -> links.bind(endpoint));
    }

    /** Connects to a producer that bound {@code endpoint} and says READY to it. */
    public void connect(String endpoint) {
        call(() -> {
            loop.connected(links.connect(endpoint));
            return null;
        });
    }

    /** The next delivery, waiting up to {@code timeout}; null if none came. */
    public Delivery receive(Duration timeout) throws InterruptedException {
        return loop.inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** This consumer's instance id (what producers know it by). */
    public String instanceId() {
        return settings.instanceId;
    }

    /** A snapshot of this consumer's counters. */
    public Stats stats() {
        ConsumerLoop.Counters c = loop.counters;
        return new Stats(c.received.sum(), c.redelivered.sum(), c.acked.sum(), c.rejected.sum(),
                c.duplicatesSuppressed.sum(), c.staleSettlements.sum(), c.protocolErrors.sum(),
                c.maxUnsettled, c.maxUnsettledPerProducer);
    }

    private <T> T call(Callable<T> task) {
        if (closing) {
            throw new IllegalStateException("consumer " + settings.instanceId + " is closed");
        }
        return LoopCall.run(loop.commands, links, task);
    }

    /**
     * Sends the settlements made so far, then closes the sockets. Deliveries not settled by
     * then are delivered again by their producers (to this consumer's successors).
     */
    @Override
    public void close() {
        closing = true;
        links.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Counters of one consumer.
     *
     * @param received             deliveries handed to the application
     * @param redelivered          of which flagged redelivered
     * @param acked                acknowledgements sent
     * @param rejected             rejects sent
     * @param duplicatesSuppressed deliveries of an id acknowledged recently, acknowledged again without the application
     * @param staleSettlements     settlements that could not be sent (their producer was gone; it delivers again)
     * @param protocolErrors       malformed commands ignored
     * @param maxUnsettled         the most deliveries held unsettled at once, from all producers together
     * @param maxUnsettledPerProducer the most deliveries from one producer held unsettled at once
     */
    public record Stats(long received, long redelivered, long acked, long rejected, long duplicatesSuppressed,
            long staleSettlements, long protocolErrors, int maxUnsettled, int maxUnsettledPerProducer) {
    }

    /** The settings, fixed at build time. */
    static final class Settings {
        String instanceId = UUID.randomUUID().toString();
        int prefetch = 100;
        int dedupWindow;
        long heartbeatIntervalNanos = TimeUnit.SECONDS.toNanos(1);
        long heartbeatTimeoutNanos = TimeUnit.SECONDS.toNanos(3);
        long tickMillis = 20;
    }

    /** Builds a {@link Consumer}. */
    public static final class Builder {
        private final Context context;
        private final Settings s = new Settings();

        private Builder(Context context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        /** At most this many unsettled deliveries, from all producers together (default 100). */
        public Builder prefetch(int prefetch) {
            if (prefetch < 1 || prefetch > 999_999_999) {
                throw new IllegalArgumentException("prefetch must be 1 to 999,999,999: " + prefetch);
            }
            s.prefetch = prefetch;
            return this;
        }

        /** Remembers the ids of the last {@code ids} acknowledged messages to drop duplicates (default 0: off). */
        public Builder dedupWindow(int ids) {
            if (ids < 0) {
                throw new IllegalArgumentException("dedupWindow < 0");
            }
            s.dedupWindow = ids;
            return this;
        }

        /** How often heartbeats go to producers (default 1 s), and how long a bound producer may stay silent (default 3 s). */
        public Builder heartbeat(Duration interval, Duration timeout) {
            if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) <= 0) {
                throw new IllegalArgumentException("need 0 < interval < timeout: " + interval + ", " + timeout);
            }
            s.heartbeatIntervalNanos = interval.toNanos();
            s.heartbeatTimeoutNanos = timeout.toNanos();
            s.tickMillis = Math.max(1, Math.min(20, interval.toMillis() / 4));
            return this;
        }

        /** Starts the consumer. */
        public Consumer build() {
            return new Consumer(context, s);
        }
    }
}
