package io.gannet.transports.pgm.protocol;

import java.nio.ByteBuffer;

/**
 * One source's receive window ({@code rxw.c}), holding only what cannot be delivered yet:
 * sequence numbers [trail, lead], where trail is the next to hand up. TSDUs arriving in order
 * with nothing missing go straight up from the packet buffer; a gap gives placeholders that
 * walk the NAK state machine of RFC 3208 section 6.3 (BACK_OFF, NAK sent: WAIT_NCF, NCF
 * heard: WAIT_DATA), and data behind a gap is copied into preallocated slots until the gap
 * is filled or given up (LOST). Never more than {@code capacity} sequence numbers are held:
 * a gap that would overflow gives up its oldest entries.
 *
 * <p>Slot buffers are allocated on first use and reused, so a warm window allocates nothing.
 */
final class ReceiveWindow {

    /** Where the window's results go (the owning source state). */
    interface Output {
        void deliver(ByteBuffer tsdu);

        void lost(int firstSqn, long count);

        /** NAKs for {@code count} sequence numbers, 1..63; false if the source's NLA is unknown. */
        boolean nak(int[] sqns, int count);
    }

    static final byte BACK_OFF = 1;
    static final byte WAIT_NCF = 2;
    static final byte WAIT_DATA = 3;
    static final byte HAVE_DATA = 4;
    static final byte LOST = 5;

    private final int capacity;
    private final int slotSize;
    private final Output out;
    private final byte[] state;
    private final long[] expiry;
    private final short[] ncfRetries;
    private final short[] dataRetries;
    private final int[] lengths;
    private final ByteBuffer[] slots;
    private final int[] nakList = new int[PgmHeader.MAX_NAK_LIST + 1];

    private boolean defined;
    private int trail;
    private int lead = -1;
    private int advertisedTrail;
    private int waiting;
    private long nextExpiry = Long.MAX_VALUE;

    ReceiveWindow(int capacity, int slotSize, Output out) {
        this.capacity = capacity;
        this.slotSize = slotSize;
        this.out = out;
        this.state = new byte[capacity];
        this.expiry = new long[capacity];
        this.ncfRetries = new short[capacity];
        this.dataRetries = new short[capacity];
        this.lengths = new int[capacity];
        this.slots = new ByteBuffer[capacity];
    }

    boolean isDefined() {
        return defined;
    }

    int trail() {
        return trail;
    }

    int lead() {
        return lead;
    }

    /** Sequence numbers waiting for a repair (not yet given up). */
    int waiting() {
        return waiting;
    }

    private boolean isEmpty() {
        return lead + 1 == trail;
    }

    private int index(int sqn) {
        return (int) (Sqn.unsigned(sqn) % capacity);
    }

    /** The first packet of a session (ODATA, or an SPM's lead) sets where delivery starts. */
    void define(int previousLead) {
        defined = true;
        lead = previousLead;
        trail = previousLead + 1;
        advertisedTrail = trail;
    }

    /**
     * The source's advertised trailing edge (ODATA, RDATA, SPM): anything before it that is
     * still missing can never be repaired. Flushes.
     */
    void updateTrail(int txTrail) {
        if (Sqn.lte(txTrail, advertisedTrail)) {
            return;
        }
        advertisedTrail = txTrail;
        for (int sqn = trail; Sqn.lt(sqn, txTrail) && Sqn.lte(sqn, lead); sqn++) {
            int i = index(sqn);
            if (state[i] != HAVE_DATA && state[i] != LOST) {
                setLost(i);
            }
        }
        flush();
    }

