package io.gannet.transports.pgm.protocol;

/**
 * A PGM transport session identifier (RFC 3208 section 5.1): the source's 6-byte global
 * source id (GSI) and its 16-bit source port. A value type, usable as a map key.
 *
 * @param gsi48      the GSI as the low 48 bits, first wire byte most significant
 * @param sourcePort the source port, 0..65535
 */
public record Tsi(long gsi48, int sourcePort) {

    /**
     * Validates the ranges.
     *
     * @param gsi48      the GSI in the low 48 bits
     * @param sourcePort the source port
     */
    public Tsi {
        if ((gsi48 & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("GSI has more than 48 bits: " + Long.toHexString(gsi48));
        }
        if (sourcePort < 0 || sourcePort > 0xFFFF) {
            throw new IllegalArgumentException("source port out of range: " + sourcePort);
        }
    }

    /**
     * The TSI of a 6-byte GSI and a port.
     *
     * @param gsi        six bytes, as on the wire
     * @param sourcePort the source port
     * @return the TSI
     */
    public static Tsi of(byte[] gsi, int sourcePort) {
        if (gsi.length != 6) {
            throw new IllegalArgumentException("a GSI is 6 bytes, not " + gsi.length);
        }
        long g = 0;
        for (byte b : gsi) {
            g = (g << 8) | (b & 0xFF);
        }
        return new Tsi(g, sourcePort);
    }

    /**
     * The GSI as the six bytes on the wire.
     *
     * @return a new array of 6 bytes
     */
    public byte[] gsiBytes() {
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) (gsi48 >>> (8 * (5 - i)));
        }
        return out;
    }

    /** Like OpenPGM's {@code pgm_tsi_print}: the six GSI bytes in decimal, then the port. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 6; i++) {
            sb.append((gsi48 >>> (8 * (5 - i))) & 0xFF).append('.');
        }
        return sb.append(sourcePort).toString();
    }
}
