package io.gannet.internal.crypto;

import java.nio.ByteBuffer;

/**
 * Poly1305 (RFC 8439 section 2.5) over a region of a {@link ByteBuffer}, with the 130-bit
 * accumulator in five 26-bit limbs held in longs (every product fits: 26 + 29 bits, five
 * summed stay below 2^58). One-shot: {@link #compute} takes the one-time key and the whole
 * message and leaves the 16-byte tag in {@link #tagLow()}/{@link #tagHigh()} as two
 * little-endian longs. Reads only; allocates nothing. Not thread-safe (one per session).
 *
 * <pre>
 *  r = key[0..16) clamped, s = key[16..32)
 *  h = 0; for each 16-byte block m (a shorter last one padded with 0x01 then zeros):
 *      h = (h + m + 2^128 (full block) ) * r  mod 2^130 - 5
 *  tag = (h + s) mod 2^128
 * </pre>
 */
final class Poly1305Mac {
    private static final long MASK26 = 0x3FFFFFF;

    private long tagLow;
    private long tagHigh;

    /** The low 8 bytes of the last tag, little-endian. */
    long tagLow() {
        return tagLow;
    }

    /** The high 8 bytes of the last tag, little-endian. */
    long tagHigh() {
        return tagHigh;
    }

    /**
     * Computes the tag of {@code length} bytes of {@code b} (big-endian order) from
     * {@code at} under the one-time key {@code rLow, rHigh, sLow, sHigh} (its four
     * little-endian longs).
     */
    void compute(long rLow, long rHigh, long sLow, long sHigh, ByteBuffer b, int at, int length) {
        long r0 = rLow & 0x3FFFFFF;
        long r1 = (rLow >>> 26) & 0x3FFFF03;
        long r2 = ((rLow >>> 52) | (rHigh << 12)) & 0x3FFC0FF;
        long r3 = (rHigh >>> 14) & 0x3F03FFF;
        long r4 = (rHigh >>> 40) & 0x00FFFFF;
        long s1 = r1 * 5;
        long s2 = r2 * 5;
        long s3 = r3 * 5;
        long s4 = r4 * 5;
        long h0 = 0;
        long h1 = 0;
        long h2 = 0;
        long h3 = 0;
        long h4 = 0;
        int p = at;
        int end = at + length;
        while (p < end) {
            long lo;
            long hi;
            long top;
            if (end - p >= 16) {
                lo = Long.reverseBytes(b.getLong(p));
                hi = Long.reverseBytes(b.getLong(p + 8));
                top = 1L << 24;
                p += 16;
            } else {
                lo = 0;
                hi = 0;
                int n = end - p;
                for (int i = 0; i < n; i++) {
                    long v = b.get(p + i) & 0xFFL;
                    if (i < 8) {
                        lo |= v << (8 * i);
                    } else {
                        hi |= v << (8 * (i - 8));
                    }
                }
                if (n < 8) {
                    lo |= 1L << (8 * n);
                } else {
                    hi |= 1L << (8 * (n - 8));
                }
                top = 0;
                p = end;
            }
            h0 += lo & MASK26;
            h1 += (lo >>> 26) & MASK26;
            h2 += ((lo >>> 52) | (hi << 12)) & MASK26;
            h3 += (hi >>> 14) & MASK26;
            h4 += (hi >>> 40) | top;

            long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

            long c = d0 >>> 26;
            h0 = d0 & MASK26;
            d1 += c;
            c = d1 >>> 26;
            h1 = d1 & MASK26;
            d2 += c;
            c = d2 >>> 26;
            h2 = d2 & MASK26;
            d3 += c;
            c = d3 >>> 26;
            h3 = d3 & MASK26;
            d4 += c;
            c = d4 >>> 26;
            h4 = d4 & MASK26;
            h0 += c * 5;
            c = h0 >>> 26;
            h0 &= MASK26;
            h1 += c;
        }
        finish(h0, h1, h2, h3, h4, sLow, sHigh);
    }

    /** Fully reduces h mod 2^130 - 5, adds s mod 2^128. */
    private void finish(long h0, long h1, long h2, long h3, long h4, long sLow, long sHigh) {
        long c = h1 >>> 26;
        h1 &= MASK26;
        h2 += c;
        c = h2 >>> 26;
        h2 &= MASK26;
        h3 += c;
        c = h3 >>> 26;
        h3 &= MASK26;
        h4 += c;
        c = h4 >>> 26;
        h4 &= MASK26;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= MASK26;
        h1 += c;

        // g = h + 5 - 2^130: if it does not go negative, h >= p and g is the reduced value
        long g0 = h0 + 5;
        c = g0 >>> 26;
        g0 &= MASK26;
        long g1 = h1 + c;
        c = g1 >>> 26;
        g1 &= MASK26;
        long g2 = h2 + c;
        c = g2 >>> 26;
        g2 &= MASK26;
        long g3 = h3 + c;
        c = g3 >>> 26;
        g3 &= MASK26;
        long g4 = h4 + c - (1L << 26);
        long useG = ~(g4 >> 63); // all ones when g4 >= 0 (no branch on secret data)
        h0 = (h0 & ~useG) | (g0 & useG);
        h1 = (h1 & ~useG) | (g1 & useG);
        h2 = (h2 & ~useG) | (g2 & useG);
        h3 = (h3 & ~useG) | (g3 & useG);
        h4 = (h4 & ~useG) | (g4 & MASK26 & useG);

        long low = h0 | (h1 << 26) | (h2 << 52);
        long high = (h2 >>> 12) | (h3 << 14) | (h4 << 40);
        long sumLow = low + sLow;
        long carry = ((low & sLow) | ((low | sLow) & ~sumLow)) >>> 63; // unsigned overflow, without a branch
        tagLow = sumLow;
        tagHigh = high + sHigh + carry;
    }
}
