package io.gannet.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * A datagram transport (such as {@code udp://}), found through {@link java.util.ServiceLoader}
 * by its URI scheme, as {@link Transport} is for streams. Like a stream transport it only
 * turns endpoint text into addresses and hands core non-blocking channels; core's I/O threads
 * register them with their selectors and do all sending and receiving, one message per
 * datagram. There is no connection, handshake, security mechanism or reconnection: a datagram
 * endpoint is one-way, from the sockets that {@code connect} to the socket that {@code bind}s.
 * A scheme is served by one transport of either kind.
 *
 * <p>Methods may be called from any thread.
 */
public interface DatagramTransport {
    /** The URI scheme this transport serves, e.g. {@code "udp"}. */
    String scheme();

    /**
     * Resolves the part of an endpoint after {@code scheme://} for binding (wildcards
     * allowed). Throws {@link IllegalArgumentException} for malformed text.
     */
    SocketAddress resolveBind(String address, OptionSource options) throws IOException;

    /** Resolves the part after {@code scheme://} for connecting (sending to). */
    SocketAddress resolveConnect(String address, OptionSource options) throws IOException;

    /** Opens a non-blocking channel bound to {@code address}, to receive on. */
    DatagramChannel bind(SocketAddress address, OptionSource options) throws IOException;

    /**
     * Opens a non-blocking channel that sends to {@code address} (as {@link #resolveConnect}
     * made it), typically connected to it so that the system reports unreachable peers.
     */
    DatagramChannel open(SocketAddress address, OptionSource options) throws IOException;

    /** The endpoint text for a bound address, wildcards resolved ({@code udp://0.0.0.0:40123}). */
    String endpoint(SocketAddress boundAddress);

    /**
     * The largest datagram this transport sends or receives, in bytes; a message that does
     * not fit (with its framing) is not sent, and counted as dropped. By default the largest
     * UDP payload over IPv4, 65,507 bytes.
     */
    default int maxDatagramSize() {
        return 65_507;
    }
}
