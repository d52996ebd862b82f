package io.gannet;

import java.util.Arrays;

/**
 * Z85, the printable encoding of binary data defined by ZeroMQ RFC 32 (libzmq's
 * {@code zmq_z85_encode} / {@code zmq_z85_decode}): every 4 bytes become 5 characters from
 * an 85-letter alphabet safe in source code, command lines and quoted strings. CURVE keys
 * are 32 bytes, so 40 characters in Z85.
 *
 * <p>The input of {@link #encode} must be a multiple of 4 bytes long, and the input of
 * {@link #decode} a multiple of 5 characters, as the RFC requires (no padding). Stateless
 * and thread-safe.
 */
public final class Z85 {
    private static final char[] ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".toCharArray();
    /** Character code to digit value, -1 for characters outside the alphabet. */
    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DIGITS[ALPHABET[i]] = (byte) i;
        }
    }

    private Z85() {
    }

    /**
     * Encodes {@code data}, whose length must be a multiple of 4.
     *
     * @throws IllegalArgumentException if the length is not a multiple of 4
     */
    public static String encode(byte[] data) {
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("Z85 input must be a multiple of 4 bytes, got " + data.length);
        }
        char[] out = new char[data.length / 4 * 5];
        int o = 0;
        for (int i = 0; i < data.length; i += 4) {
            long value = ((data[i] & 0xFFL) << 24) | ((data[i + 1] & 0xFFL) << 16)
                    | ((data[i + 2] & 0xFFL) << 8) | (data[i + 3] & 0xFFL);
            for (int d = 4; d >= 0; d--) {
                out[o + d] = ALPHABET[(int) (value % 85)];
                value /= 85;
            }
            o += 5;
        }
        return new String(out);
    }

    /**
     * Decodes {@code text}, whose length must be a multiple of 5.
     *
     * @throws IllegalArgumentException if the length is not a multiple of 5, a character is
     *                                  not in the Z85 alphabet, or a group of 5 characters
     *                                  stands for more than 32 bits
     */
    public static byte[] decode(String text) {
        if (text.length() % 5 != 0) {
            throw new IllegalArgumentException("Z85 input must be a multiple of 5 characters, got " + text.length());
        }
        byte[] out = new byte[text.length() / 5 * 4];
        int o = 0;
        for (int i = 0; i < text.length(); i += 5) {
            long value = 0;
            for (int d = 0; d < 5; d++) {
                char c = text.charAt(i + d);
                int digit = c < 128 ? DIGITS[c] : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException("not a Z85 character at index " + (i + d));
                }
                value = value * 85 + digit;
            }
            if (value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("Z85 group at index " + i + " exceeds 32 bits");
            }
            out[o++] = (byte) (value >>> 24);
            out[o++] = (byte) (value >>> 16);
            out[o++] = (byte) (value >>> 8);
            out[o++] = (byte) value;
        }
        return out;
    }
}
