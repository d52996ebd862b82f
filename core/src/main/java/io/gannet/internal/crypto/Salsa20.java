package io.gannet.internal.crypto;

import java.util.Arrays;

/**
 * The Salsa20 core (Bernstein, "The Salsa20 family of stream ciphers") on int words, and its
 * HSalsa20 variant (the XSalsa20 paper, section 2), written for the per-message path: no
 * allocation, the 20 rounds on sixteen locals. Words are little-endian, as the spec reads
 * its bytes.
 *
 * <pre>
 *  input  0: sigma0   1-4: key 0-3   5: sigma1   6-7: nonce   8-9: block counter
 *        10: sigma2 11-14: key 4-7  15: sigma3                 (HSalsa20: 6-9 = its 16 bytes)
 *  Salsa20 block = rounds(input) + input          HSalsa20 = rounds(input) words 0,5,10,15,6,7,8,9
 * </pre>
 *
 * Stateless; callers own the arrays.
 */
final class Salsa20 {
    /** "expand 32-byte k" as four little-endian words. */
    static final int SIGMA0 = 0x61707865;
    static final int SIGMA1 = 0x3320646e;
    static final int SIGMA2 = 0x79622d32;
    static final int SIGMA3 = 0x6b206574;

    private Salsa20() {
    }

    /**
     * HSalsa20 of the 8 key words and 4 input words, into {@code out} (8 words); {@code x}
     * is 16 words of scratch, left zeroed.
     */
    static void hsalsa20(int[] key, int in0, int in1, int in2, int in3, int[] x, int[] out) {
        x[0] = SIGMA0;
        x[5] = SIGMA1;
        x[10] = SIGMA2;
        x[15] = SIGMA3;
        for (int i = 0; i < 4; i++) {
            x[1 + i] = key[i];
            x[11 + i] = key[4 + i];
        }
        x[6] = in0;
        x[7] = in1;
        x[8] = in2;
        x[9] = in3;
        rounds(x);
        out[0] = x[0];
        out[1] = x[5];
        out[2] = x[10];
        out[3] = x[15];
        out[4] = x[6];
        out[5] = x[7];
        out[6] = x[8];
        out[7] = x[9];
        Arrays.fill(x, 0);
    }

    /**
     * One 64-byte Salsa20 keystream block of {@code key} (8 words), nonce words {@code n0, n1}
     * and block {@code counter}, as eight little-endian longs into {@code out}; {@code x} is
     * 16 words of scratch.
     */
    static void block(int[] key, int n0, int n1, long counter, int[] x, long[] out) {
        int c0 = (int) counter;
        int c1 = (int) (counter >>> 32);
        x[0] = SIGMA0;
        x[1] = key[0];
        x[2] = key[1];
        x[3] = key[2];
        x[4] = key[3];
        x[5] = SIGMA1;
        x[6] = n0;
        x[7] = n1;
        x[8] = c0;
        x[9] = c1;
        x[10] = SIGMA2;
        x[11] = key[4];
        x[12] = key[5];
        x[13] = key[6];
        x[14] = key[7];
        x[15] = SIGMA3;
        rounds(x);
        out[0] = pair(x[0] + SIGMA0, x[1] + key[0]);
        out[1] = pair(x[2] + key[1], x[3] + key[2]);
        out[2] = pair(x[4] + key[3], x[5] + SIGMA1);
        out[3] = pair(x[6] + n0, x[7] + n1);
        out[4] = pair(x[8] + c0, x[9] + c1);
        out[5] = pair(x[10] + SIGMA2, x[11] + key[4]);
        out[6] = pair(x[12] + key[5], x[13] + key[6]);
        out[7] = pair(x[14] + key[7], x[15] + SIGMA3);
    }

    private static long pair(int low, int high) {
        return (low & 0xFFFFFFFFL) | ((long) high << 32);
    }

    /** The 20 rounds (10 column and row double rounds) in place. */
    static void rounds(int[] s) {
        int x0 = s[0];
        int x1 = s[1];
        int x2 = s[2];
        int x3 = s[3];
        int x4 = s[4];
        int x5 = s[5];
        int x6 = s[6];
        int x7 = s[7];
        int x8 = s[8];
        int x9 = s[9];
        int x10 = s[10];
        int x11 = s[11];
        int x12 = s[12];
        int x13 = s[13];
        int x14 = s[14];
        int x15 = s[15];
        for (int i = 0; i < 10; i++) {
            // columns
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            // rows
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        s[0] = x0;
        s[1] = x1;
        s[2] = x2;
        s[3] = x3;
        s[4] = x4;
        s[5] = x5;
        s[6] = x6;
        s[7] = x7;
        s[8] = x8;
        s[9] = x9;
        s[10] = x10;
        s[11] = x11;
        s[12] = x12;
        s[13] = x13;
        s[14] = x14;
        s[15] = x15;
    }
}
