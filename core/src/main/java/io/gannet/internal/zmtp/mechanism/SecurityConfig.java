package io.gannet.internal.zmtp.mechanism;

/**
 * The security options of one bind or connect, read from the socket when the endpoint was
 * made, and the mechanism they choose for each of its connections:
 * <ul>
 *   <li>PLAIN client when {@code PLAIN_USERNAME} is set (libzmq: setting it selects PLAIN);</li>
 *   <li>NULL otherwise.</li>
 * </ul>
 * Immutable; keeps its own copies of the credentials.
 */
public final class SecurityConfig {
    /** No security: the NULL mechanism. */
    public static final SecurityConfig NULL = new SecurityConfig(null, null);

    private final byte[] plainUsername;
    private final byte[] plainPassword;

    private SecurityConfig(byte[] plainUsername, byte[] plainPassword) {
        this.plainUsername = plainUsername;
        this.plainPassword = plainPassword;
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
        return new SecurityConfig(plainUsername.clone(), plainPassword == null ? new byte[0] : plainPassword.clone());
    }

    /** The name every connection announces in its greeting. */
    public String mechanismName() {
        return plainUsername != null ? PlainClientMechanism.NAME : NullMechanism.NAME;
    }

    /** A new mechanism for one connection. */
    public Mechanism newMechanism(HandshakeConfig handshake) {
        if (plainUsername != null) {
            return new PlainClientMechanism(handshake, plainUsername, plainPassword);
        }
        return new NullMechanism(handshake);
    }
}
