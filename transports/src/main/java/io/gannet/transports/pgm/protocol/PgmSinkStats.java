package io.gannet.transports.pgm.protocol;

/**
 * Counters of a {@link PgmSink}, a snapshot.
 *
 * @param naksSent        NAK packets sent (one may name up to 63 sequence numbers)
 * @param repairsReceived RDATA packets that filled a gap
 * @param sqnsLost        sequence numbers given up on and reported through {@code lost()}
 * @param sources         sources currently known
 * @param delivered       TSDUs handed up through {@code data()}
 * @param duplicates      data packets dropped as already delivered, held or given up, and
 *                        SPMs whose sequence number went backwards
 * @param badPackets      packets dropped as malformed (short, checksum, options, length, NLA,
 *                        parity, sequence number too far from the trail)
 * @param otherPackets    well-formed packets not for this sink: another port, upstream types
 *                        (peers' NAKs and SPMRs), RDATA or NCF of an unknown source, a new
 *                        source beyond the limit of sources
 */
public record PgmSinkStats(long naksSent, long repairsReceived, long sqnsLost, int sources,
                           long delivered, long duplicates, long badPackets, long otherPackets) {
}
