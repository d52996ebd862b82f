package io.gannet.patterns.delivery;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's state machine, run by its one loop thread: the ready queue, the consumer
 * sessions with their credit, redelivery, dead letters and confirms. Publishing threads only
 * touch {@link #unconfirmed} (a concurrent map), {@link #incoming} and {@link #commands}.
 */
final class ProducerLoop implements Links.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerLoop.class);
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final Producer.Settings settings;
    final Links links;
    final Outbox outbox;
    /** Free places in the outbox; made by {@link #recover()}, which may leave it negative. */
    Semaphore capacity;
    final Map<String, Entry> unconfirmed = new ConcurrentHashMap<>();
    /** Settled this pass and not yet handed to the confirm listener (awaitConfirms waits for it too). */
    final AtomicInteger unannounced = new AtomicInteger();
    final Queue<Entry> incoming = new ConcurrentLinkedQueue<>();
    final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    final Counters counters = new Counters();

    private final ArrayDeque<Entry> ready = new ArrayDeque<>();
    private final Map<Links.Link, ConsumerSession> sessions = new HashMap<>();
    private final List<ConsumerSession> rotation = new ArrayList<>();
    private final List<Confirm> settledThisPass = new ArrayList<>();
    private final List<Entry> batch = new ArrayList<>();
    /** Counted by the loop and added to the shared counters once per pass. */
    private long deliveries;
    private int freedPlaces;
    private int next;
    private long lastHeartbeatNanos;
    private long lastSweepNanos;

    /** Counters read by {@link Producer#stats()} from any thread. */
    static final class Counters {
        final LongAdder published = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder deadLettered = new LongAdder();
        final LongAdder deliveries = new LongAdder();
        final LongAdder redeliveries = new LongAdder();
        final LongAdder sessionsLost = new LongAdder();
        final LongAdder lateAcks = new LongAdder();
        final LongAdder protocolErrors = new LongAdder();
        final LongAdder handlerFailures = new LongAdder();
        volatile int sessions;
        volatile int queued;
    }

    ProducerLoop(Producer.Settings settings, Links links, Outbox outbox) {
        this.settings = settings;
        this.links = links;
        this.outbox = outbox;
    }

    /** Queues what an earlier run left in the durable outbox, before anything new. */
    int recover() {
        List<Entry> old = outbox.recover();
        for (Entry e : old) {
            unconfirmed.put(e.id, e);
            ready.addLast(e);
        }
        // An earlier run with a larger capacity may have left more: the permits start negative then.
        capacity = new Semaphore(settings.outboxCapacity - old.size());
        return old.size();
    }

    /** One pass of the loop: wait for traffic, take new work, make it durable, deliver, settle. */
    void pass() {
        long timeoutMs = ready.isEmpty() || !anyCredit() ? settings.tickMillis : 0;
        if (!incoming.isEmpty() || !commands.isEmpty()) {
            timeoutMs = 0;
        }
        links.poll(timeoutMs, this, () -> incoming.isEmpty() && commands.isEmpty());
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
        Entry e;
        while ((e = incoming.poll()) != null) {
            ready.addLast(e);
        }
        outbox.commit();
        long now = System.nanoTime();
        timers(now);
        dispatch(now);
        counters.queued = ready.size();
        counters.sessions = sessions.size();
        if (deliveries > 0) {
            counters.deliveries.add(deliveries);
            deliveries = 0;
        }
        publishConfirms();
    }

    private boolean anyCredit() {
        for (ConsumerSession s : rotation) {
            if (s.hasCredit()) {
                return true;
            }
        }
        return false;
    }

    // ---- delivering -------------------------------------------------------------------------
    /**
     * Hands queued messages to the sessions with credit, in turn: a batch session takes up to a
     * packed frame's worth per turn, a plain one a message per turn.
     */
    private void dispatch(long now) {
        int blocked = 0;
        while (!ready.isEmpty() && !rotation.isEmpty() && blocked < rotation.size()) {
            next = (next + 1) % rotation.size();
            ConsumerSession s = rotation.get(next);
            boolean sent = s.hasCredit() && (s.batch ? deliverBatch(s, now) : deliverOne(s, now));
            blocked = sent ? 0 : blocked + 1;
        }
    }

    /** The next message still to deliver, dead-lettering expired ones on the way; null when none. */
    private Entry nextReady() {
        Entry e;
        while ((e = ready.pollFirst()) != null) {
            if (e.settled) {
                continue;
            }
            if (e.expiresAtMs != 0 && e.expired(System.currentTimeMillis())) {
                deadLetter(e, DeadLetterReason.EXPIRED, "");
                continue;
            }
            return e;
        }
        return null;
    }

    private boolean deliverOne(ConsumerSession s, long now) {
        Entry e = nextReady();
        if (e == null) {
            return false;
        }
        e.deliveries++;
        if (!links.send(s.link, Wire.deliver(e))) {
            e.deliveries--;
            ready.addFirst(e);
            return false;
        }
        delivered(s, e, now);
        return true;
    }

    private boolean deliverBatch(ConsumerSession s, long now) {
        batch.clear();
        int bytes = 0;
        int credit = s.credit();
        while (batch.size() < credit && bytes < Packed.FRAME_BYTES) {
            Entry e = nextReady();
            if (e == null) {
                break;
            }
            e.deliveries++;
            batch.add(e);
            bytes += Packed.size(e);
        }
        if (batch.isEmpty()) {
            return false;
        }
        ByteBuffer packed = ByteBuffer.allocate(bytes);
        for (Entry e : batch) {
            Packed.put(packed, e);
        }
        if (!links.send(s.link, Wire.delivers(packed.array()))) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                batch.get(i).deliveries--;
                ready.addFirst(batch.get(i));
            }
            return false;
        }
        for (Entry e : batch) {
            delivered(s, e, now);
        }
        return true;
    }

    private void delivered(ConsumerSession s, Entry e, long now) {
        e.holder = s;
        e.sentAtNanos = now;
        s.inFlight.put(e.id, e);
        deliveries++;
        if (e.deliveries > 1) {
            counters.redeliveries.increment();
        }
    }

    /** Puts an unsettled delivery back at the head of the queue, or dead-letters it when it has had its deliveries. */
    private void requeue(Entry e) {
        e.holder = null;
        if (e.settled) {
            return;
        }
        if (settings.maxDeliveries > 0 && e.deliveries >= settings.maxDeliveries) {
            deadLetter(e, DeadLetterReason.MAX_DELIVERIES, "");
        } else {
            ready.addFirst(e);
        }
    }

    // ---- settling ---------------------------------------------------------------------------
    private void acknowledged(Entry e) {
        settle(e, new Confirm(e.id, true, null, e.deliveries, ""));
        counters.acknowledged.increment();
    }

    void deadLetter(Entry e, DeadLetterReason reason, String detail) {
        try {
            settings.deadLetterHandler.onDeadLetter(
                    new DeadLetter(e.id, e.body, e.headers, reason, e.deliveries, detail, e.publishedAtMs));
        } catch (RuntimeException ex) {
            counters.handlerFailures.increment();
            LOG.warn("dead-letter handler failed for message {} ({}); its negative confirm follows", e.id, reason, ex);
        }
        settle(e, new Confirm(e.id, false, reason, e.deliveries, detail));
        counters.deadLettered.increment();
    }

    private void settle(Entry e, Confirm confirm) {
        e.settled = true;
        unconfirmed.remove(e.id);
        outbox.remove(e.id);
        freedPlaces++;
        settledThisPass.add(confirm);
        unannounced.incrementAndGet();
        e.future.complete(confirm);
    }

    private void publishConfirms() {
        if (freedPlaces > 0) {
            // Once per pass: a publisher blocked on a full outbox is woken once, not per confirm.
            capacity.release(freedPlaces);
            freedPlaces = 0;
        }
        if (settledThisPass.isEmpty()) {
            return;
        }
        if (settings.confirmListener != null) {
            try {
                settings.confirmListener.onConfirms(List.copyOf(settledThisPass));
            } catch (RuntimeException ex) {
                LOG.warn("confirm listener failed", ex);
            }
        }
        unannounced.addAndGet(-settledThisPass.size());
        settledThisPass.clear();
    }

    // ---- sessions and timers ----------------------------------------------------------------
    private void endSession(ConsumerSession s, String why) {
        sessions.remove(s.link);
        rotation.remove(s);
        counters.sessionsLost.increment();
        LOG.debug("consumer {} on {} lost ({}); {} deliveries go back to the queue", s.instanceId, s.link, why,
                s.inFlight.size());
        List<Entry> held = new ArrayList<>(s.inFlight.values());
        s.inFlight.clear();
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).holder == s) {
                requeue(held.get(i));
            }
        }
    }

    private void timers(long now) {
        long hbNanos = settings.heartbeatIntervalNanos;
        if (now - lastHeartbeatNanos >= hbNanos) {
            lastHeartbeatNanos = now;
            for (ConsumerSession s : List.copyOf(rotation)) {
                if (now - s.lastHeardNanos > settings.heartbeatTimeoutNanos) {
                    endSession(s, "no heartbeat");
                    links.forget(s.link);
                } else {
                    links.send(s.link, Wire.heartbeat());
                }
            }
            for (Links.Link link : links.connectedLinks()) {
                if (!sessions.containsKey(link)) {
                    links.send(link, Wire.hello(settings.name));
                }
            }
        }
        if (settings.ackTimeoutNanos > 0) {
            for (ConsumerSession s : List.copyOf(rotation)) {
                Iterator<Entry> oldest = s.inFlight.values().iterator();
                if (oldest.hasNext() && now - oldest.next().sentAtNanos > settings.ackTimeoutNanos) {
                    endSession(s, "ack timeout");
                    links.send(s.link, Wire.hello(settings.name));
                }
            }
        }
        if (now - lastSweepNanos >= SWEEP_NANOS) {
            lastSweepNanos = now;
            sweepExpired();
        }
    }

    private void sweepExpired() {
        long nowMs = System.currentTimeMillis();
        Iterator<Entry> it = ready.iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.settled) {
                it.remove();
            } else if (e.expired(nowMs)) {
                it.remove();
                deadLetter(e, DeadLetterReason.EXPIRED, "");
            }
        }
    }

    // ---- what consumers say -----------------------------------------------------------------
    @Override
    public void onMessage(Links.Link link, List<byte[]> frames) {
        if (frames.isEmpty()) {
            counters.protocolErrors.increment();
            return;
        }
        ConsumerSession s = sessions.get(link);
        if (s != null) {
            s.lastHeardNanos = System.nanoTime();
        }
        String command = Wire.text(frames.get(0));
        switch (command) {
            case Wire.READY -> onReady(link, s, frames);
            case Wire.ACK -> onAck(link, s, frames.subList(1, frames.size()));
            case Wire.ACKS -> onPackedAcks(link, s, frames);
            case Wire.REJECT -> onReject(link, s, frames);
            case Wire.HB -> {
                if (s == null) {
                    links.send(link, Wire.hello(settings.name));
                }
            }
            default -> protocolError(link, "unknown command " + command);
        }
    }

    private void onReady(Links.Link link, ConsumerSession s, List<byte[]> frames) {
        boolean batch = frames.size() >= 4 && hasFeature(frames, Wire.BATCH);
        int prefetch = frames.size() >= 3 ? Wire.number(frames.get(2)) : -1;
        // A batch consumer may ask for 0 (it lends its credit to other producers for a while).
        if (prefetch < (batch ? 0 : 1)) {
            protocolError(link, "READY needs an instance id and a prefetch of at least 1");
            return;
        }
        String instance = Wire.text(frames.get(1));
        if (s != null && s.instanceId.equals(instance) && s.batch == batch) {
            s.prefetch = prefetch;
            grant(s);
            return;
        }
        if (s != null) {
            endSession(s, "replaced by " + instance);
        }
        for (ConsumerSession other : List.copyOf(rotation)) {
            if (other.instanceId.equals(instance)) {
                endSession(other, "reconnected on " + link);
                links.forget(other.link);
            }
        }
        ConsumerSession fresh = new ConsumerSession(link, instance, batch, prefetch, System.nanoTime());
        sessions.put(link, fresh);
        rotation.add(fresh);
        grant(fresh);
    }

    private static boolean hasFeature(List<byte[]> frames, String feature) {
        for (int i = 3; i < frames.size(); i++) {
            if (Wire.text(frames.get(i)).equals(feature)) {
                return true;
            }
        }
        return false;
    }

    /** Tells a batch consumer that its prefetch is in force (it may then lend the difference elsewhere). */
    private void grant(ConsumerSession s) {
        if (s.batch) {
            links.send(s.link, Wire.granted(s.prefetch));
        }
    }

    private void onPackedAcks(Links.Link link, ConsumerSession s, List<byte[]> frames) {
        List<String> ids = frames.size() == 2 ? Packed.ids(frames.get(1)) : null;
        if (ids == null) {
            protocolError(link, "ACKS needs one frame of packed ids");
            return;
        }
        settleAcks(link, s, ids);
    }

    private void onAck(Links.Link link, ConsumerSession s, List<byte[]> idFrames) {
        List<String> ids = new ArrayList<>(idFrames.size());
        for (byte[] id : idFrames) {
            ids.add(Wire.text(id));
        }
        settleAcks(link, s, ids);
    }

    private void settleAcks(Links.Link link, ConsumerSession s, List<String> ids) {
        for (String id : ids) {
            if (s != null) {
                s.inFlight.remove(id);
            }
            Entry e = unconfirmed.get(id);
            if (e == null || e.settled) {
                continue;
            }
            if (e.holder != s) {
                counters.lateAcks.increment();
            }
            acknowledged(e);
        }
        if (s == null) {
            links.send(link, Wire.hello(settings.name));
        }
    }

    private void onReject(Links.Link link, ConsumerSession s, List<byte[]> frames) {
        if (frames.size() != 4) {
            protocolError(link, "REJECT needs an id, a requeue flag and a reason");
            return;
        }
        String id = Wire.text(frames.get(1));
        boolean requeue = Wire.number(frames.get(2)) == 1;
        if (s == null || s.inFlight.remove(id) == null) {
            return;
        }
        Entry e = unconfirmed.get(id);
        if (e == null || e.settled || e.holder != s) {
            return;
        }
        if (requeue) {
            requeue(e);
        } else {
            e.holder = null;
            deadLetter(e, DeadLetterReason.REJECTED, Wire.text(frames.get(3)));
        }
    }

    @Override
    public void onGone(Links.Link link) {
        ConsumerSession s = sessions.get(link);
        if (s != null) {
            endSession(s, "disconnected");
        }
    }

    private void protocolError(Links.Link link, String what) {
        counters.protocolErrors.increment();
        LOG.warn("ignored a bad message from {}: {}", link, what);
    }

    // ---- closing ----------------------------------------------------------------------------
    /** Settles what is left when the producer closes: negative confirms, or kept for the next run when durable. */
    void abandon(boolean durable) {
        for (Entry e : List.copyOf(unconfirmed.values())) {
            if (e.settled) {
                continue;
            }
            if (durable) {
                e.future.completeExceptionally(new IllegalStateException(
                        "producer closed: message " + e.id + " stays in the durable outbox for the next run"));
            } else {
                deadLetter(e, DeadLetterReason.PRODUCER_CLOSED, "");
            }
        }
        publishConfirms();
    }
}
