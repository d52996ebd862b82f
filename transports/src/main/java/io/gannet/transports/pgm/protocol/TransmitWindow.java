package io.gannet.transports.pgm.protocol;

import java.nio.ByteBuffer;

/**
 * The source's transmit window ({@code txw.c}): the last {@code capacity} TSDUs sent, by
 * sequence number, for repair. As OpenPGM, it starts empty with trail 0 and lead 2^32-1, the
 * first ODATA is sqn 0, and the trail advances only when a new TSDU needs the oldest slot.
 * Slot buffers are allocated on first use and reused, so a warm window allocates nothing.
 *
 * <p>It also holds the retransmit queue: sequence numbers NAKed and not yet repaired, first
 * NAKed first, each queued at most once (repeated NAKs for a queued sqn are eliminated).
 */
final class TransmitWindow {
    private final int capacity;
    private final int slotSize;
    private final byte[][] data;
    private final int[] lengths;
    private final boolean[] queued;
    private final int[] repairs;
    private int repairHead;
    private int repairCount;
    private int trail;
    private int lead = -1;

    TransmitWindow(int capacity, int slotSize) {
        this.capacity = capacity;
        this.slotSize = slotSize;
        this.data = new byte[capacity][];
        this.lengths = new int[capacity];
        this.queued = new boolean[capacity];
        this.repairs = new int[capacity];
    }

    int trail() {
        return trail;
    }

    int lead() {
        return lead;
    }

    int nextSqn() {
        return lead + 1;
    }

    int capacity() {
        return capacity;
    }

    /** Sequence numbers held: 0 when empty. */
    int length() {
        return lead + 1 - trail;
    }

    boolean contains(int sqn) {
        return length() > 0 && Sqn.gte(sqn, trail) && Sqn.lte(sqn, lead);
    }

    private int index(int sqn) {
        return (int) (Sqn.unsigned(sqn) % capacity);
    }

    /** Copies the TSDU in as the next sqn, evicting the oldest when full; returns the sqn. */
    int add(ByteBuffer tsdu) {
        if (length() == capacity) {
            int i = index(trail);
            queued[i] = false;
            trail++;
        }
        int sqn = ++lead;
        int i = index(sqn);
        if (data[i] == null) {
            data[i] = new byte[slotSize];
        }
        int n = tsdu.remaining();
        tsdu.get(tsdu.position(), data[i], 0, n);
        lengths[i] = n;
        return sqn;
    }

    byte[] data(int sqn) {
        return data[index(sqn)];
    }

    int length(int sqn) {
        return lengths[index(sqn)];
    }

    /** Queues a repair; false when not in the window or already queued. */
    boolean queueRepair(int sqn) {
        if (!contains(sqn)) {
            return false;
        }
        int i = index(sqn);
        if (queued[i] || repairCount == capacity) {
            return false;
        }
        queued[i] = true;
        repairs[(repairHead + repairCount) % capacity] = sqn;
        repairCount++;
        return true;
    }

    /** Whether a repair waits; drops queue entries whose data has left the window. */
    boolean hasRepair() {
        while (repairCount > 0) {
            int sqn = repairs[repairHead];
            if (contains(sqn) && queued[index(sqn)]) {
                return true;
            }
            popRepair();
        }
        return false;
    }

    /** The first waiting repair; only after {@link #hasRepair()} said true. */
    int peekRepair() {
        return repairs[repairHead];
    }

    /** Removes the first waiting repair (sent, or gone). */
    void popRepair() {
        int sqn = repairs[repairHead];
        if (contains(sqn)) {
            queued[index(sqn)] = false;
        }
        repairHead = (repairHead + 1) % capacity;
        repairCount--;
    }
}
