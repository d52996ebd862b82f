package io.gannet.transports.pgm.protocol;

/**
 * Counters of a {@link PgmSource}, a snapshot.
 *
 * @param odataSent     ODATA packets sent
 * @param rdataSent     RDATA (repair) packets sent
 * @param naksReceived  valid NAKs received (each listed sequence number counts once)
 * @param ncfsSent      NCFs sent
 * @param spmsSent      SPMs sent (ambient, heartbeat and SPMR answers)
 * @param naksIgnored   NAKed sequence numbers no longer (or never) in the window
 * @param badPackets    packets dropped as malformed (short, checksum, options, wrong port)
 */
public record PgmSourceStats(long odataSent, long rdataSent, long naksReceived, long ncfsSent,
                             long spmsSent, long naksIgnored, long badPackets) {
}
