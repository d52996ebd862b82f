package io.gannet.transports.pgm.protocol;

/**
 * Serial-number arithmetic on 32-bit PGM sequence numbers (RFC 1982 style, as OpenPGM's
 * {@code pgm_uint32_lt} and friends): {@code a} precedes {@code b} when {@code b - a}, taken
 * modulo 2^32, is below 2^31. Sequence numbers are held in Java {@code int}s and wrap freely.
 */
final class Sqn {
    private Sqn() {
    }

    static boolean lt(int a, int b) {
        return a - b < 0;
    }

    static boolean lte(int a, int b) {
        return a - b <= 0;
    }

    static boolean gt(int a, int b) {
        return a - b > 0;
    }

    static boolean gte(int a, int b) {
        return a - b >= 0;
    }

    /** The sequence number as the unsigned value the wire and the public API use. */
    static long unsigned(int sqn) {
        return sqn & 0xFFFF_FFFFL;
    }
}
