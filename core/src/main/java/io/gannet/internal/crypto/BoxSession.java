package io.gannet.internal.crypto;

import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * {@link CryptoBox} seal and open for the many boxes of one connection under one precomputed
 * key: the XSalsa20 stream, the Poly1305 MAC and the scratch arrays are made once and reused,
 * and a box is sealed straight from the caller's bytes into the caller's output array (no
 * plaintext or box copy). BouncyCastle does the cipher and the MAC. A box sealed here opens
 * with {@link CryptoBox#open} and the other way round. One per connection, on its I/O thread;
 * not thread-safe. {@link #wipe()} overwrites the key.
 */
public final class BoxSession {
    private static final int KEY_LENGTH = 32;

    private final byte[] key;
    private final XSalsa20Engine stream = new XSalsa20Engine();
    private final Poly1305 mac = new Poly1305();
    private final byte[] polyKey = new byte[KEY_LENGTH];
    private final byte[] tag = new byte[CryptoBox.TAG_LENGTH];
    private final byte[] head = new byte[1];

    /** @param key the precomputed box key ({@link CryptoBox#beforenm}); kept, wiped by {@link #wipe} */
    public BoxSession(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a box key is 32 bytes");
        }
        this.key = key;
    }

    /**
     * Seals one byte {@code first} followed by {@code length} bytes of {@code plain} from
     * {@code offset} into {@code out} at {@code outOffset}: tag (16), then the ciphertext of
     * the {@code 1 + length} bytes.
     */
    public void seal(byte[] nonce, byte first, byte[] plain, int offset, int length, byte[] out, int outOffset) {
        start(nonce);
        int cipherAt = outOffset + CryptoBox.TAG_LENGTH;
        head[0] = first;
        stream.processBytes(head, 0, 1, out, cipherAt);
        stream.processBytes(plain, offset, length, out, cipherAt + 1);
        mac.update(out, cipherAt, 1 + length);
        mac.doFinal(out, outOffset);
    }

    /**
     * Opens the box of {@code length} bytes (tag then ciphertext) at {@code offset} into
     * {@code out} at {@code outOffset} ({@code length - 16} bytes).
     *
     * @return false, having written nothing, if the box is shorter than a tag or does not authenticate
     */
    public boolean open(byte[] nonce, byte[] box, int offset, int length, byte[] out, int outOffset) {
        if (length < CryptoBox.TAG_LENGTH) {
            return false;
        }
        start(nonce);
        int cipherAt = offset + CryptoBox.TAG_LENGTH;
        int cipherLength = length - CryptoBox.TAG_LENGTH;
        mac.update(box, cipherAt, cipherLength);
        mac.doFinal(tag, 0);
        boolean same = MessageDigest.isEqual(tag, Arrays.copyOfRange(box, offset, cipherAt));
        if (!same) {
            return false;
        }
        stream.processBytes(box, cipherAt, cipherLength, out, outOffset);
        return true;
    }

    /** Overwrites the key and the last MAC key. */
    public void wipe() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(polyKey, (byte) 0);
    }

    /** Keys the stream with this nonce and the MAC with the stream's first 32 bytes. */
    private void start(byte[] nonce) {
        if (nonce.length != CryptoBox.NONCE_LENGTH) {
            throw new IllegalArgumentException("crypto_box takes a 24-byte nonce");
        }
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        Arrays.fill(polyKey, (byte) 0);
        stream.processBytes(polyKey, 0, KEY_LENGTH, polyKey, 0);
        mac.init(new KeyParameter(polyKey));
        Arrays.fill(polyKey, (byte) 0);
    }
}
