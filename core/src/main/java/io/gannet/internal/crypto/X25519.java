package io.gannet.internal.crypto;

import static org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement;
import static org.bouncycastle.math.ec.rfc7748.X25519.precompute;
import static org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase;

import java.security.SecureRandom;

/**
 * X25519 (RFC 7748) on raw 32-byte keys, as NaCl's {@code crypto_scalarmult} and libzmq's
 * CURVE keys use them, done by BouncyCastle's constant-time {@code rfc7748.X25519} (no
 * arithmetic of our own). Keys are little-endian byte strings; a secret key is any 32 random
 * bytes (clamped by the scalar multiplication), a public key is the secret's multiple of the
 * base point u = 9. BouncyCastle works on the byte arrays directly: no provider lookup, key
 * objects or BigInteger per call, which the JDK's {@code KeyAgreement "X25519"} needed and
 * which made a CURVE handshake (eight of these between two Gannet peers) twice as dear.
 * Stateless and thread-safe.
 */
public final class X25519 {
    /** Length of every key and of the shared secret. */
    public static final int KEY_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        precompute(); // BouncyCastle's class has this one's simple name: its methods are imported statically
    }

    private X25519() {
    }

    /** A new random secret key. */
    public static byte[] newSecretKey() {
        byte[] secret = new byte[KEY_LENGTH];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The public key of {@code secret} ({@code crypto_scalarmult_base}). */
    public static byte[] publicKey(byte[] secret) {
        checkLength(secret, "secret key");
        byte[] pub = new byte[KEY_LENGTH];
        scalarMultBase(secret, 0, pub, 0);
        return pub;
    }

    /**
     * The raw X25519 shared secret of our {@code secret} and the peer's {@code publicKey}
     * ({@code crypto_scalarmult}). The top bit of the peer's u is ignored (RFC 7748 5).
     *
     * @throws IllegalArgumentException if the peer's key is a low-order point (the result
     *                                  would be all zeros, which libsodium refuses too)
     */
    public static byte[] sharedSecret(byte[] secret, byte[] publicKey) {
        checkLength(secret, "secret key");
        checkLength(publicKey, "public key");
        byte[] shared = new byte[KEY_LENGTH];
        if (!calculateAgreement(secret, 0, publicKey, 0, shared, 0)) {
            throw new IllegalArgumentException("X25519 refused the key: a low-order point (all-zero shared secret)");
        }
        return shared;
    }

    private static void checkLength(byte[] key, String what) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + KEY_LENGTH + " bytes");
        }
    }
}
