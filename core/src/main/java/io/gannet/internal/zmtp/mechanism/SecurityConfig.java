package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.crypto.X25519;

/**
 * The security options of one bind or connect, read from the socket when the endpoint was
 * made, and the mechanism they choose for each of its connections:
 * <ul>
 *   <li>CURVE client when {@code CURVE_SERVERKEY} is set, with the socket's long-term pair
 *       ({@code CURVE_SECRETKEY}, its public key given or derived), or a new random pair;</li>
 *   <li>PLAIN client when {@code PLAIN_USERNAME} is set (libzmq: setting it selects PLAIN);</li>
 *   <li>NULL otherwise.</li>
 * </ul>
 * Immutable; keeps its own copies of the credentials.
 */
public final class SecurityConfig {
    /** No security: the NULL mechanism. */
    public static final SecurityConfig NULL = new SecurityConfig(null, null, null, null, null);

    private final byte[] plainUsername;
    private final byte[] plainPassword;
    private final byte[] curveServerKey;
    private final byte[] curvePublicKey;
    private final byte[] curveSecretKey;

    private SecurityConfig(byte[] plainUsername, byte[] plainPassword, byte[] curveServerKey, byte[] curvePublicKey,
                           byte[] curveSecretKey) {
        this.plainUsername = plainUsername;
        this.plainPassword = plainPassword;
        this.curveServerKey = curveServerKey;
        this.curvePublicKey = curvePublicKey;
        this.curveSecretKey = curveSecretKey;
    }

    /**
     * The config the options choose, CURVE first.
     *
     * @param curveServerKey CURVE_SERVERKEY (32 raw bytes) or null
     * @param curvePublicKey CURVE_PUBLICKEY (32 raw bytes) or null
     * @param curveSecretKey CURVE_SECRETKEY (32 raw bytes) or null
     */
    public static SecurityConfig of(byte[] plainUsername, byte[] plainPassword, byte[] curveServerKey,
                                    byte[] curvePublicKey, byte[] curveSecretKey) {
        if (curveServerKey == null) {
            return of(plainUsername, plainPassword);
        }
        byte[] secret = curveSecretKey != null ? curveSecretKey.clone() : X25519.newSecretKey();
        byte[] pub = curveSecretKey != null && curvePublicKey != null ? curvePublicKey.clone()
                : X25519.publicKey(secret);
        return new SecurityConfig(null, null, curveServerKey.clone(), pub, secret);
    }

    /**
     * The config the options choose.
     *
     * @param plainUsername PLAIN_USERNAME or null
     * @param plainPassword PLAIN_PASSWORD or null (empty)
     */
    public static SecurityConfig of(byte[] plainUsername, byte[] plainPassword) {
        if (plainUsername == null) {
            return NULL;
        }
        return new SecurityConfig(plainUsername.clone(), plainPassword == null ? new byte[0] : plainPassword.clone(),
                null, null, null);
    }

    /** The name every connection announces in its greeting. */
    public String mechanismName() {
        if (curveServerKey != null) {
            return CurveClientMechanism.NAME;
        }
        return plainUsername != null ? PlainClientMechanism.NAME : NullMechanism.NAME;
    }

    /** A new mechanism for one connection. */
    public Mechanism newMechanism(HandshakeConfig handshake) {
        if (curveServerKey != null) {
            return new CurveClientMechanism(handshake, curveServerKey, curvePublicKey, curveSecretKey);
        }
        if (plainUsername != null) {
            return new PlainClientMechanism(handshake, plainUsername, plainPassword);
        }
        return new NullMechanism(handshake);
    }
}
