package io.gannet.spi;

import io.gannet.SocketType;
import java.util.Set;

/**
 * Makes {@link SocketProtocol}s; registered for {@link java.util.ServiceLoader} both in
 * {@code module-info.java} and in {@code META-INF/services}.
 */
public interface SocketProtocolProvider {
    /** The socket types this provider makes. */
    Set<SocketType> types();

    /** A new protocol instance for one socket of type {@code host.type()}. */
    SocketProtocol create(SocketHost host);

    /**
     * What core needs to know about {@code type} (one of {@link #types()}) to serve its
     * connections: raw bytes or ZMTP, subscription forwarding, and whether a pipe waits for
     * the peer's routing id. Asked once per socket. Default: {@link SocketTraits#PLAIN}.
     */
    default SocketTraits traits(SocketType type) {
        return SocketTraits.PLAIN;
    }
}
