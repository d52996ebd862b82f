package io.gannet.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * {@link CryptoBox} boxes (XSalsa20-Poly1305) for one direction of a connection, whose
 * nonces share a 16-byte prefix and differ only in a 64-bit counter (CurveZMQ's MESSAGE
 * nonces: "CurveZMQMESSAGEC" or "CurveZMQMESSAGES" then the short nonce). XSalsa20 starts
 * every box with HSalsa20 over the key and the nonce's first 16 bytes; with the prefix fixed
 * that subkey is the same for every box, so it is made once here and each box costs only
 * its Salsa20 blocks and its Poly1305.
 *
 * <pre>
 *  subkey = HSalsa20(key, prefix16)                          once, in the constructor
 *  box n:   stream = Salsa20(subkey, nonce8 = n big-endian)  block 0: poly key (32) + 32 bytes
 *           box = tag(16) || m XOR stream[32..)              tag = Poly1305(poly key, cipher)
 * </pre>
 *
 * Boxes are sealed and opened in place in the caller's {@link ByteBuffer} (heap or direct,
 * absolute indexes; its position, limit and order are not changed): nothing is allocated
 * and nothing copied. Opening checks the tag in constant time before it decrypts. The cipher
 * and MAC are this package's ({@link Salsa20}, {@link Poly1305Mac}), checked against NaCl's
 * vectors and BouncyCastle in the tests. One per direction, on the connection's I/O thread;
 * not thread-safe. {@link #wipe()} overwrites the subkey.
 */
public final class BoxSession {
    private static final int KEY_LENGTH = 32;
    private static final int PREFIX_LENGTH = 16;

    private final int[] subkey = new int[8];
    private final int[] scratch = new int[16];
    private final long[] stream = new long[8];
    private final Poly1305Mac mac = new Poly1305Mac();

    /**
     * @param key      the precomputed box key ({@link CryptoBox#beforenm}); only read
     * @param prefix16 the first 16 bytes of every nonce of this direction
     */
    public BoxSession(byte[] key, byte[] prefix16) {
        if (key.length != KEY_LENGTH || prefix16.length != PREFIX_LENGTH) {
            throw new IllegalArgumentException("a box key is 32 bytes and a nonce prefix 16");
        }
        int[] k = new int[8];
        for (int i = 0; i < 8; i++) {
            k[i] = le32(key, 4 * i);
        }
        Salsa20.hsalsa20(k, le32(prefix16, 0), le32(prefix16, 4), le32(prefix16, 8), le32(prefix16, 12), scratch, subkey);
        Arrays.fill(k, 0);
    }

    /**
     * Seals in place the {@code plainLength} bytes at {@code boxAt + 16} of {@code buf} under
     * nonce prefix + {@code nonce}: they become the ciphertext, and the tag is written into
     * the 16 bytes at {@code boxAt}.
     */
    public void seal(long nonce, ByteBuffer buf, int boxAt, int plainLength) {
        ByteBuffer b = bigEndian(buf);
        int n0 = Integer.reverseBytes((int) (nonce >>> 32));
        int n1 = Integer.reverseBytes((int) nonce);
        int cipherAt = boxAt + CryptoBox.TAG_LENGTH;
        Salsa20.block(subkey, n0, n1, 0, scratch, stream);
        long rLow = stream[0];
        long rHigh = stream[1];
        long sLow = stream[2];
        long sHigh = stream[3];
        xor(b, cipherAt, plainLength, n0, n1);
        mac.compute(rLow, rHigh, sLow, sHigh, b, cipherAt, plainLength);
        b.putLong(boxAt, Long.reverseBytes(mac.tagLow()));
        b.putLong(boxAt + 8, Long.reverseBytes(mac.tagHigh()));
        Arrays.fill(stream, 0);
    }

    /**
     * Opens in place the box of {@code boxLength} bytes at {@code boxAt} of {@code buf}
     * (tag then ciphertext): when it authenticates, the {@code boxLength - 16} bytes at
     * {@code boxAt + 16} become the plaintext.
     *
     * @return false, having changed nothing, if the box is shorter than a tag or does not authenticate
     */
    public boolean open(long nonce, ByteBuffer buf, int boxAt, int boxLength) {
        if (boxLength < CryptoBox.TAG_LENGTH) {
            return false;
        }
        ByteBuffer b = bigEndian(buf);
        int n0 = Integer.reverseBytes((int) (nonce >>> 32));
        int n1 = Integer.reverseBytes((int) nonce);
        int cipherAt = boxAt + CryptoBox.TAG_LENGTH;
        int cipherLength = boxLength - CryptoBox.TAG_LENGTH;
        Salsa20.block(subkey, n0, n1, 0, scratch, stream);
        mac.compute(stream[0], stream[1], stream[2], stream[3], b, cipherAt, cipherLength);
        long diff = (Long.reverseBytes(b.getLong(boxAt)) ^ mac.tagLow())
                | (Long.reverseBytes(b.getLong(boxAt + 8)) ^ mac.tagHigh()); // all 16 bytes, no early exit
        if (diff != 0) {
            Arrays.fill(stream, 0);
            return false;
        }
        xor(b, cipherAt, cipherLength, n0, n1);
        Arrays.fill(stream, 0);
        return true;
    }

    /** Overwrites the subkey and the scratch state. */
    public void wipe() {
        Arrays.fill(subkey, 0);
        Arrays.fill(scratch, 0);
        Arrays.fill(stream, 0);
    }

    /**
     * XORs {@code length} bytes at {@code at} with the keystream from its byte 32 on; block 0
     * is already in {@link #stream}.
     */
    private void xor(ByteBuffer b, int at, int length, int n0, int n1) {
        int done = xorBlock(b, at, length, 4);
        long counter = 1;
        while (done < length) {
            Salsa20.block(subkey, n0, n1, counter++, scratch, stream);
            done += xorBlock(b, at + done, length - done, 0);
        }
    }

    /** XORs up to the rest of the current block, from stream word {@code word}; returns the bytes done. */
    private int xorBlock(ByteBuffer b, int at, int length, int word) {
        long[] s = stream;
        int n = Math.min(length, (8 - word) * 8);
        int p = at;
        int w = word;
        int end = at + (n & ~7);
        while (p < end) {
            b.putLong(p, b.getLong(p) ^ Long.reverseBytes(s[w++]));
            p += 8;
        }
        int tail = n & 7;
        if (tail != 0) {
            long k = s[w];
            for (int i = 0; i < tail; i++) {
                b.put(p + i, (byte) (b.get(p + i) ^ (k >>> (8 * i))));
            }
        }
        return n;
    }

    private static ByteBuffer bigEndian(ByteBuffer buf) {
        return buf.order() == ByteOrder.BIG_ENDIAN ? buf : buf.duplicate(); // a duplicate is big-endian
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