    /**
     * Adds a TSDU (the payload of {@code packet} at [index, index+length)); delivers what
     * became contiguous. Returns false for a duplicate (already delivered, given up, or held).
     */
    boolean add(int sqn, ByteBuffer packet, int index, int length, long nowNanos, long nakExpiry) {
        if (Sqn.lt(sqn, trail)) {
            return false;
        }
        if (Sqn.lte(sqn, lead)) {
            int i = index(sqn);
            if (state[i] == HAVE_DATA) {
                return false;
            }
            store(i, packet, index, length);
            flush();
            return true;
        }
        if (sqn == lead + 1 && isEmpty()) {
            lead = sqn;
            trail = sqn + 1;
            deliverFrom(packet, index, length);
            return true;
        }
        extendTo(sqn - 1, nakExpiry);
        makeRoom(sqn);
        lead = sqn;
        store(index(sqn), packet, index, length);
        flush();
        return true;
    }

    /** An SPM's leading edge: sequence numbers up to it that never arrived are gaps. */
    void updateLead(int txLead, long nakExpiry) {
        if (Sqn.gt(txLead, lead)) {
            extendTo(txLead, nakExpiry);
            flush();
        }
    }

    /**
     * An NCF: the source will repair {@code sqn}, so stop NAKing and wait for RDATA (RFC 3208
     * 6.3). Past the lead it extends the window as OpenPGM's {@code pgm_rxw_confirm}.
     * Returns whether a waiting entry changed.
     */
    boolean confirm(int sqn, long nowNanos, long rdataExpiry, long nakExpiry) {
        if (Sqn.lt(sqn, trail)) {
            return false;
        }
        if (Sqn.gt(sqn, lead)) {
            extendTo(sqn, nakExpiry);
        }
        int i = index(sqn);
        byte s = state[i];
        if (s == BACK_OFF || s == WAIT_NCF || s == WAIT_DATA) {
            state[i] = WAIT_DATA;
            expiry[i] = rdataExpiry;
            nextExpiry = Math.min(nextExpiry, rdataExpiry);
            return true;
        }
        return false;
    }

    /** Adds gaps (BACK_OFF) after the lead up to {@code newLead}, giving up old ones to fit. */
    private void extendTo(int newLead, long nakExpiry) {
        if (Sqn.lte(newLead, lead)) {
            return;
        }
        makeRoom(newLead);
        while (lead != newLead) {
            lead++;
            int i = index(lead);
            state[i] = BACK_OFF;
            expiry[i] = nakExpiry;
            ncfRetries[i] = 0;
            dataRetries[i] = 0;
            waiting++;
        }
        nextExpiry = Math.min(nextExpiry, nakExpiry);
    }

    /** Gives up the oldest entries until [trail, newLead] fits in the window. */
    private void makeRoom(int newLead) {
        while (!isEmpty() && Sqn.unsigned(newLead - trail) >= capacity) {
            int i = index(trail);
            if (state[i] != HAVE_DATA && state[i] != LOST) {
                setLost(i);
            }
            flush();
        }
        long excess = Sqn.unsigned(newLead - trail) + 1 - capacity;
        if (isEmpty() && Sqn.gt(newLead, lead) && excess > 0) {
            out.lost(trail, excess); // never seen and beyond the window: lost in one run
            trail += (int) excess;
            lead = trail - 1;
        }
    }

    private void store(int i, ByteBuffer packet, int index, int length) {
        if (state[i] != LOST && state[i] != HAVE_DATA) {
            waiting--;
        }
        ByteBuffer slot = slots[i];
        if (slot == null) {
            slot = ByteBuffer.allocate(slotSize);
            slots[i] = slot;
        }
        slot.clear();
        slot.put(0, packet, index, length);
        lengths[i] = length;
        state[i] = HAVE_DATA;
    }

    private void setLost(int i) {
        waiting--;
        state[i] = LOST;
    }

