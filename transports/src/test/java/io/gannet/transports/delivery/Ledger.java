package io.gannet.transports.delivery;

import io.gannet.patterns.delivery.Confirm;
import io.gannet.patterns.delivery.ConfirmListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The books of a fault-injection run: what was processed (with which delivery count) and
 * what was confirmed, so that loss and duplicates can be counted exactly afterwards.
 */
final class Ledger implements ConfirmListener {
    final Map<String, Set<Integer>> processed = new ConcurrentHashMap<>();
    final Map<String, Boolean> confirmed = new ConcurrentHashMap<>();
    final AtomicLong processings = new AtomicLong();
    final AtomicLong sameDeliveryTwice = new AtomicLong();
    final AtomicLong confirmedTwice = new AtomicLong();
    final AtomicLong positive = new AtomicLong();
    final AtomicLong negative = new AtomicLong();

    /** Records that a consumer processed delivery number {@code count} of {@code id}. */
    void processed(String id, int count) {
        processings.incrementAndGet();
        if (!processed.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(count)) {
            sameDeliveryTwice.incrementAndGet();
        }
    }

    @Override
    public void onConfirms(List<Confirm> confirms) {
        for (Confirm c : confirms) {
            if (confirmed.put(c.id(), c.acknowledged()) != null) {
                confirmedTwice.incrementAndGet();
            }
            (c.acknowledged() ? positive : negative).incrementAndGet();
        }
    }

    long duplicates() {
        return processings.get() - processed.size();
    }

    /** Confirmed positively but never processed by any consumer: a lost message. */
    long lost() {
        return confirmed.entrySet().stream().filter(e -> e.getValue() && !processed.containsKey(e.getKey())).count();
    }

    String summary() {
        return "processed " + processed.size() + " distinct (" + processings.get() + " processings, " + duplicates()
                + " duplicates, all redeliveries: " + (sameDeliveryTwice.get() == 0) + "), confirmed " + confirmed.size()
                + " (" + positive.get() + " positive, " + negative.get() + " negative, " + confirmedTwice.get()
                + " twice), lost " + lost();
    }
}
