package io.gannet.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

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
 * The primitives are BouncyCastle's: its Salsa20 core ({@link Salsa20Engine#salsaCore}, from
 * which HSalsa20 is the core minus its input, as XSalsa20Engine makes it) and its
 * {@link Poly1305}. What is ours is only the composition, which lets a box be sealed and
 * opened in place in the caller's {@link ByteBuffer} (heap or direct, absolute indexes; its
 * position, limit and order are not changed) with nothing allocated per box. Opening checks
 * the tag in constant time before it decrypts. The tests check every length against
 * {@link CryptoBox} (BouncyCastle's XSalsa20Engine) and NaCl's box vector. One per direction,
 * on the connection's I/O thread; not thread-safe. {@link #wipe()} overwrites the key
 * material.
 */
public final class BoxSession {
    private static final int KEY_LENGTH = 32;
    private static final int PREFIX_LENGTH = 16;
    private static final int ROUNDS = 20;
    /** "expand 32-byte k" as four little-endian words. */
    private static final int SIGMA0 = 0x61707865;
    private static final int SIGMA1 = 0x3320646e;
    private static final int SIGMA2 = 0x79622d32;
    private static final int SIGMA3 = 0x6b206574;
    /** Bytes copied at a time to feed Poly1305 from a buffer without an array. */
    private static final int MAC_CHUNK = 1024;

    /** Salsa20 input: sigma, subkey, nonce words 6-7 and counter words 8-9 set per block. */
    private final int[] state = new int[16];
    /** The last keystream block, sixteen little-endian words. */
    private final int[] stream = new int[16];
    private final Poly1305 mac = new Poly1305();
    /** Reused for every box: BouncyCastle's KeyParameter hands out its own array. */
    private final KeyParameter macKey = new KeyParameter(new byte[KEY_LENGTH]);
    private final byte[] tag = new byte[16];
    private byte[] chunk;

    /**
     * @param key      the precomputed box key ({@link CryptoBox#beforenm}); only read
     * @param prefix16 the first 16 bytes of every nonce of this direction
     */
    public BoxSession(byte[] key, byte[] prefix16) {
        if (key.length != KEY_LENGTH || prefix16.length != PREFIX_LENGTH) {
            throw new IllegalArgumentException("a box key is 32 bytes and a nonce prefix 16");
        }
        int[] in = state;
        in[0] = SIGMA0;
        in[5] = SIGMA1;
        in[10] = SIGMA2;
        in[15] = SIGMA3;
        for (int i = 0; i < 4; i++) {
            in[1 + i] = le32(key, 4 * i);
            in[11 + i] = le32(key, 16 + 4 * i);
            in[6 + i] = le32(prefix16, 4 * i);
        }
        // HSalsa20: the words 0, 5, 10, 15, 6, 7, 8, 9 of the rounds, i.e. of the core minus its input
        Salsa20Engine.salsaCore(ROUNDS, in, stream);
        int[] subkey = {
            stream[0] - in[0], stream[5] - in[5], stream[10] - in[10], stream[15] - in[15],
            stream[6] - in[6], stream[7] - in[7], stream[8] - in[8], stream[9] - in[9],
        };
        System.arraycopy(subkey, 0, in, 1, 4);
        System.arraycopy(subkey, 4, in, 11, 4);
        Arrays.fill(subkey, 0);
        Arrays.fill(stream, 0);
    }

    /**
     * Seals in place the {@code plainLength} bytes at {@code boxAt + 16} of {@code buf} under
     * nonce prefix + {@code nonce}: they become the ciphertext, and the tag is written into
     * the 16 bytes at {@code boxAt}.
     */
    public void seal(long nonce, ByteBuffer buf, int boxAt, int plainLength) {
        ByteBuffer b = bigEndian(buf);
        int cipherAt = boxAt + CryptoBox.TAG_LENGTH;
        startBox(nonce);
        xor(b, cipherAt, plainLength);
        authenticate(b, cipherAt, plainLength);
        b.put(boxAt, tag);
        clear();
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
        int cipherAt = boxAt + CryptoBox.TAG_LENGTH;
        int cipherLength = boxLength - CryptoBox.TAG_LENGTH;
        startBox(nonce);
        authenticate(b, cipherAt, cipherLength);
        int diff = 0;
        for (int i = 0; i < CryptoBox.TAG_LENGTH; i++) {
            diff |= b.get(boxAt + i) ^ tag[i]; // all 16 bytes, no early exit
        }
        if (diff != 0) {
            clear();
            return false;
        }
        xor(b, cipherAt, cipherLength);
        clear();
        return true;
    }

    /** Overwrites the subkey and the scratch state. */
    public void wipe() {
        Arrays.fill(state, 0);
        clear();
        mac.init(macKey); // overwrites the last box's Poly1305 key with the zero key
    }

    /** Block 0 of the box's stream: its first 32 bytes key Poly1305. */
    private void startBox(long nonce) {
        state[6] = Integer.reverseBytes((int) (nonce >>> 32)); // the nonce's bytes are big-endian,
        state[7] = Integer.reverseBytes((int) nonce);          // Salsa20 reads them little-endian
        block(0);
        byte[] k = macKey.getKey();
        for (int i = 0; i < 8; i++) {
            int w = stream[i];
            k[4 * i] = (byte) w;
            k[4 * i + 1] = (byte) (w >>> 8);
            k[4 * i + 2] = (byte) (w >>> 16);
            k[4 * i + 3] = (byte) (w >>> 24);
        }
        mac.init(macKey);
    }

    private void block(long counter) {
        state[8] = (int) counter;
        state[9] = (int) (counter >>> 32);
        Salsa20Engine.salsaCore(ROUNDS, state, stream);
    }

    /** The Poly1305 tag of {@code length} bytes at {@code at} into {@link #tag}. */
    private void authenticate(ByteBuffer b, int at, int length) {
        if (b.hasArray()) {
            mac.update(b.array(), b.arrayOffset() + at, length);
        } else {
            if (chunk == null) {
                chunk = new byte[MAC_CHUNK];
            }
            for (int done = 0; done < length; done += MAC_CHUNK) {
                int n = Math.min(MAC_CHUNK, length - done);
                b.get(at + done, chunk, 0, n);
                mac.update(chunk, 0, n);
            }
        }
        mac.doFinal(tag, 0);
    }

    /** XORs {@code length} bytes at {@code at} with the stream from its byte 32 on (block 0 is in {@link #stream}). */
    private void xor(ByteBuffer b, int at, int length) {
        int done = xorBlock(b, at, length, 8);
        long counter = 1;
        while (done < length) {
            block(counter++);
            done += xorBlock(b, at + done, length - done, 0);
        }
    }

    /** XORs up to the rest of the current block, from stream word {@code word}; returns the bytes done. */
    private int xorBlock(ByteBuffer b, int at, int length, int word) {
        int[] s = stream;
        int n = Math.min(length, (16 - word) * 4);
        int p = at;
        int w = word;
        int end = at + (n & ~7);
        while (p < end) {
            long k = (s[w] & 0xFFFFFFFFL) | ((long) s[w + 1] << 32); // eight stream bytes, little-endian
            b.putLong(p, b.getLong(p) ^ Long.reverseBytes(k));
            p += 8;
            w += 2;
        }
        for (int i = 0; i < (n & 7); i++) {
            int k = s[w + (i >> 2)] >>> (8 * (i & 3));
            b.put(p + i, (byte) (b.get(p + i) ^ k));
        }
        return n;
    }

    private void clear() {
        Arrays.fill(stream, 0);
        Arrays.fill(macKey.getKey(), (byte) 0);
        Arrays.fill(tag, (byte) 0);
    }

    private static ByteBuffer bigEndian(ByteBuffer buf) {
        return buf.order() == ByteOrder.BIG_ENDIAN ? buf : buf.duplicate(); // a duplicate is big-endian
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