    /** Hands up everything contiguous at the trail, lost runs reported before later data. */
    private void flush() {
        int lostFirst = 0;
        long lostCount = 0;
        while (!isEmpty()) {
            int i = index(trail);
            if (state[i] == LOST) {
                if (lostCount == 0) {
                    lostFirst = trail;
                }
                lostCount++;
            } else if (state[i] == HAVE_DATA) {
                if (lostCount > 0) {
                    out.lost(lostFirst, lostCount);
                    lostCount = 0;
                }
                ByteBuffer slot = slots[i];
                slot.limit(lengths[i]).position(0);
                state[i] = 0;
                trail++;
                out.deliver(slot);
                continue;
            } else {
                break;
            }
            state[i] = 0;
            trail++;
        }
        if (lostCount > 0) {
            out.lost(lostFirst, lostCount);
        }
        if (isEmpty() && Sqn.gt(advertisedTrail, trail)) {
            // the source has moved its trail past data never seen here
            out.lost(trail, Sqn.unsigned(advertisedTrail - trail));
            trail = advertisedTrail;
            lead = trail - 1;
        }
    }

    private void deliverFrom(ByteBuffer packet, int index, int length) {
        int position = packet.position();
        int limit = packet.limit();
        packet.limit(index + length).position(index);
        try {
            out.deliver(packet);
        } finally {
            packet.limit(limit).position(position);
        }
    }

    /**
     * Runs the NAK timers of RFC 3208 6.3 at {@code nowNanos}: expired back-offs send NAKs,
     * an expired wait for an NCF or for RDATA backs off again or, after its retries, gives
     * up. Returns the next expiry, or {@code Long.MAX_VALUE}.
     */
    long onTimer(long nowNanos, PgmTuning tuning, Backoff backoff) {
        if (waiting == 0) {
            nextExpiry = Long.MAX_VALUE;
            return nextExpiry;
        }
        int naks = 0;
        for (int sqn = trail; Sqn.lte(sqn, lead); sqn++) {
            int i = index(sqn);
            byte s = state[i];
            if (s == HAVE_DATA || s == LOST || nowNanos - expiry[i] < 0) {
                continue;
            }
            if (s == BACK_OFF) {
                nakList[naks++] = sqn;
                if (naks == nakList.length) {
                    sendNaks(naks, nowNanos, tuning, backoff);
                    naks = 0;
                }
            } else if (s == WAIT_NCF ? ++ncfRetries[i] >= tuning.nakNcfRetries()
                    : ++dataRetries[i] >= tuning.nakDataRetries()) {
                setLost(i);
            } else {
                state[i] = BACK_OFF;
                expiry[i] = nowNanos + backoff.next();
            }
        }
        if (naks > 0) {
            sendNaks(naks, nowNanos, tuning, backoff);
        }
        flush();
        long next = Long.MAX_VALUE;
        for (int sqn = trail; waiting > 0 && Sqn.lte(sqn, lead); sqn++) {
            int i = index(sqn);
            if (state[i] != HAVE_DATA && state[i] != LOST) {
                next = Math.min(next, expiry[i]);
            }
        }
        nextExpiry = next;
        return next;
    }

    /** The earliest NAK timer (may be early after a repair; then {@link #onTimer} finds nothing). */
    long nextExpiry() {
        return waiting == 0 ? Long.MAX_VALUE : nextExpiry;
    }

    /** NAKs for the collected list: WAIT_NCF; without the source's NLA, retried after a back-off. */
    private void sendNaks(int count, long nowNanos, PgmTuning tuning, Backoff backoff) {
        boolean sent = out.nak(nakList, count);
        for (int k = 0; k < count; k++) {
            int i = index(nakList[k]);
            if (sent) {
                state[i] = WAIT_NCF;
                expiry[i] = nowNanos + tuning.nakRepeatNanos();
            } else if (++ncfRetries[i] >= tuning.nakNcfRetries()) {
                setLost(i);
            } else {
                expiry[i] = nowNanos + backoff.next();
            }
        }
    }

    /** Gives up every waiting entry and hands up all it holds (the source is going away). */
    void drain() {
        for (int sqn = trail; Sqn.lte(sqn, lead); sqn++) {
            int i = index(sqn);
            if (state[i] != HAVE_DATA && state[i] != LOST) {
                setLost(i);
            }
        }
        flush();
    }

    /** A random NAK back-off interval source. */
    interface Backoff {
        long next();
    }
}
