package io.gannet.transports.pgm.protocol;

/**
 * Counters of a {@link PgmSource}, a snapshot.
 *
 * @param odataSent     ODATA packets sent
 * @param rdataSent     RDATA (repair) packets sent
 * @param naksReceived  sequence numbers named by valid NAKs (a NAK with a list counts each)
 * @param ncfsSent      NCF packets sent
 * @param spmsSent      SPMs sent (start, ambient, heartbeat, SPMR answers, FIN)
 * @param naksIgnored   NAKed sequence numbers not in the transmit window (never sent, or
 *                      already evicted): not confirmed, not repaired
 * @param badPackets    packets dropped as malformed (short, checksum, options, NLA, parity)
 * @param otherPackets  well-formed packets not for this source (another session's NAK) or of
 *                      a type a source does not handle (ODATA, SPM, POLR, ...)
 */
public record PgmSourceStats(long odataSent, long rdataSent, long naksReceived, long ncfsSent,
                             long spmsSent, long naksIgnored, long badPackets, long otherPackets) {
}
