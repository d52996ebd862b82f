package io.gannet.transports.pgm.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The PGM receiver (RFC 3208 section 6.2-6.3, as OpenPGM's {@code receiver.c} and
 * {@code rxw.c} under libzmq's settings). Each source (TSI) seen by ODATA or SPM gets a
 * receive window of {@link PgmTuning#windowSqns} sequence numbers; TSDUs go up in sequence
 * order through {@link PgmDelivery}, each exactly once.
 *
 * <ul>
 *   <li>A late joiner starts at the first ODATA it sees (or after the lead of the first SPM).</li>
 *   <li>A gap waits a random back-off of 1 µs..NAK_BO_IVL, then is NAKed (unicast to the
 *       source's NLA from its SPM, up to 63 sequence numbers a packet); without an NCF within
 *       NAK_RPT_IVL it backs off and NAKs again; after an NCF it waits NAK_RDATA_IVL for the
 *       RDATA. After NAK_NCF_RETRIES or NAK_DATA_RETRIES, or once the source's advertised
 *       trail passes it, or when the gap no longer fits the window, it is reported through
 *       {@link PgmDelivery#lost} and delivery continues after it.</li>
 *   <li>Until an SPM gives the source's NLA no NAK can go: OpenPGM 5.2 (libzmq 4.3.4) never
 *       NAKs such a gap and its stream stalls; here the gap backs off again (counting towards NAK_NCF_RETRIES) while an SPMR asks
 *       for an SPM. A source first seen by data is sent an SPMR after PGM_SPMR_EXPIRY.</li>
 *   <li>A source silent for PGM_PEER_EXPIRY is drained and forgotten.</li>
 * </ul>
 *
 * <p>Malformed packets are counted and dropped; {@link #receive} never throws for bad input.
 * Not thread-safe: the glue's I/O thread drives it; no clock is read. At most
 * {@link #MAX_SOURCES} sources are tracked at once.
 */
public final class PgmSink implements ReceiveWindow.Backoff {
    /** The most sources one sink tracks; packets of further new sources are ignored (counted). */
    public static final int MAX_SOURCES = 256;

    private final PgmWire wire;
    private final PgmDelivery delivery;
    private final PgmTuning tuning;
    private final int port;
    private final int group;
    private final int windowSqns;
    private final int slotSize;
    private final PgmPacket in = new PgmPacket();
    private final ByteBuffer out = ByteBuffer.allocate(PgmHeader.NAK_LENGTH + 8 + 4 * PgmHeader.MAX_NAK_LIST);
    private final SourceState[] sources = new SourceState[MAX_SOURCES];
    private int sourceCount;
    private SourceState lastSource;
    private long random;
    private long now;

    private long naksSent;
    private long repairsReceived;
    private long sqnsLost;
    private long delivered;
    private long duplicates;
    private long badPackets;
    private long otherPackets;

    /**
     * Creates a sink with libzmq's timers ({@link PgmTuning#LIBZMQ}).
     *
     * @param s        the settings (group, port, window from RATE × RECOVERY_IVL / MAXTPDU)
     * @param wire     where NAKs and SPMRs go
     * @param delivery where TSDUs and losses go
     */
    public PgmSink(PgmSettings s, PgmWire wire, PgmDelivery delivery) {
        this(s, wire, delivery, PgmTuning.LIBZMQ);
    }

    /**
     * Creates a sink. The NAK back-off randomness is seeded from the settings' GSI and source
     * port, so it differs between receivers and repeats in tests.
     *
     * @param s        the settings
     * @param wire     where NAKs and SPMRs go
     * @param delivery where TSDUs and losses go
     * @param tuning   the timers
     */
    public PgmSink(PgmSettings s, PgmWire wire, PgmDelivery delivery, PgmTuning tuning) {
        this.wire = wire;
        this.delivery = delivery;
        this.tuning = tuning;
        this.port = s.port();
        this.group = Nla.toInt(s.group());
        this.windowSqns = PgmTuning.windowSqns(s);
        // the biggest TSDU a packet of MULTICAST_MAXTPDU can carry without options
        this.slotSize = Math.max(1, s.maxTpdu() - PgmHeader.IP_UDP_OVERHEAD - PgmHeader.DATA_HEADER_LENGTH);
        long seed = s.tsi().gsi48() * 0x9E37_79B9_7F4A_7C15L + s.sourcePort() + 1;
        this.random = seed != 0 ? seed : 0x5DEE_CE66_DL; // xorshift never leaves 0
    }

    /**
     * A packet that arrived: ODATA, RDATA, SPM and NCF are used; anything else is counted and
     * ignored.
     *
     * @param packet   the PGM packet between position and limit (restored before return)
     * @param from     the sender's address (SPMRs go there before an SPM names the NLA)
     * @param nowNanos the current time
     */
    public void receive(ByteBuffer packet, InetSocketAddress from, long nowNanos) {
        now = nowNanos;
        if (in.parse(packet) != PgmPacket.Verdict.OK) {
            badPackets++;
            return;
        }
        int type = in.type();
        boolean downstream = type == PgmHeader.TYPE_ODATA || type == PgmHeader.TYPE_RDATA
                || type == PgmHeader.TYPE_SPM || type == PgmHeader.TYPE_NCF;
        if (!downstream || in.destinationPort() != port) {
            otherPackets++;
            return;
        }
        if ((in.flags() & PgmHeader.FLAG_OPT_PARITY) != 0) {
            badPackets++; // FEC parity: never offered by libzmq's OpenPGM, not supported
            return;
        }
        boolean data = type == PgmHeader.TYPE_ODATA || type == PgmHeader.TYPE_RDATA;
        if (data && (Sqn.unsigned(in.sqn() - in.trail()) >= (1L << 31) - 1 || in.payloadLength() > slotSize)) {
            badPackets++; // the trail must be behind the sqn (as OpenPGM); no TSDU beyond MAXTPDU
            return;
        }
        boolean mayCreate = type == PgmHeader.TYPE_ODATA || (type == PgmHeader.TYPE_SPM && !in.hasFin());
        SourceState source = find(in.gsi(), in.sourcePort(), mayCreate, from);
        if (source == null) {
            otherPackets++;
            return;
        }
        source.lastHeard = nowNanos;
        switch (type) {
            case PgmHeader.TYPE_ODATA, PgmHeader.TYPE_RDATA -> onData(source, packet, type == PgmHeader.TYPE_RDATA);
            case PgmHeader.TYPE_SPM -> onSpm(source);
            default -> onNcf(source);
        }
    }

    private void onData(SourceState source, ByteBuffer packet, boolean repair) {
        ReceiveWindow w = source.window;
        if (!w.isDefined()) {
            if (repair) {
                otherPackets++; // another receiver's repair: a late joiner starts at ODATA
                return;
            }
            w.define(in.sqn() - 1);
        } else {
            w.updateTrail(in.trail());
        }
        if (w.add(in.sqn(), packet, in.payloadIndex(), in.payloadLength(), now, now + next())) {
            if (repair) {
                repairsReceived++;
            }
        } else {
            duplicates++;
        }
    }

    private void onSpm(SourceState source) {
        if (source.spmSeen && Sqn.lt(in.sqn(), source.spmSqn)) {
            duplicates++; // OpenPGM takes SPMs whose sequence number does not go back
            return;
        }
        source.spmSeen = true;
        source.spmSqn = in.sqn();
        source.learnNla(in.nla(), port);
        source.spmrDue = Long.MAX_VALUE;
        ReceiveWindow w = source.window;
        if (!w.isDefined()) {
            w.define(in.lead());
        } else {
            w.updateTrail(in.trail());
            w.updateLead(in.lead(), now + next());
        }
    }

    private void onNcf(SourceState source) {
        ReceiveWindow w = source.window;
        if (in.groupNla() != group || !w.isDefined()) {
            otherPackets++;
            return;
        }
        long rdataExpiry = now + tuning.nakRdataNanos();
        long backoff = now + next();
        w.confirm(in.sqn(), now, rdataExpiry, backoff);
        for (int i = 0; i < in.nakListLength(); i++) {
            w.confirm(in.nakListSqn(i), now, rdataExpiry, backoff);
        }
    }

    /**
     * Runs the timers: SPM requests, NAK back-offs and retries, source expiry.
     *
     * @param nowNanos the current time
     * @return the next time it wants to be called at, as {@link #nextDeadline()}
     */
    public long onTimer(long nowNanos) {
        now = nowNanos;
        for (int k = 0; k < sourceCount; k++) {
            SourceState s = sources[k];
            s.window.onTimer(nowNanos, tuning, this);
            if (nowNanos - s.spmrDue >= 0) {
                sendSpmr(s);
            }
            if (nowNanos - s.lastHeard >= tuning.peerExpiryNanos()) {
                s.window.drain();
                remove(k--);
                delivery.expired(s.tsi);
            }
        }
        return nextDeadline();
    }

    /**
     * The next time {@link #onTimer} should run.
     *
     * @return a {@code nanoTime}-style instant, or {@code Long.MAX_VALUE} with no sources
     */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (int k = 0; k < sourceCount; k++) {
            SourceState s = sources[k];
            next = Math.min(next, Math.min(s.spmrDue, s.window.nextExpiry()));
            next = Math.min(next, s.lastHeard + tuning.peerExpiryNanos());
        }
        return next;
    }

    /** @return a snapshot of the counters */
    public PgmSinkStats stats() {
        return new PgmSinkStats(naksSent, repairsReceived, sqnsLost, sourceCount, delivered, duplicates, badPackets,
                otherPackets);
    }

    private SourceState find(long gsi, int sourcePort, boolean mayCreate, InetSocketAddress from) {
        if (lastSource != null && lastSource.is(gsi, sourcePort)) {
            return lastSource;
        }
        for (int k = 0; k < sourceCount; k++) {
            if (sources[k].is(gsi, sourcePort)) {
                lastSource = sources[k];
                return lastSource;
            }
        }
        if (!mayCreate || sourceCount == MAX_SOURCES) {
            return null;
        }
        InetSocketAddress firstHop = from == null ? null : new InetSocketAddress(from.getAddress(), port);
        SourceState s = new SourceState(this, gsi, sourcePort, windowSqns, slotSize, firstHop, now);
        if (in.type() != PgmHeader.TYPE_SPM) {
            s.spmrDue = now + tuning.spmrExpiryNanos();
        }
        sources[sourceCount++] = s;
        lastSource = s;
        delivery.joined(s.tsi);
        return s;
    }

    private void remove(int k) {
        if (sources[k] == lastSource) {
            lastSource = null;
        }
        sources[k] = sources[--sourceCount];
        sources[sourceCount] = null;
    }

    void deliver(SourceState s, ByteBuffer tsdu) {
        delivered++;
        delivery.data(s.tsi, tsdu);
    }

    void lost(SourceState s, int firstSqn, long count) {
        sqnsLost += count;
        delivery.lost(s.tsi, Sqn.unsigned(firstSqn), count);
    }

    /** Sends a NAK for the source, or asks for its NLA first (false). */
    boolean nak(SourceState s, int[] sqns, int count) {
        if (s.nakTo == null) {
            if (now - s.lastSpmr >= tuning.nakRepeatNanos()) {
                s.spmrDue = Math.min(s.spmrDue, now);
            }
            return false;
        }
        // upstream: data port -> the source's TSI port, the source's GSI
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NAK, port, s.sourcePort, s.gsi, sqns, count, s.nla, group);
        wire.unicast(out, s.nakTo);
        naksSent++;
        return true;
    }

    private void sendSpmr(SourceState s) {
        s.spmrDue = Long.MAX_VALUE;
        s.lastSpmr = now;
        InetSocketAddress to = s.nakTo != null ? s.nakTo : s.firstHop;
        if (to != null) {
            PgmPacketWriter.spmr(out, port, s.sourcePort, s.gsi);
            wire.unicast(out, to);
        }
    }

    /** A random NAK back-off in [1 µs, NAK_BO_IVL] (xorshift64*; no allocation). */
    @Override
    public long next() {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        long span = Math.max(1, tuning.nakBackoffNanos() - 1_000);
        return 1_000 + Math.floorMod(random * 0x2545_F491_4F6C_DD1DL, span);
    }
}
