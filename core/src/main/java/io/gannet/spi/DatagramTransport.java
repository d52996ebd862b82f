package io.gannet.spi;

import io.gannet.SocketType;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * A datagram transport (such as {@code udp://} or {@code epgm://}), found through
 * {@link java.util.ServiceLoader} by its URI scheme, as {@link Transport} is for streams. A
 * scheme is served by one transport of either kind. There is no connection, handshake,
 * security mechanism or reconnection: a datagram endpoint is one-way, and the transport says
 * which socket types send and which receive there ({@link #role}).
 *
 * <p>It serves its endpoints in one of two ways:
 * <ul>
 *   <li><b>Stateless</b> ({@code udp://}): {@link #session} returns null, and core's I/O
 *       threads carry one whole message per datagram over the channels {@link #bind} (to
 *       receive) and {@link #open} (to send) return.</li>
 *   <li><b>Stateful</b> ({@code epgm://}): {@link #session} returns a {@link DatagramSession},
 *       the transport's own protocol, which core drives on an I/O thread (channels, timer,
 *       pipe to the socket, LINGER). {@link #bind} and {@link #open} are then never called.</li>
 * </ul>
 *
 * <p>Methods may be called from any thread.
 */
public interface DatagramTransport {
    /** The URI scheme this transport serves, e.g. {@code "udp"}. */
    String scheme();

    /**
     * What a socket of {@code type} does when it binds ({@code binding}) or connects to an
     * endpoint of this transport. Throws a {@link io.gannet.GannetException} with
     * {@link io.gannet.ErrorCode#ENOTSUP} and a message for the application when that socket
     * type cannot do so.
     */
    DatagramRole role(SocketType type, boolean binding);

    /**
     * Resolves the part of an endpoint after {@code scheme://} for binding (wildcards
     * allowed). Throws {@link IllegalArgumentException} for malformed text.
     */
    SocketAddress resolveBind(String address, OptionSource options) throws IOException;

    /** Resolves the part after {@code scheme://} for connecting (sending to). */
    SocketAddress resolveConnect(String address, OptionSource options) throws IOException;

    /**
     * The stateful protocol that serves the endpoint at {@code address} (as resolved for the
     * bind or connect), with its channels opened and the options applied; or null (the
     * default) for core's stateless one-message-per-datagram framing. Throws
     * {@link IllegalArgumentException} for an unusable address ({@code EINVAL}) and
     * {@link IOException} when the system refuses the channels ({@code EADDRNOTAVAIL}).
     */
    default DatagramSession session(SocketAddress address, DatagramRole role, OptionSource options)
            throws IOException {
        return null;
    }

    /**
     * Stateless transports: opens a non-blocking channel bound to {@code address}, to receive
     * on. Not called when {@link #session} returns a session.
     */
    default DatagramChannel bind(SocketAddress address, OptionSource options) throws IOException {
        throw new IllegalStateException(scheme() + ":// serves its endpoints with sessions, not channels");
    }

    /**
     * Stateless transports: opens a non-blocking channel that sends to {@code address} (as
     * {@link #resolveConnect} made it), typically connected to it so that the system reports
     * unreachable peers. Not called when {@link #session} returns a session.
     */
    default DatagramChannel open(SocketAddress address, OptionSource options) throws IOException {
        throw new IllegalStateException(scheme() + ":// serves its endpoints with sessions, not channels");
    }

    /** The endpoint text for a bound address, wildcards resolved ({@code udp://0.0.0.0:40123}). */
    String endpoint(SocketAddress boundAddress);

    /**
     * Stateless transports: the largest datagram sent or received, in bytes; a message that
     * does not fit (with its framing) is not sent, and counted as dropped. By default the
     * largest UDP payload over IPv4, 65,507 bytes.
     */
    default int maxDatagramSize() {
        return 65_507;
    }
}
