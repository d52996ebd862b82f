package io.gannet.internal.zmtp.mechanism;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.internal.crypto.X25519;

/**
 * The security options of one bind or connect, read from the socket when the endpoint was
 * made, and the mechanism they choose for each of its connections:
 * <ul>
 *   <li>CURVE server when {@code CURVE_SERVER} is set, with the socket's long-term pair
 *       ({@code CURVE_SECRETKEY}, its public key given or derived);</li>
 *   <li>CURVE client when {@code CURVE_SERVERKEY} is set, with the socket's long-term pair,
 *       or a new random pair;</li>
 *   <li>PLAIN server when {@code PLAIN_SERVER} is set;</li>
 *   <li>PLAIN client when {@code PLAIN_USERNAME} is set (libzmq: setting it selects PLAIN);</li>
 *   <li>NULL otherwise.</li>
 * </ul>
 * libzmq lets the option set last win; Gannet's options are not ordered, so the list above is
 * the precedence. {@code ZAP_DOMAIN} travels with every choice. Immutable; keeps its own
 * copies of the credentials.
 */
public final class SecurityConfig {
    /** No security: the NULL mechanism, no ZAP domain. */
    public static final SecurityConfig NULL = new Builder().build();

    private enum Kind { NULL, PLAIN_CLIENT, PLAIN_SERVER, CURVE_CLIENT, CURVE_SERVER }

    private final Kind kind;
    private final byte[] plainUsername;
    private final byte[] plainPassword;
    private final byte[] curveServerKey;
    private final byte[] curvePublicKey;
    private final byte[] curveSecretKey;
    private final String zapDomain;

    private SecurityConfig(Builder b) {
        this.zapDomain = b.zapDomain == null ? "" : b.zapDomain;
        if (b.curveServer) {
            if (b.curveSecretKey == null) {
                throw new GannetException(ErrorCode.EINVAL, "CURVE_SERVER is set but CURVE_SECRETKEY is not: a CURVE server"
                        + " needs its long-term secret key (set CURVE_SECRETKEY before bind or connect)");
            }
            kind = Kind.CURVE_SERVER;
        } else if (b.curveServerKey != null) {
            kind = Kind.CURVE_CLIENT;
        } else if (b.plainServer) {
            kind = Kind.PLAIN_SERVER;
        } else if (b.plainUsername != null) {
            kind = Kind.PLAIN_CLIENT;
        } else {
            kind = Kind.NULL;
        }
        boolean curve = kind == Kind.CURVE_CLIENT || kind == Kind.CURVE_SERVER;
        if (curve) {
            byte[] secret = b.curveSecretKey != null ? b.curveSecretKey.clone() : X25519.newSecretKey();
            curveSecretKey = secret;
            curvePublicKey = b.curveSecretKey != null && b.curvePublicKey != null ? b.curvePublicKey.clone()
                    : X25519.publicKey(secret);
            curveServerKey = kind == Kind.CURVE_CLIENT ? b.curveServerKey.clone() : null;
        } else {
            curveSecretKey = null;
            curvePublicKey = null;
            curveServerKey = null;
        }
        if (kind == Kind.PLAIN_CLIENT) {
            plainUsername = b.plainUsername.clone();
            plainPassword = b.plainPassword == null ? new byte[0] : b.plainPassword.clone();
        } else {
            plainUsername = null;
            plainPassword = null;
        }
    }

    /** A builder with every option unset. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The client config the options choose, CURVE first.
     *
     * @param curveServerKey CURVE_SERVERKEY (32 raw bytes) or null
     * @param curvePublicKey CURVE_PUBLICKEY (32 raw bytes) or null
     * @param curveSecretKey CURVE_SECRETKEY (32 raw bytes) or null
     */
    public static SecurityConfig of(byte[] plainUsername, byte[] plainPassword, byte[] curveServerKey,
                                    byte[] curvePublicKey, byte[] curveSecretKey) {
        return builder().plainClient(plainUsername, plainPassword).curveServerKey(curveServerKey)
                .curveKeys(curvePublicKey, curveSecretKey).build();
    }

    /**
     * The config the options choose.
     *
     * @param plainUsername PLAIN_USERNAME or null
     * @param plainPassword PLAIN_PASSWORD or null (empty)
     */
    public static SecurityConfig of(byte[] plainUsername, byte[] plainPassword) {
        return builder().plainClient(plainUsername, plainPassword).build();
    }

    /** The name every connection announces in its greeting. */
    public String mechanismName() {
        switch (kind) {
            case CURVE_CLIENT:
            case CURVE_SERVER:
                return CurveClientMechanism.NAME;
            case PLAIN_CLIENT:
            case PLAIN_SERVER:
                return PlainClientMechanism.NAME;
            default:
                return NullMechanism.NAME;
        }
    }

    /** The ZAP domain ({@code ZAP_DOMAIN}), empty if unset. */
    public String zapDomain() {
        return zapDomain;
    }

    /** A new mechanism for one connection. */
    public Mechanism newMechanism(HandshakeConfig handshake) {
        switch (kind) {
            case CURVE_SERVER:
                return new CurveServerMechanism(handshake, zapDomain, curvePublicKey, curveSecretKey);
            case CURVE_CLIENT:
                return new CurveClientMechanism(handshake, curveServerKey, curvePublicKey, curveSecretKey);
            case PLAIN_SERVER:
                return new PlainServerMechanism(handshake, zapDomain);
            case PLAIN_CLIENT:
                return new PlainClientMechanism(handshake, plainUsername, plainPassword);
            default:
                return new NullMechanism(handshake, zapDomain);
        }
    }

    /** The options, as read from a socket; every array is copied by {@link #build}. */
    public static final class Builder {
        private byte[] plainUsername;
        private byte[] plainPassword;
        private boolean plainServer;
        private byte[] curveServerKey;
        private byte[] curvePublicKey;
        private byte[] curveSecretKey;
        private boolean curveServer;
        private String zapDomain;

        private Builder() {
        }

        /** PLAIN_USERNAME and PLAIN_PASSWORD (either may be null). */
        public Builder plainClient(byte[] username, byte[] password) {
            this.plainUsername = username;
            this.plainPassword = password;
            return this;
        }

        /** PLAIN_SERVER. */
        public Builder plainServer(boolean server) {
            this.plainServer = server;
            return this;
        }

        /** CURVE_SERVERKEY, 32 raw bytes, or null. */
        public Builder curveServerKey(byte[] key) {
            this.curveServerKey = key;
            return this;
        }

        /** CURVE_PUBLICKEY and CURVE_SECRETKEY, 32 raw bytes each, or null. */
        public Builder curveKeys(byte[] publicKey, byte[] secretKey) {
            this.curvePublicKey = publicKey;
            this.curveSecretKey = secretKey;
            return this;
        }

        /** CURVE_SERVER. */
        public Builder curveServer(boolean server) {
            this.curveServer = server;
            return this;
        }

        /** ZAP_DOMAIN, or null for none. */
        public Builder zapDomain(String domain) {
            this.zapDomain = domain;
            return this;
        }

        /**
         * The config.
         *
         * @throws GannetException {@link ErrorCode#EINVAL} for CURVE_SERVER without CURVE_SECRETKEY
         *                         (libzmq 4.3 would serve with an all-zero secret key instead)
         */
        public SecurityConfig build() {
            return new SecurityConfig(this);
        }
    }
}
