package io.gannet;

import io.gannet.internal.crypto.X25519;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;


/**
 * A CURVE key pair (RFC 26): a 32-byte X25519 secret key and its public key, as libzmq's
 * {@code zmq_curve_keypair} and {@code zmq_curve_public} make them. Either key can be
 * read as raw bytes or as 40 characters of {@link Z85}.
 *
 * <p>The secret key is copied in and out, never shared; {@link #destroy()} overwrites the
 * pair's copy once the application has handed it to a socket (the socket keeps its own).
 * Keys are compared in constant time. Not thread-safe against {@code destroy}; otherwise
 * immutable.
 */
public final class CurveKeyPair {
    /** Length in bytes of a CURVE key. */
    public static final int KEY_LENGTH = X25519.KEY_LENGTH;
    /** Length in characters of a CURVE key in Z85. */
    public static final int Z85_KEY_LENGTH = 40;

    private final byte[] publicKey;
    private final byte[] secretKey;
    private boolean destroyed;

    private CurveKeyPair(byte[] publicKey, byte[] secretKey) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
    }

    /** A new random key pair ({@code zmq_curve_keypair}). */
    public static CurveKeyPair generate() {
        byte[] secret = X25519.newSecretKey();
        return new CurveKeyPair(X25519.publicKey(secret), secret);
    }

    /**
     * The pair of a known secret key, its public key derived ({@code zmq_curve_public}).
     *
     * @param secretKey 32 bytes; copied
     */
    public static CurveKeyPair fromSecretKey(byte[] secretKey) {
        byte[] secret = checkKey(secretKey).clone();
        return new CurveKeyPair(X25519.publicKey(secret), secret);
    }

    /** The pair of a secret key given in Z85 (40 characters). */
    public static CurveKeyPair fromSecretKey(String secretKeyZ85) {
        return fromSecretKey(decodeKey(secretKeyZ85));
    }

    /** The public key of {@code secretKey} (32 bytes), as 32 bytes ({@code zmq_curve_public}). */
    public static byte[] publicKeyOf(byte[] secretKey) {
        return X25519.publicKey(checkKey(secretKey));
    }

    /**
     * A key given as 40 characters of Z85, decoded to 32 bytes.
     *
     * @throws IllegalArgumentException if it is not 40 valid Z85 characters
     */
    public static byte[] decodeKey(String z85) {
        if (z85 == null || z85.length() != Z85_KEY_LENGTH) {
            throw new IllegalArgumentException("a Z85 CURVE key has " + Z85_KEY_LENGTH + " characters");
        }
        return Z85.decode(z85);
    }

    /**
     * Checks that {@code key} is a CURVE key: 32 bytes, or the 40 ASCII bytes of its Z85
     * form (libzmq accepts both in {@code zmq_setsockopt}). Returns the 32 raw bytes (a new
     * array in the Z85 case, {@code key} itself otherwise).
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static byte[] toRawKey(byte[] key) {
        if (key != null && key.length == Z85_KEY_LENGTH) {
            return decodeKey(new String(key, StandardCharsets.US_ASCII));
        }
        return checkKey(key);
    }

    /** The public key, 32 bytes (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key in Z85, 40 characters. */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /**
     * The secret key, 32 bytes (a copy the caller should overwrite when done).
     *
     * @throws IllegalStateException after {@link #destroy()}
     */
    public byte[] secretKey() {
        checkLive();
        return secretKey.clone();
    }

    /**
     * The secret key in Z85, 40 characters.
     *
     * @throws IllegalStateException after {@link #destroy()}
     */
    public String secretKeyZ85() {
        checkLive();
        return Z85.encode(secretKey);
    }

    /** Overwrites this pair's copy of the secret key; the public key stays readable. */
    public void destroy() {
        Arrays.fill(secretKey, (byte) 0);
        destroyed = true;
    }

    /** Whether {@link #destroy()} has been called. */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Constant-time comparison of two keys (false if either is null or lengths differ). */
    public static boolean keysEqual(byte[] a, byte[] b) {
        return a != null && b != null && MessageDigest.isEqual(a, b);
    }

    private void checkLive() {
        if (destroyed) {
            throw new IllegalStateException("the secret key was destroyed");
        }
    }

    private static byte[] checkKey(byte[] key) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a CURVE key has " + KEY_LENGTH + " bytes"
                    + (key == null ? "" : ", got " + key.length));
        }
        return key;
    }

    /** Shows the public key only. */
    @Override
    public String toString() {
        return "CurveKeyPair[public=" + publicKeyZ85() + "]";
    }
}
