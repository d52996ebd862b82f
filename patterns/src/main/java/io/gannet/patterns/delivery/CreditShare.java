package io.gannet.patterns.delivery;

import java.util.Collection;

/**
 * Divides one consumer's prefetch among the producers it has links to, so that the deliveries
 * it holds from all of them together never exceed the prefetch. Each producer's part is
 * announced in READY; a part is only cut for real once the producer confirms the smaller one
 * (GRANTED), and only then, and as what it delivered under the larger one is settled, is the
 * difference lent to another producer. GRANTED follows on the link every DELIVERS sent
 * before it, so when it arrives the consumer holds all a producer sent under the old part.
 * Owned by the consumer loop.
 */
final class CreditShare {
    private final int prefetch;
    /** A link got less than its part last time: rebalance again as others' deliveries are settled. */
    private boolean shortOfTarget;

    CreditShare(int prefetch) {
        this.prefetch = prefetch;
    }

    /**
     * The windows every link should now have: the prefetch split evenly (the first links get the
     * remainder), each raised only as far as what the others may still use allows. Returns the
     * links whose window changed, which need a new READY.
     */
    void rebalanceIfShort(Collection<ProducerLink> links, Announcer announcer) {
        if (shortOfTarget) {
            rebalance(links, announcer);
        }
    }

    void rebalance(Collection<ProducerLink> links, Announcer announcer) {
        int sharing = 0;
        for (ProducerLink p : links) {
            if (p.shares()) {
                sharing++;
            }
        }
        if (sharing == 0) {
            return;
        }
        shortOfTarget = false;
        int base = prefetch / sharing;
        int extra = prefetch % sharing;
        // Cuts first, so that what they free (once confirmed) can be lent.
        int i = 0;
        int[] targets = new int[sharing];
        for (ProducerLink p : links) {
            if (p.shares()) {
                targets[i] = base + (i < extra ? 1 : 0);
                if (targets[i] < p.window) {
                    p.window = targets[i];
                    announcer.announce(p);
                }
                i++;
            }
        }
        i = 0;
        for (ProducerLink p : links) {
            if (p.shares()) {
                if (targets[i] > p.window) {
                    int free = prefetch - reservedByOthers(links, p);
                    int raised = Math.min(targets[i], free);
                    if (raised > p.window) {
                        p.window = raised;
                        p.reserved = Math.max(p.reserved, raised);
                        announcer.announce(p);
                    }
                    shortOfTarget |= raised < targets[i];
                }
                i++;
            }
        }
    }

    private static int reservedByOthers(Collection<ProducerLink> links, ProducerLink self) {
        int sum = 0;
        for (ProducerLink p : links) {
            if (p != self && p.shares()) {
                // What a producer has delivered before a cut stays held until settled.
                sum += Math.max(p.reserved, p.held);
            }
        }
        return sum;
    }

    /** Sends READY with a link's window. */
    interface Announcer {
        void announce(ProducerLink link);
    }
}
