package io.gannet.internal.crypto;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * NaCl's {@code crypto_box} (Curve25519-XSalsa20-Poly1305) as CurveZMQ (RFC 25/26) uses
 * it, built from BouncyCastle's X25519, Salsa20 core, XSalsa20 stream and
 * Poly1305: no cipher arithmetic of our own.
 *
 * <pre>
 *   key   = HSalsa20(X25519(secret, public), 0^16)            crypto_box_beforenm
 *   box   = tag(16) || ciphertext                             crypto_box_afternm without
 *           stream = XSalsa20(key, nonce24)                   NaCl's zero padding
 *           poly key = stream[0..32), ciphertext = m XOR stream[32..)
 *           tag = Poly1305(poly key, ciphertext)
 * </pre>
 *
 * Opening checks the tag in constant time before decrypting anything. Stateless and
 * thread-safe; precomputed keys are plain 32-byte arrays the caller wipes.
 */
public final class CryptoBox {
    /** Bytes a box adds to its plaintext (the Poly1305 tag). */
    public static final int TAG_LENGTH = 16;
    /** Nonce length. */
    public static final int NONCE_LENGTH = 24;
    private static final int KEY_LENGTH = 32;
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}; // "expand 32-byte k"

    private CryptoBox() {
    }

    /** The shared key of our secret and the peer's public key ({@code crypto_box_beforenm}). */
    public static byte[] beforenm(byte[] publicKey, byte[] secretKey) {
        byte[] shared = X25519.sharedSecret(secretKey, publicKey);
        try {
            return hsalsa20(shared, new byte[16]);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /**
     * HSalsa20 (the XSalsa20 paper, section 2): BouncyCastle's Salsa20 core over the key and
     * 16 input bytes, keeping words 0, 5, 10, 15, 6, 7, 8, 9 before the core's final addition.
     */
    static byte[] hsalsa20(byte[] key, byte[] in16) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            state[1 + i] = le32(key, 4 * i);
            state[11 + i] = le32(key, 16 + 4 * i);
            state[6 + i] = le32(in16, 4 * i);
        }
        int[] x = new int[16];
        Salsa20Engine.salsaCore(20, state, x);
        int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
        byte[] out = new byte[KEY_LENGTH];
        for (int i = 0; i < pick.length; i++) {
            int w = x[pick[i]] - state[pick[i]]; // salsaCore adds the input; HSalsa20 does not
            out[4 * i] = (byte) w;
            out[4 * i + 1] = (byte) (w >>> 8);
            out[4 * i + 2] = (byte) (w >>> 16);
            out[4 * i + 3] = (byte) (w >>> 24);
        }
        Arrays.fill(state, 0);
        Arrays.fill(x, 0);
        return out;
    }

    /**
     * Seals {@code length} bytes of {@code plain} from {@code offset} into {@code out} at
     * {@code outOffset}: tag then ciphertext, {@code length + 16} bytes.
     */
    public static void seal(byte[] key, byte[] nonce, byte[] plain, int offset, int length, byte[] out, int outOffset) {
        XSalsa20Engine stream = stream(key, nonce);
        byte[] polyKey = new byte[KEY_LENGTH];
        stream.processBytes(polyKey, 0, KEY_LENGTH, polyKey, 0);
        stream.processBytes(plain, offset, length, out, outOffset + TAG_LENGTH);
        tag(polyKey, out, outOffset + TAG_LENGTH, length, out, outOffset);
    }

    /** Seals a whole array; returns tag then ciphertext. */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] plain) {
        byte[] out = new byte[plain.length + TAG_LENGTH];
        seal(key, nonce, plain, 0, plain.length, out, 0);
        return out;
    }

    /**
     * Opens {@code length} bytes of box (tag then ciphertext) from {@code offset} into
     * {@code out} at {@code outOffset} ({@code length - 16} bytes).
     *
     * @return false, writing nothing, if the box is shorter than a tag or the tag is wrong
     */
    public static boolean open(byte[] key, byte[] nonce, byte[] box, int offset, int length, byte[] out, int outOffset) {
        if (length < TAG_LENGTH) {
            return false;
        }
        XSalsa20Engine stream = stream(key, nonce);
        byte[] polyKey = new byte[KEY_LENGTH];
        stream.processBytes(polyKey, 0, KEY_LENGTH, polyKey, 0);
        byte[] expected = new byte[TAG_LENGTH];
        tag(polyKey, box, offset + TAG_LENGTH, length - TAG_LENGTH, expected, 0);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(box, offset, offset + TAG_LENGTH))) {
            return false;
        }
        stream.processBytes(box, offset + TAG_LENGTH, length - TAG_LENGTH, out, outOffset);
        return true;
    }

    /** Opens a whole box; null if it does not authenticate. */
    public static byte[] open(byte[] key, byte[] nonce, byte[] box) {
        if (box.length < TAG_LENGTH) {
            return null;
        }
        byte[] out = new byte[box.length - TAG_LENGTH];
        return open(key, nonce, box, 0, box.length, out, 0) ? out : null;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce) {
        if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("crypto_box takes a 32-byte key and a 24-byte nonce");
        }
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    private static void tag(byte[] polyKey, byte[] data, int offset, int length, byte[] out, int outOffset) {
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(data, offset, length);
        mac.doFinal(out, outOffset);
        Arrays.fill(polyKey, (byte) 0);
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
