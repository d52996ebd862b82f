/**
 * Pure PGM (RFC 3208) in UDP encapsulation, as OpenPGM speaks it for libzmq's
 * {@code epgm://}: the packet codec, the sender ({@link io.gannet.transports.pgm.protocol.PgmSource})
 * and the receiver ({@link io.gannet.transports.pgm.protocol.PgmSink}). No sockets, threads
 * or clocks: packets go out through {@link io.gannet.transports.pgm.protocol.PgmWire}, come in
 * through {@code receive}, and time comes in as {@code nowNanos}.
 */
package io.gannet.transports.pgm.protocol;
