package io.gannet.patterns.delivery;

import java.util.ArrayList;
import java.util.HashMap;
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
 * The consumer's loop: says READY to every producer, turns DELIVERs into {@link Delivery}s for
 * the application, and sends their settlements back, acks batched per producer. Application
 * threads touch only {@link #inbox}, {@link #settlements} and {@link #commands}.
 */
final class ConsumerLoop implements Links.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    final Consumer.Settings settings;
    final Links links;
    final BlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
    final Queue<Object[]> settlements = new ConcurrentLinkedQueue<>();
    final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    final Counters counters = new Counters();

    /** Per producer link: deliveries not yet settled. Bound links appear when a producer speaks. */
    private final Map<Links.Link, int[]> unsettled = new HashMap<>();
    private final Map<Links.Link, Long> lastHeard = new HashMap<>();
    private final LinkedHashMap<String, Boolean> recentlyAcked;
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
        volatile int maxUnsettledPerProducer;
    }

    ConsumerLoop(Consumer.Settings settings, Links links) {
        this.settings = settings;
        this.links = links;
        int window = settings.dedupWindow;
        this.recentlyAcked = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > window;
            }
        };
    }

    void connected(Links.Link link) {
        unsettled.put(link, new int[1]);
        links.send(link, Wire.ready(settings.instanceId, settings.prefetch));
    }

    /** Called by {@link Delivery} from any thread. */
    void settle(Delivery d, boolean ack, boolean requeue, String reason) {
        settlements.add(new Object[] {d, ack, requeue, reason});
        links.wakeup();
    }

    void pass() {
        long timeout = settlements.isEmpty() && commands.isEmpty() ? settings.tickMillis : 0;
        links.poll(timeout, this);
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
        sendSettlements();
        timers(System.nanoTime());
    }

    private void sendSettlements() {
        Map<Links.Link, List<String>> acks = new LinkedHashMap<>();
        Object[] s;
        while ((s = settlements.poll()) != null) {
            Delivery d = (Delivery) s[0];
            d.open[0]--;
            if ((Boolean) s[1]) {
                acks.computeIfAbsent(d.link, l -> new ArrayList<>()).add(d.id());
                if (settings.dedupWindow > 0) {
                    recentlyAcked.put(d.id(), Boolean.TRUE);
                }
                counters.acked.increment();
            } else {
                counters.rejected.increment();
                if (!links.send(d.link, Wire.reject(d.id(), (Boolean) s[2], (String) s[3]))) {
                    counters.staleSettlements.increment();
                }
            }
        }
        for (Map.Entry<Links.Link, List<String>> a : acks.entrySet()) {
            if (!links.send(a.getKey(), Wire.acks(a.getValue()))) {
                counters.staleSettlements.add(a.getValue().size());
            }
        }
    }

    private void timers(long now) {
        if (now - lastHeartbeatNanos < settings.heartbeatIntervalNanos) {
            return;
        }
        lastHeartbeatNanos = now;
        for (Links.Link link : List.copyOf(unsettled.keySet())) {
            Long heard = lastHeard.get(link);
            if (!link.connected() && (heard == null || now - heard > settings.heartbeatTimeoutNanos)) {
                forgetProducer(link, "no heartbeat");
            } else {
                links.send(link, Wire.heartbeat());
            }
        }
    }

    private void forgetProducer(Links.Link link, String why) {
        LOG.debug("producer on {} lost ({})", link, why);
        unsettled.remove(link);
        lastHeard.remove(link);
        links.forget(link);
    }

    @Override
    public void onMessage(Links.Link link, List<byte[]> frames) {
        if (frames.isEmpty()) {
            counters.protocolErrors.increment();
            return;
        }
        lastHeard.put(link, System.nanoTime());
        int[] open = unsettled.computeIfAbsent(link, l -> new int[1]);
        String command = Wire.text(frames.get(0));
        switch (command) {
            case Wire.HELLO -> links.send(link, Wire.ready(settings.instanceId, settings.prefetch));
            case Wire.HB -> { }
            case Wire.DELIVER -> onDeliver(link, open, frames);
            default -> protocolError(link, "unknown command " + command);
        }
    }

    private void onDeliver(Links.Link link, int[] open, List<byte[]> frames) {
        int count = frames.size() >= 4 ? Wire.number(frames.get(2)) : -1;
        Map<String, String> headers = count >= 1 ? Wire.headers(frames, 4) : null;
        if (headers == null) {
            protocolError(link, "DELIVER needs an id, a delivery count, a body and header pairs");
            return;
        }
        String id = Wire.text(frames.get(1));
        if (settings.dedupWindow > 0 && recentlyAcked.containsKey(id)) {
            // Processed already: acknowledge again so the producer confirms it and frees the credit.
            counters.duplicatesSuppressed.increment();
            links.send(link, Wire.acks(List.of(id)));
            return;
        }
        counters.received.increment();
        if (count > 1) {
            counters.redelivered.increment();
        }
        open[0]++;
        if (open[0] > counters.maxUnsettledPerProducer) {
            counters.maxUnsettledPerProducer = open[0];
        }
        inbox.add(new Delivery(this, link, open, id, count, frames.get(3), headers));
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
