package io.gannet.internal;

import io.gannet.spi.DatagramTransport;
import io.gannet.spi.Transport;
import io.netty.buffer.ByteBufAllocator;

/**
 * The I/O threads' entry point for binding and connecting over network transports: stream
 * ones (tcp, ipc: ZMTP connections) and datagram ones (udp: one message per datagram; epgm:
 * a transport's own stateful protocol, {@link io.gannet.spi.DatagramSession}).
 * Called on the socket's thread; the work happens on I/O threads.
 */
public interface NetworkEndpoints {
    EndpointHandle bind(SocketPort socket, Transport transport, Endpoint endpoint);

    EndpointHandle connect(SocketPort socket, Transport transport, Endpoint endpoint);

    EndpointHandle bind(SocketPort socket, DatagramTransport transport, Endpoint endpoint);

    EndpointHandle connect(SocketPort socket, DatagramTransport transport, Endpoint endpoint);

    /**
     * Stops the I/O threads once every lingering connection is done or its linger expired.
     * Sessions lingering for ever (LINGER -1) wait at most {@code lingerLimitMs} (-1: no
     * limit). When {@code deadlineNanos} ({@link System#nanoTime()}; {@link Long#MAX_VALUE}
     * for none) passes or the calling thread is interrupted, the sessions still lingering drop
     * what they hold (counted) and the threads stop; the interrupt status is kept.
     */
    void shutdown(long deadlineNanos, long lingerLimitMs);

    /**
     * Starts a context's network engine. The context is given one by its creator, so that
     * this package never names the engine's package (which depends on this one).
     */
    @FunctionalInterface
    interface Factory {
        /** Starts {@code ioThreads} I/O threads whose buffers come from {@code alloc}. */
        NetworkEndpoints start(int ioThreads, ByteBufAllocator alloc);
    }
}
