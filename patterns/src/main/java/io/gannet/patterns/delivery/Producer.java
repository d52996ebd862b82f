package io.gannet.patterns.delivery;

import io.gannet.Context;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;

/**
 * The sending side of acknowledged delivery: it keeps every published message until a
 * consumer acknowledges it (a positive {@link Confirm}) or it is dead-lettered (a negative
 * one), delivers to the consumers that have credit (their prefetch), round-robin, and
 * delivers again what a lost or silent consumer held. Brokerless: consumers connect to the
 * producer ({@link #bind}) or the producer to them ({@link #connect}), over DEALER/ROUTER
 * on any transport; the wire protocol is in docs/acknowledged-delivery-protocol.md.
 *
 * <pre>{@code
 * try (Producer producer = Producer.builder(ctx).build()) {
 *     String endpoint = producer.bind("tcp://127.0.0.1:*");
 *     producer.publish(Message.of("hello")).thenAccept(c -> System.out.println(c.acknowledged()));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #publish}, {@link #stats()} and the rest may be called from any
 * thread. One loop thread owns the sockets; futures, the {@link ConfirmListener} and the
 * {@link DeadLetterHandler} run on it and must not block (use {@code thenXxxAsync} for slow work).
 *
 * <p><b>Contract.</b> At least once: a message is delivered until a consumer acknowledges it,
 * so a consumer may see it more than once (flagged {@link Delivery#redelivered()}). Messages
 * are delivered in publish order, except that a message going back to the queue (a lost
 * consumer, a requeue) goes to its head and overtakes nothing already delivered.
 */
public final class Producer implements AutoCloseable {
    private final Settings settings;
    private final Links links;
    private final Outbox outbox;
    private final ProducerLoop loop;
    private final Thread thread;
    private final AtomicLong sequence;
    private final int recovered;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object publishLock = new Object();
    private volatile boolean closing;

