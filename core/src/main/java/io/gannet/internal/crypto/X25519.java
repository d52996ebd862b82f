package io.gannet.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) on raw 32-byte keys, as NaCl's {@code crypto_scalarmult} and libzmq's
 * CURVE keys use them, done by the JDK's {@code KeyAgreement "X25519"} (no arithmetic of our
 * own). Keys are little-endian byte strings; a secret key is any 32 random bytes (clamped
 * inside the JDK), a public key is the secret's multiple of the base point u = 9.
 * Stateless and thread-safe.
 */
public final class X25519 {
    /** Length of every key and of the shared secret. */
    public static final int KEY_LENGTH = 32;

    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final SecureRandom RANDOM = new SecureRandom();

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
        return agree(secret, BASE_POINT);
    }

    /**
     * The raw X25519 shared secret of our {@code secret} and the peer's {@code publicKey}
     * ({@code crypto_scalarmult}).
     *
     * @throws IllegalArgumentException if the peer's key is a low-order point (the result
     *                                  would be all zeros, which libsodium refuses too)
     */
    public static byte[] sharedSecret(byte[] secret, byte[] publicKey) {
        checkLength(publicKey, "public key");
        byte[] le = publicKey.clone();
        le[KEY_LENGTH - 1] &= 0x7F; // RFC 7748 5: the top bit of u is ignored
        BigInteger u = new BigInteger(1, reverse(le)).mod(P);
        Arrays.fill(le, (byte) 0);
        return agree(secret, u);
    }

    private static byte[] agree(byte[] secret, BigInteger u) {
        checkLength(secret, "secret key");
        try {
            KeyFactory factory = KeyFactory.getInstance("X25519");
            PrivateKey ours = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secret));
            PublicKey theirs = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(ours);
            agreement.doPhase(theirs, true);
            return agreement.generateSecret();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("X25519 refused the key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK provides no X25519", e);
        }
    }

    private static void checkLength(byte[] key, String what) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException(what + " must be " + KEY_LENGTH + " bytes");
        }
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
