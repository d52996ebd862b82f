package io.gannet.patterns.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's loop: says READY to every producer with its part of the prefetch, turns
 * DELIVER and DELIVERS into {@link Delivery}s for the application, and sends their
 * settlements back, acks batched per producer. Application threads touch only {@link #inbox},
 * {@link #settlements} and {@link #commands}.
 */
final class ConsumerLoop implements Links.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    final Consumer.Settings settings;
    final Links links;
    final BlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
    final Queue<Delivery> settlements = new ConcurrentLinkedQueue<>();
    final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    final Counters counters = new Counters();

    /** Per producer link, in the order they came. Bound links appear when a producer speaks. */
    private final Map<Links.Link, ProducerLink> producers = new LinkedHashMap<>();
    private final CreditShare share;
    private final DedupWindow recentlyAcked;
    private final Map<ProducerLink, List<byte[]>> acks = new LinkedHashMap<>();
    private int heldTotal;
    private long lastHeartbeatNanos;

    /** Counters read by {@link Consumer#stats()}. */
    static final class Counters {
        final LongAdder received = new LongAdder();
        final LongAdder redelivered = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder duplicatesSuppressed = new LongAdder();
        final LongAdder staleSettlements = new LongAdder();
        final LongAdder protocolErrors = new LongAdder();
        volatile int maxUnsettled;
        volatile int maxUnsettledPerProducer;
    }

    ConsumerLoop(Consumer.Settings settings, Links links) {
        this.settings = settings;
        this.links = links;
        this.share = new CreditShare(settings.prefetch);
        this.recentlyAcked = new DedupWindow(settings.dedupWindow);
    }

    void connected(Links.Link link) {
        ProducerLink p = new ProducerLink(link, System.nanoTime());
        producers.put(link, p);
        share.rebalance(producers.values(), this::announce);
        // A connecting consumer says READY at once, even with nothing to lend yet.
        if (p.window == 0) {
            announce(p);
        }
    }

    private void announce(ProducerLink p) {
        p.readySentNanos = System.nanoTime();
        links.send(p.link, Wire.ready(settings.instanceId, p.window));
    }

    /** Called by {@link Delivery} from any thread. */
    void settle(Delivery d) {
        settlements.add(d);
        // Costs a system call only when the loop sleeps; a busy loop takes every settlement made
        // during its pass in one go, so acks batch themselves under load without waiting.
        links.wakeup();
    }

    void pass() {
        long timeout = commands.isEmpty() && settlements.isEmpty() ? settings.tickMillis : 0;
        links.poll(timeout, this, () -> commands.isEmpty() && settlements.isEmpty());
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
        sendSettlements();
        timers(System.nanoTime());
    }

    private void sendSettlements() {
        Delivery d;
        while ((d = settlements.poll()) != null) {
            ProducerLink p = d.producer;
            p.held--;
            heldTotal--;
            if (d.ack) {
                acks.computeIfAbsent(p, l -> new ArrayList<>()).add(d.idBytes);
                recentlyAcked.add(d.id());
                counters.acked.increment();
            } else {
                counters.rejected.increment();
                if (!links.send(p.link, Wire.reject(d.id(), d.requeue, d.reason))) {
                    counters.staleSettlements.increment();
                }
            }
        }
        share.rebalanceIfShort(producers.values(), this::announce);
        if (acks.isEmpty()) {
            return;
        }
        for (Map.Entry<ProducerLink, List<byte[]>> a : acks.entrySet()) {
            List<byte[]> ids = a.getValue();
            if (!links.send(a.getKey().link, a.getKey().batch ? Wire.packedAcks(ids) : Wire.acks(ids))) {
                counters.staleSettlements.add(ids.size());
            }
        }
        acks.clear();
    }

    private void timers(long now) {
        if (now - lastHeartbeatNanos < settings.heartbeatIntervalNanos) {
            return;
        }
        lastHeartbeatNanos = now;
        boolean changed = false;
        for (ProducerLink p : List.copyOf(producers.values())) {
            if (!p.link.connected() && now - p.lastHeardNanos > settings.heartbeatTimeoutNanos) {
                forgetProducer(p.link, "no heartbeat");
                continue;
            }
            links.send(p.link, Wire.heartbeat());
            if (!p.batch && !p.plain && p.lastHeardNanos - p.readySentNanos > settings.heartbeatTimeoutNanos) {
                // It speaks but never confirmed a READY: a plain producer, which gets the whole prefetch.
                p.plain = true;
                p.window = settings.prefetch;
                announce(p);
                changed = true;
            }
        }
        if (changed) {
            share.rebalance(producers.values(), this::announce);
        }
    }

    private void forgetProducer(Links.Link link, String why) {
        LOG.debug("producer on {} lost ({})", link, why);
        ProducerLink gone = producers.remove(link);
        if (gone != null) {
            // Whatever it held will be delivered again by it or never settled: it no longer counts.
            heldTotal -= gone.held;
            gone.held = 0;
            share.rebalance(producers.values(), this::announce);
        }
        links.forget(link);
    }

    @Override
    public void onMessage(Links.Link link, List<byte[]> frames) {
        if (frames.isEmpty()) {
            counters.protocolErrors.increment();
            return;
        }
        long now = System.nanoTime();
        ProducerLink p = producers.get(link);
        if (p == null) {
            p = new ProducerLink(link, now);
            producers.put(link, p);
            share.rebalance(producers.values(), this::announce);
        }
        p.lastHeardNanos = now;
        String command = Wire.text(frames.get(0));
        switch (command) {
            case Wire.HELLO -> announce(p);
            case Wire.HB -> { }
            case Wire.GRANTED -> onGranted(p, frames);
            case Wire.DELIVER -> onDeliver(p, frames);
            case Wire.DELIVERS -> onDelivers(p, frames);
            default -> protocolError(link, "unknown command " + command);
        }
    }

    private void onGranted(ProducerLink p, List<byte[]> frames) {
        int granted = frames.size() == 2 ? Wire.number(frames.get(1)) : -1;
        if (granted < 0) {
            protocolError(p.link, "GRANTED needs a prefetch");
            return;
        }
        p.batch = true;
        if (p.plain) {
            p.plain = false;
            p.window = 0;
        }
        // What it confirmed is in force; a READY still on its way may raise it again.
        p.reserved = Math.max(granted, p.window);
        share.rebalance(producers.values(), this::announce);
    }

    private void onDeliver(ProducerLink p, List<byte[]> frames) {
        int count = frames.size() >= 4 ? Wire.number(frames.get(2)) : -1;
        Map<String, String> headers = count >= 1 ? Wire.headers(frames, 4) : null;
        if (headers == null) {
            protocolError(p.link, "DELIVER needs an id, a delivery count, a body and header pairs");
            return;
        }
        deliver(p, frames.get(1), Wire.text(frames.get(1)), count, frames.get(3), headers);
    }

    private void onDelivers(ProducerLink p, List<byte[]> frames) {
        List<Packed.Delivered> batch = frames.size() == 2 ? Packed.deliveries(frames.get(1)) : null;
        if (batch == null) {
            protocolError(p.link, "DELIVERS needs one frame of packed deliveries");
            return;
        }
        for (Packed.Delivered d : batch) {
            deliver(p, d.idBytes(), d.id(), d.count(), d.body(), d.headers());
        }
    }

    private void deliver(ProducerLink p, byte[] idBytes, String id, int count, byte[] body, Map<String, String> headers) {
        if (recentlyAcked.contains(id)) {
            // Processed already: acknowledge again so the producer confirms it and frees the credit.
            counters.duplicatesSuppressed.increment();
            links.send(p.link, p.batch ? Wire.packedAcks(List.of(idBytes)) : Wire.acks(List.of(idBytes)));
            return;
        }
        counters.received.increment();
        if (count > 1) {
            counters.redelivered.increment();
        }
        p.held++;
        heldTotal++;
        if (p.held > counters.maxUnsettledPerProducer) {
            counters.maxUnsettledPerProducer = p.held;
        }
        if (heldTotal > counters.maxUnsettled) {
            counters.maxUnsettled = heldTotal;
        }
        inbox.add(new Delivery(this, p, idBytes, id, count, body, headers));
    }

    @Override
    public void onGone(Links.Link link) {
        forgetProducer(link, "disconnected");
    }

    private void protocolError(Links.Link link, String what) {
        counters.protocolErrors.increment();
        LOG.warn("ignored a bad message from {}: {}", link, what);
    }
}
