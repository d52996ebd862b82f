/**
 * Pure PGM (RFC 3208) in UDP encapsulation, as OpenPGM speaks it for libzmq 4.3.4's
 * {@code epgm://}: no sockets, threads or clocks. Packets go out through
 * {@link io.gannet.transports.pgm.protocol.PgmWire}, come in through {@code receive}, and
 * time comes in as {@code nowNanos}; the caller runs {@code onTimer} at {@code nextDeadline()}
 * and reads {@code nextDeadline()} again after every call that may have changed it
 * ({@code send}, {@code receive}, {@code onTimer}).
 *
 * <ul>
 *   <li>{@link io.gannet.transports.pgm.protocol.PgmSource}: the sender (ODATA, SPM,
 *       NAK to NCF and RDATA, rate limit, transmit window).</li>
 *   <li>{@link io.gannet.transports.pgm.protocol.PgmSink}: the receiver (per-TSI receive
 *       window, NAK back-off and retries, in-order delivery, loss reports).</li>
 *   <li>{@link io.gannet.transports.pgm.protocol.PgmPacket},
 *       {@link io.gannet.transports.pgm.protocol.PgmPacketWriter},
 *       {@link io.gannet.transports.pgm.protocol.PgmHeader},
 *       {@link io.gannet.transports.pgm.protocol.PgmChecksum}: the codec, checked byte for byte
 *       against packets captured from libzmq 4.3.4 + OpenPGM.</li>
 * </ul>
 *
 * <p>The settings libzmq's {@code pgm_socket.cpp} gives OpenPGM, used here
 * ({@link io.gannet.transports.pgm.protocol.PgmTuning#LIBZMQ}): ambient SPM 30 s; heartbeat
 * SPMs 100, 100, 100, 100, 1300 ms, 7, 16, 25, 30 s; peer expiry 300 s; SPMR expiry 25 ms;
 * NAK back-off 50 ms, NAK repeat 200 ms, NAK RDATA 200 ms; 50 data and 50 NCF retries; the
 * window of both ends RATE/8 × RECOVERY_IVL / MULTICAST_MAXTPDU sequence numbers (80 at the
 * defaults 100 kbit/s, 10 s, 1500); ODATA rate RATE × 1000 / 8 bytes per second, each packet
 * counted with its 28 bytes of IPv4 and UDP header; TSDUs of MAXTPDU − 72 bytes (OpenPGM's
 * {@code PGM_MSS}). IPv4 only.
 */
package io.gannet.transports.pgm.protocol;
