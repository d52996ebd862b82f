package io.gannet.transports.pgm.protocol;

/**
 * Counters of a {@link PgmSink}, a snapshot.
 *
 * @param naksSent          NAK packets sent
 * @param repairsReceived   RDATA packets that filled a gap
 * @param sqnsLost          sequence numbers given up on and reported through {@code lost()}
 * @param sources           sources currently known
 * @param delivered         TSDUs delivered
 * @param duplicates        data packets dropped as already received or delivered
 * @param badPackets        packets dropped as malformed (short, checksum, options, wrong port)
 */
public record PgmSinkStats(long naksSent, long repairsReceived, long sqnsLost, int sources,
                           long delivered, long duplicates, long badPackets) {
}