    private Producer(Context context, Settings settings) {
        this.settings = settings;
        this.outbox = settings.durableFile == null ? new MemoryOutbox() : DurableOutboxes.open(settings);
        // Linger 0: what is unsent at close is unconfirmed, and settled by abandon() or kept in the durable outbox.
        this.links = new Links(context, settings.sendHwm, 0);
        this.loop = new ProducerLoop(settings, links, outbox);
        this.recovered = loop.recover();
        this.sequence = new AtomicLong(outbox.nextSequenceStart());
        this.thread = new Thread(this::run, "gannet-producer-" + settings.name);
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
            try {
                loop.abandon(outbox instanceof MvStoreOutbox);
            } finally {
                links.close();
                outbox.close();
                stopped.countDown();
            }
        }
    }

    /** Accepts consumers on {@code endpoint} and returns it with wildcards resolved ({@code tcp://127.0.0.1:40123}). */
    public String bind(String endpoint) {
        return call(() -> links.bind(endpoint));
    }

    /** Connects to a consumer that bound {@code endpoint} (kept and remade in the background). */
    public void connect(String endpoint) {
        call(() -> {
            links.send(links.connect(endpoint), Wire.hello(settings.name));
            return null;
        });
    }

    /** Publishes a message with this body; see {@link #publish(Message)}. */
    public CompletableFuture<Confirm> publish(byte[] body) {
        return publish(Message.of(body));
    }

    /**
     * Publishes a message: records it in the outbox and queues it for the next consumer with
     * credit. The future completes with the message's {@link Confirm}. When the outbox is full
     * this blocks (up to {@link Builder#blockWhenFull(Duration)}) or throws
     * {@link OutboxFullException} ({@link Builder#failWhenFull()}); it never grows without bound.
     *
     * @throws IllegalArgumentException when a message with the same id is still unconfirmed
     * @throws IllegalStateException    when the producer is closed
     */
    public CompletableFuture<Confirm> publish(Message message) {
        if (closing) {
            throw new IllegalStateException("producer " + settings.name + " is closed");
        }
        acquirePlace();
        long order = sequence.getAndIncrement();
        String id = message.id() != null ? message.id() : settings.name + "-" + order;
        long now = System.currentTimeMillis();
        Duration ttl = message.ttl() != null ? message.ttl() : settings.ttl;
        Entry e = new Entry(id, order, message.body(), message.headers(), now, ttl == null ? 0 : now + ttl.toMillis());
        // Under the lock, so that close() sees either nothing of this message or all of it.
        synchronized (publishLock) {
            if (closing) {
                loop.capacity.release();
                throw new IllegalStateException("producer " + settings.name + " is closed");
            }
            if (loop.unconfirmed.putIfAbsent(id, e) != null) {
                loop.capacity.release();
                throw new IllegalArgumentException("message id " + id + " is already unconfirmed");
            }
            outbox.store(e);
            loop.counters.published.increment();
            loop.incoming.add(e);
        }
        links.wakeup();
        return e.future;
    }

    private void acquirePlace() {
        if (settings.failWhenFull) {
            if (!loop.capacity.tryAcquire()) {
                throw new OutboxFullException("outbox of " + settings.name + " holds " + settings.outboxCapacity
                        + " unconfirmed messages");
            }
            return;
        }
        long deadline = System.nanoTime() + settings.blockNanos;
        try {
            // Waits in slices, so that a publisher blocked on a full outbox notices close().
            while (!loop.capacity.tryAcquire(Math.min(100_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                if (closing) {
                    throw new IllegalStateException("producer " + settings.name + " is closed");
                }
                if (deadline - System.nanoTime() <= 0) {
                    throw new OutboxFullException("outbox of " + settings.name + " stayed full for "
                            + Duration.ofNanos(settings.blockNanos));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxFullException("interrupted while waiting for room in the outbox");
        }
    }

    /** Waits until every message published before this call has been committed to the outbox. */
    public void flush() {
        call(() -> {
            outbox.commit();
            return null;
        });
    }

    /**
     * Waits until no message is unconfirmed, and every confirm has reached the confirm listener,
     * or {@code timeout} passes; true when none is left.
     */
    public boolean awaitConfirms(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!loop.unconfirmed.isEmpty() || loop.unannounced.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5); // polled, not signalled: a waiter must not slow the confirm path
        }
        return true;
    }

    /** How many unconfirmed messages the durable outbox gave back at start (0 in memory). */
    public int recovered() {
        return recovered;
    }

    /** This producer's name (the prefix of the ids it assigns). */
    public String name() {
        return settings.name;
    }

    /** A snapshot of this producer's counters. */
    public Stats stats() {
        ProducerLoop.Counters c = loop.counters;
        return new Stats(c.published.sum(), c.acknowledged.sum(), c.deadLettered.sum(), c.deliveries.sum(),
                c.redeliveries.sum(), c.sessionsLost.sum(), c.lateAcks.sum(), c.protocolErrors.sum(),
                c.handlerFailures.sum(), loop.unconfirmed.size(), c.queued, c.sessions);
    }

    private <T> T call(Callable<T> task) {
        if (closing) {
            throw new IllegalStateException("producer " + settings.name + " is closed");
        }
        return LoopCall.run(loop.commands, links, task);
    }

    /**
     * Stops the loop and closes the sockets. Messages still unconfirmed get a negative confirm
     * with {@link DeadLetterReason#PRODUCER_CLOSED} (and go to the dead-letter handler); with a
     * durable outbox they stay in it for the next producer on the same file instead, and their
     * futures fail. Call {@link #awaitConfirms} first to let them settle.
     */
    @Override
    public void close() {
        synchronized (publishLock) {
            closing = true;
        }
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
     * Counters of one producer.
     *
     * @param published      messages accepted by {@link #publish}
     * @param acknowledged   positive confirms
     * @param deadLettered   negative confirms
     * @param deliveries     DELIVER commands sent (first deliveries and redeliveries)
     * @param redeliveries   deliveries of a message that had been delivered before
     * @param sessionsLost   consumer sessions ended by a disconnect, missed heartbeats or an ack timeout
     * @param lateAcks       acknowledgements from a consumer that no longer held the message (still confirmed)
     * @param protocolErrors malformed commands ignored
     * @param deadLetterHandlerFailures exceptions thrown by the dead-letter handler
     * @param unconfirmed    messages published and not yet confirmed
     * @param queued         messages waiting for credit
     * @param consumers      consumer sessions now
     */
    public record Stats(long published, long acknowledged, long deadLettered, long deliveries, long redeliveries,
            long sessionsLost, long lateAcks, long protocolErrors, long deadLetterHandlerFailures, int unconfirmed,
            int queued, int consumers) {
    }

    /** The settings, fixed at build time. */
    static final class Settings {
        String name = UUID.randomUUID().toString().substring(0, 8);
        long heartbeatIntervalNanos = TimeUnit.SECONDS.toNanos(1);
        long heartbeatTimeoutNanos = TimeUnit.SECONDS.toNanos(3);
        long ackTimeoutNanos = TimeUnit.SECONDS.toNanos(60);
        int maxDeliveries = 10;
        Duration ttl;
        int outboxCapacity = 100_000;
        boolean failWhenFull;
        long blockNanos = Long.MAX_VALUE;
        Path durableFile;
        FsyncPolicy fsync = FsyncPolicy.EVERY_COMMIT;
        DeadLetterHandler deadLetterHandler = letter -> { };
        ConfirmListener confirmListener;
        int sendHwm = 10_000;
        long tickMillis = 20;
    }

    /** Builds a {@link Producer}. */
    public static final class Builder {
        private final Context context;
        private final Settings s = new Settings();

        private Builder(Context context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        /** The producer's name, the prefix of the message ids it assigns; default random. Use a stable name with a durable outbox. */
        public Builder name(String name) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty name");
            }
            s.name = name;
            return this;
        }

        /**
         * How often a heartbeat goes to each consumer (default 1 s), and how long a consumer may
         * stay silent before its deliveries go to others (default 3 s).
         */
        public Builder heartbeat(Duration interval, Duration timeout) {
            if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) <= 0) {
                throw new IllegalArgumentException("need 0 < interval < timeout: " + interval + ", " + timeout);
            }
            s.heartbeatIntervalNanos = interval.toNanos();
            s.heartbeatTimeoutNanos = timeout.toNanos();
            s.tickMillis = Math.max(1, Math.min(20, interval.toMillis() / 4));
            return this;
        }

        /**
         * How long a consumer may hold a delivery unsettled (default 60 s; zero: for ever). When
         * its oldest delivery passes this, the consumer's session ends: everything it held goes
         * to other consumers, and it is asked to say READY again.
         */
        public Builder ackTimeout(Duration timeout) {
            s.ackTimeoutNanos = timeout.toNanos();
            return this;
        }

        /** How many deliveries a message gets before it is dead-lettered (default 10; 0: no limit). */
        public Builder maxDeliveries(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxDeliveries < 0");
            }
            s.maxDeliveries = max;
            return this;
        }

        /** The time to live of messages published without one (default none). */
        public Builder ttl(Duration ttl) {
            s.ttl = ttl;
            return this;
        }

        /** At most this many unconfirmed messages (default 100,000). */
        public Builder outboxCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity < 1");
            }
            s.outboxCapacity = capacity;
            return this;
        }

        /** A full outbox makes {@link #publish} throw {@link OutboxFullException} at once. */
        public Builder failWhenFull() {
            s.failWhenFull = true;
            return this;
        }

        /** A full outbox makes {@link #publish} wait up to {@code maxWait}, then throw (the default waits for ever). */
        public Builder blockWhenFull(Duration maxWait) {
            s.failWhenFull = false;
            s.blockNanos = maxWait.toNanos();
            return this;
        }

        /**
         * Keeps unconfirmed messages in an H2 MVStore file, so that a producer restarted on the
         * same file sends them again. Needs {@code com.h2database:h2} on the class or module path.
         */
        public Builder durableOutbox(Path file, FsyncPolicy fsync) {
            s.durableFile = Objects.requireNonNull(file, "file");
            s.fsync = Objects.requireNonNull(fsync, "fsync");
            return this;
        }

        /** Where dead letters go (default: nowhere but the negative confirm). */
        public Builder deadLetters(DeadLetterHandler handler) {
            s.deadLetterHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Receives every confirm, in batches. */
        public Builder confirms(ConfirmListener listener) {
            s.confirmListener = listener;
            return this;
        }

        /** Starts the producer. */
        public Producer build() {
            return new Producer(context, s);
        }
    }
}
