package io.gannet.transports.pgm.protocol;

import java.nio.ByteBuffer;

/**
 * The PGM checksum (RFC 3208 section 8): the 16-bit one's complement of the one's complement
 * sum of the whole PGM packet (header, options and data) with the checksum field taken as
 * zero. As OpenPGM, a sum that would give 0x0000 is sent as 0xFFFF, because 0x0000 means "no
 * checksum" (accepted for every type but ODATA and RDATA).
 */
public final class PgmChecksum {
    /** Offset of the checksum field in the header. */
    static final int FIELD = 6;

    private PgmChecksum() {
    }

    /**
     * The checksum of {@code length} bytes of {@code buf} from absolute index {@code from},
     * ignoring whatever the checksum field holds.
     *
     * @param buf    the packet
     * @param from   absolute index of the PGM header
     * @param length packet length in bytes
     * @return the value for the checksum field, never 0
     */
    public static int compute(ByteBuffer buf, int from, int length) {
        long sum = sum(buf, from, FIELD) + sum(buf, from + FIELD + 2, length - FIELD - 2);
        return fold(sum);
    }

    /**
     * Whether the packet's checksum field matches its contents (a zero field counts as
     * matching: the caller decides whether a checksum was mandatory).
     *
     * @param buf    the packet
     * @param from   absolute index of the PGM header
     * @param length packet length
     * @return true if absent or correct
     */
    public static boolean verify(ByteBuffer buf, int from, int length) {
        int field = buf.getShort(from + FIELD) & 0xFFFF;
        return field == 0 || field == compute(buf, from, length);
    }

    private static int fold(long sum) {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return s == 0xFFFF ? 0xFFFF : (int) (~s & 0xFFFF);
    }

    /** The unfolded sum of big-endian 16-bit words; an odd last byte is the high half of a word. */
    private static long sum(ByteBuffer buf, int from, int length) {
        if (length <= 0) {
            return 0;
        }
        long s = 0;
        int end = from + length;
        int i = from;
        if (buf.hasArray()) {
            byte[] a = buf.array();
            int base = buf.arrayOffset();
            for (; i + 1 < end; i += 2) {
                s += ((a[base + i] & 0xFF) << 8) | (a[base + i + 1] & 0xFF);
            }
            if (i < end) {
                s += (a[base + i] & 0xFF) << 8;
            }
        } else {
            for (; i + 1 < end; i += 2) {
                s += buf.getShort(i) & 0xFFFF;
            }
            if (i < end) {
                s += (buf.get(i) & 0xFF) << 8;
            }
        }
        return s;
    }
}
