package io.gannet.spi;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A stream transport, found through {@link java.util.ServiceLoader} by its URI scheme. It
 * only turns endpoint text into addresses and hands core non-blocking channels; core's
 * I/O threads do all reading and writing (ZMTP), reconnecting and monitoring.
 *
 * <p>Methods may be called from any thread.
 */
public interface Transport {
    /** The URI scheme this transport serves, e.g. {@code "tcp"}. */
    String scheme();

    /**
     * Resolves the part of an endpoint after {@code scheme://} for binding (wildcards such
     * as {@code *:*} allowed). Throws {@link IllegalArgumentException} for malformed text.
     */
    SocketAddress resolveBind(String address, OptionSource options) throws IOException;

    /** Resolves the part after {@code scheme://} for connecting. */
    SocketAddress resolveConnect(String address, OptionSource options) throws IOException;

    /** Opens a bound, listening, non-blocking server channel. */
    ServerSocketChannel listen(SocketAddress address, OptionSource options) throws IOException;

    /**
     * Opens an unconnected, non-blocking channel for connecting to {@code address} (as
     * {@link #resolveConnect} made it), bound to a local source address if it names one.
     */
    SocketChannel open(SocketAddress address, OptionSource options) throws IOException;

    /**
     * The address to connect the channel from {@link #open} to. A transport whose resolved
     * address carries more than the peer's (tcp's {@code source;destination} form) returns
     * the peer's part here; by default the resolved address itself. An unresolved
     * {@link java.net.InetSocketAddress} makes the caller resolve again before the next attempt.
     */
    default SocketAddress peerAddress(SocketAddress resolved) {
        return resolved;
    }

    /** Applies per-connection options (no-delay, keepalive, buffer sizes) to a new channel. */
    void configure(SocketChannel channel, OptionSource options) throws IOException;

    /** The endpoint text for a bound address, wildcards resolved ({@code tcp://0.0.0.0:40123}). */
    String endpoint(SocketAddress boundAddress);

    /** Cleans up after a listener closed (ipc removes its socket file). */
    default void unlisten(SocketAddress boundAddress) {
    }
}
