package io.gannet.transports.pgm.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The PGM sender (RFC 3208 section 6.1, as OpenPGM's {@code source.c} under libzmq's settings):
 * ODATA into a transmit window of {@link PgmTuning#windowSqns} TSDUs, SPMs (three at start,
 * ambient, heartbeats after data, one per SPMR, three with OPT_FIN at {@link #close}), and
 * repair: a NAK is confirmed at once by a multicast NCF and its sequence numbers queued; the
 * queued repairs go out as RDATA before any new ODATA.
 *
 * <p>Rate: ODATA and RDATA both draw on one token bucket of RATE kbit/s, each packet costing
 * its PGM bytes plus 28 (IPv4 + UDP headers), as OpenPGM counts. (libzmq gives OpenPGM only
 * an ODATA limit, so its repairs are unlimited; here repairs count too, so the wire never
 * exceeds RATE.) SPMs and NCFs are not limited, as in OpenPGM. A NAK for a sequence number
 * outside the window is neither confirmed nor repaired (OpenPGM confirms it anyway); the
 * receivers learn it is gone from the trail in the next ODATA or SPM.
 *
 * <p>Not thread-safe: the glue's I/O thread drives it. It reads no clock: every call takes
 * the current {@code System.nanoTime()}-style time. Steady state allocates nothing.
 */
public final class PgmSource {
    private final PgmWire wire;
    private final PgmTuning tuning;
    private final long gsi;
    private final int sourcePort;
    private final int port;
    private final int nla;
    private final int group;
    private final int maxTsdu;
    private final TransmitWindow window;
    private final TokenBucket bucket;
    private final SpmSchedule spms;
    private final ByteBuffer out;
    private final PgmPacket in = new PgmPacket();
    private final int[] sqns = new int[PgmHeader.MAX_NAK_LIST + 1];
    private int spmSqn;
    private int blockedCost;
    private boolean closed;

    private long odataSent;
    private long rdataSent;
    private long naksReceived;
    private long ncfsSent;
    private long spmsSent;
    private long naksIgnored;
    private long badPackets;
    private long otherPackets;

    /**
     * Creates a source with libzmq's timers ({@link PgmTuning#LIBZMQ}).
     *
     * @param s        the settings
     * @param wire     where packets go
     * @param nowNanos the current time; the three opening SPMs are due now
     */
    public PgmSource(PgmSettings s, PgmWire wire, long nowNanos) {
        this(s, wire, PgmTuning.LIBZMQ, nowNanos);
    }

    /**
     * Creates a source.
     *
     * @param s        the settings
     * @param wire     where packets go
     * @param tuning   the timers
     * @param nowNanos the current time; the three opening SPMs are due now
     */
    public PgmSource(PgmSettings s, PgmWire wire, PgmTuning tuning, long nowNanos) {
        this.wire = wire;
        this.tuning = tuning;
        this.gsi = s.tsi().gsi48();
        this.sourcePort = s.sourcePort();
        this.port = s.port();
        this.nla = Nla.toInt(s.localAddress());
        this.group = Nla.toInt(s.group());
        this.maxTsdu = s.maxTpdu() - PgmHeader.IP_UDP_OVERHEAD - PgmHeader.DATA_HEADER_LENGTH
                - PgmHeader.FRAGMENT_OPTIONS_ROOM;
        if (maxTsdu < 3) {
            throw new IllegalArgumentException("MULTICAST_MAXTPDU " + s.maxTpdu() + " leaves no room for data");
        }
        this.window = new TransmitWindow(PgmTuning.windowSqns(s), maxTsdu);
        this.bucket = new TokenBucket(s.rateKbps(), s.maxTpdu(), nowNanos);
        this.spms = new SpmSchedule(tuning, nowNanos);
        this.out = ByteBuffer.allocate(Math.max(s.maxTpdu(), PgmHeader.NAK_LENGTH + 8 + 4 * PgmHeader.MAX_NAK_LIST));
    }

    /**
     * Payload bytes one ODATA carries: MULTICAST_MAXTPDU less IP+UDP (28), the data header
     * (24) and the 20 bytes OpenPGM keeps for fragment options. This is OpenPGM's
     * {@code PGM_MSS}, the TSDU size libzmq uses (1428 at the default 1500), so packets are
     * the sizes libzmq's are.
     *
     * @return the largest TSDU {@link #send} takes
     */
    public int maxTsdu() {
        return maxTsdu;
    }

    /** @return the transmit window's size in sequence numbers */
    public int windowSqns() {
        return window.capacity();
    }

    /**
     * Sends one TSDU as ODATA now, or returns false when it must wait: the rate limit has not
     * the tokens, or repairs are waiting (they go first). Then call again at or after
     * {@link #nextDeadline()}. The bytes between position and limit are copied into the window;
     * the buffer is not changed.
     *
     * @param tsdu     the TSDU, at most {@link #maxTsdu()} bytes
     * @param nowNanos the current time
     * @return true if sent
     * @throws IllegalArgumentException if the TSDU is too large
     * @throws IllegalStateException after {@link #close}
     */
    public boolean send(ByteBuffer tsdu, long nowNanos) {
        if (closed) {
            throw new IllegalStateException("PGM source closed");
        }
        int n = tsdu.remaining();
        if (n > maxTsdu) {
            throw new IllegalArgumentException("TSDU of " + n + " bytes exceeds the maximum " + maxTsdu);
        }
        sendRepairs(nowNanos);
        int cost = PgmHeader.DATA_HEADER_LENGTH + n + PgmHeader.IP_UDP_OVERHEAD;
        if (window.hasRepair() || !bucket.tryTake(cost, nowNanos)) {
            blockedCost = cost;
            return false;
        }
        blockedCost = 0;
        int trail = window.trail(); // OpenPGM stamps the trail before the add may evict
        int sqn = window.add(tsdu);
        PgmPacketWriter.data(out, PgmHeader.TYPE_ODATA, sourcePort, port, gsi, sqn, trail, window.data(sqn), 0, n);
        wire.multicast(out);
        odataSent++;
        spms.onData(nowNanos);
        return true;
    }

    /**
     * A packet that arrived for this source: NAK (confirmed and queued for repair), N-NAK
     * (checked, counted), SPMR (answered with an SPM). Malformed packets are counted in
     * {@link PgmSourceStats#badPackets()}; nothing thrown.
     *
     * @param packet   the PGM packet between position and limit (not changed)
     * @param from     its sender
     * @param nowNanos the current time
     */
    public void receive(ByteBuffer packet, InetSocketAddress from, long nowNanos) {
        if (closed) {
            return;
        }
        if (in.parse(packet) != PgmPacket.Verdict.OK) {
            badPackets++;
            return;
        }
        int type = in.type();
        boolean upstream = type == PgmHeader.TYPE_NAK || type == PgmHeader.TYPE_NNAK || type == PgmHeader.TYPE_SPMR;
        // upstream packets swap the ports: ours are (data port -> TSI port), with our GSI
        if (!upstream || in.destinationPort() != sourcePort || in.sourcePort() != port || in.gsi() != gsi) {
            otherPackets++;
            return;
        }
        if (type == PgmHeader.TYPE_SPMR) {
            sendSpm(false);
            return;
        }
        if ((in.flags() & PgmHeader.FLAG_OPT_PARITY) != 0 || in.nla() != nla || in.groupNla() != group) {
            badPackets++; // parity (FEC) is not offered; the NLAs must be ours
            return;
        }
        if (type == PgmHeader.TYPE_NNAK) {
            otherPackets++;
            return;
        }
        onNak(nowNanos);
    }

    private void onNak(long nowNanos) {
        int count = 0;
        int listed = 1 + in.nakListLength();
        naksReceived += listed;
        for (int i = 0; i < listed; i++) {
            int sqn = i == 0 ? in.sqn() : in.nakListSqn(i - 1);
            if (window.contains(sqn)) {
                sqns[count++] = sqn;
                window.queueRepair(sqn); // false when already queued: eliminated, as OpenPGM
            } else {
                naksIgnored++;
            }
        }
        if (count > 0) {
            PgmPacketWriter.nak(out, PgmHeader.TYPE_NCF, sourcePort, port, gsi, sqns, count, nla, group);
            wire.multicast(out);
            ncfsSent++;
        }
        sendRepairs(nowNanos);
    }

    /**
     * Runs the timers: waiting repairs (as the rate allows), then any SPM due.
     *
     * @param nowNanos the current time
     * @return the next time it wants to be called at, as {@link #nextDeadline()}
     */
    public long onTimer(long nowNanos) {
        if (closed) {
            return Long.MAX_VALUE;
        }
        sendRepairs(nowNanos);
        int due = spms.due(nowNanos);
        for (int i = 0; i < due; i++) {
            sendSpm(false);
        }
        return nextDeadline();
    }

    /**
     * The next time {@link #onTimer} (or a refused {@link #send}) should run: the next SPM,
     * or when the rate limit has tokens for a waiting repair or the last refused ODATA.
     *
     * @return a {@code nanoTime}-style instant, possibly already past
     */
    public long nextDeadline() {
        if (closed) {
            return Long.MAX_VALUE;
        }
        long next = spms.nextDeadline();
        if (window.hasRepair()) {
            int cost = PgmHeader.DATA_HEADER_LENGTH + window.length(window.peekRepair()) + PgmHeader.IP_UDP_OVERHEAD;
            next = Math.min(next, bucket.readyAt(cost));
        } else if (blockedCost > 0) {
            next = Math.min(next, bucket.readyAt(blockedCost));
        }
        return next;
    }

    /**
     * Ends the session as OpenPGM does on close: three SPMs with OPT_FIN. Afterwards the
     * source sends nothing and {@link #send} throws.
     *
     * @param nowNanos the current time
     */
    public void close(long nowNanos) {
        if (closed) {
            return;
        }
        for (int i = 0; i < 3; i++) {
            sendSpm(true);
        }
        closed = true;
    }

    /** @return a snapshot of the counters */
    public PgmSourceStats stats() {
        return new PgmSourceStats(odataSent, rdataSent, naksReceived, ncfsSent, spmsSent, naksIgnored, badPackets,
                otherPackets);
    }

    /** @return this source's transport session identifier */
    public Tsi tsi() {
        return new Tsi(gsi, sourcePort);
    }

    private void sendRepairs(long nowNanos) {
        while (window.hasRepair()) {
            int sqn = window.peekRepair();
            int n = window.length(sqn);
            if (!bucket.tryTake(PgmHeader.DATA_HEADER_LENGTH + n + PgmHeader.IP_UDP_OVERHEAD, nowNanos)) {
                return;
            }
            PgmPacketWriter.data(out, PgmHeader.TYPE_RDATA, sourcePort, port, gsi, sqn, window.trail(),
                    window.data(sqn), 0, n);
            wire.multicast(out);
            window.popRepair();
            rdataSent++;
            spms.onRepair(nowNanos);
        }
    }

    private void sendSpm(boolean fin) {
        PgmPacketWriter.spm(out, sourcePort, port, gsi, spmSqn++, window.trail(), window.lead(), nla, fin);
        wire.multicast(out);
        spmsSent++;
    }

    PgmTuning tuning() {
        return tuning;
    }
}
