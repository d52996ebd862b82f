package io.gannet.transports.pgm.protocol;

import java.util.Arrays;

/**
 * The protocol timers and retry counts. {@link #LIBZMQ} holds exactly what libzmq 4.3.4's
 * {@code pgm_socket.cpp} gives OpenPGM, which every {@code epgm://} socket uses; tests may
 * pass others. All times are nanoseconds.
 *
 * @param ambientSpmNanos   PGM_AMBIENT_SPM: an SPM at least this often (libzmq: 30 s)
 * @param heartbeatSpmNanos PGM_HEARTBEAT_SPM: SPMs this long after data, one after another
 *                          (libzmq: 100, 100, 100, 100, 1300 ms, 7, 16, 25, 30 s; as OpenPGM,
 *                          the last entry only ends the schedule)
 * @param peerExpiryNanos   PGM_PEER_EXPIRY: a source silent this long is forgotten (300 s)
 * @param spmrExpiryNanos   PGM_SPMR_EXPIRY: a source first seen by data is asked for an SPM
 *                          after this long without one (25 ms)
 * @param nakBackoffNanos   PGM_NAK_BO_IVL: a NAK waits a random 1 µs .. this long (50 ms)
 * @param nakRepeatNanos    PGM_NAK_RPT_IVL: wait this long for an NCF after a NAK (200 ms)
 * @param nakRdataNanos     PGM_NAK_RDATA_IVL: wait this long for RDATA after an NCF (200 ms)
 * @param nakDataRetries    PGM_NAK_DATA_RETRIES: NCF'd but no RDATA this many times: lost (50)
 * @param nakNcfRetries     PGM_NAK_NCF_RETRIES: NAK'd but no NCF this many times: lost (50)
 */
public record PgmTuning(long ambientSpmNanos, long[] heartbeatSpmNanos, long peerExpiryNanos,
                        long spmrExpiryNanos, long nakBackoffNanos, long nakRepeatNanos, long nakRdataNanos,
                        int nakDataRetries, int nakNcfRetries) {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** The values libzmq 4.3.4 sets on every OpenPGM socket ({@code src/pgm_socket.cpp}). */
    public static final PgmTuning LIBZMQ = new PgmTuning(30 * S,
            new long[] {100 * MS, 100 * MS, 100 * MS, 100 * MS, 1300 * MS, 7 * S, 16 * S, 25 * S, 30 * S},
            300 * S, 25 * MS, 50 * MS, 200 * MS, 200 * MS, 50, 50);

    /** Validates and copies the heartbeat schedule. */
    public PgmTuning {
        heartbeatSpmNanos = heartbeatSpmNanos.clone();
        if (heartbeatSpmNanos.length < 2) {
            throw new IllegalArgumentException("the heartbeat schedule needs at least 2 intervals");
        }
        for (long h : heartbeatSpmNanos) {
            positive(h, "heartbeat interval");
        }
        positive(ambientSpmNanos, "ambient SPM interval");
        positive(peerExpiryNanos, "peer expiry");
        positive(spmrExpiryNanos, "SPMR expiry");
        positive(nakBackoffNanos, "NAK back-off interval");
        positive(nakRepeatNanos, "NAK repeat interval");
        positive(nakRdataNanos, "NAK RDATA interval");
        positive(nakDataRetries, "NAK data retries");
        positive(nakNcfRetries, "NAK NCF retries");
    }

    /** @return a copy of the heartbeat schedule */
    @Override
    public long[] heartbeatSpmNanos() {
        return heartbeatSpmNanos.clone();
    }

    long heartbeat(int i) {
        return heartbeatSpmNanos[i];
    }

    int heartbeatCount() {
        return heartbeatSpmNanos.length;
    }

    /**
     * The window size in sequence numbers libzmq asks OpenPGM for, both ends
     * ({@code compute_sqns}): RATE / 8 (kB/s, integer division first) × RECOVERY_IVL (ms)
     * bytes, divided by MULTICAST_MAXTPDU, at least 1.
     *
     * @param s the settings
     * @return the window's sequence numbers
     */
    public static int windowSqns(PgmSettings s) {
        long bytes = (s.rateKbps() / 8) * s.recoveryIvlMs();
        long sqns = bytes / s.maxTpdu();
        // OpenPGM wants the window under half the sequence space; far beyond any real setting.
        return (int) Math.max(1, Math.min(sqns, (1L << 30)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgmTuning t && ambientSpmNanos == t.ambientSpmNanos
                && Arrays.equals(heartbeatSpmNanos, t.heartbeatSpmNanos) && peerExpiryNanos == t.peerExpiryNanos
                && spmrExpiryNanos == t.spmrExpiryNanos && nakBackoffNanos == t.nakBackoffNanos
                && nakRepeatNanos == t.nakRepeatNanos && nakRdataNanos == t.nakRdataNanos
                && nakDataRetries == t.nakDataRetries && nakNcfRetries == t.nakNcfRetries;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ambientSpmNanos) * 31 + Arrays.hashCode(heartbeatSpmNanos);
    }

    @Override
    public String toString() {
        return "PgmTuning[ambient=" + ambientSpmNanos + "ns, heartbeat=" + Arrays.toString(heartbeatSpmNanos)
                + "ns, peerExpiry=" + peerExpiryNanos + "ns, spmrExpiry=" + spmrExpiryNanos + "ns, nakBackoff="
                + nakBackoffNanos + "ns, nakRepeat=" + nakRepeatNanos + "ns, nakRdata=" + nakRdataNanos
                + "ns, nakDataRetries=" + nakDataRetries + ", nakNcfRetries=" + nakNcfRetries + "]";
    }

    private static void positive(long v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + v);
        }
    }
}
