package io.gannet.internal.engine;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.internal.Endpoint;
import io.gannet.internal.EndpointHandle;
import io.gannet.internal.SocketPort;
import io.gannet.spi.DatagramTransport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * Binding and connecting over datagram transports: checks the socket type, opens the channel
 * on the caller's thread (so that errors are thrown there), then starts a
 * {@link DatagramReceiver} or {@link DatagramSender} on an I/O thread. A datagram endpoint
 * is one-way and unreliable, so only the pair for which that is the contract is served: a
 * PUB connects and sends, a SUB binds and receives.
 */
final class DatagramEndpoints {
    private DatagramEndpoints() {
    }

    static EndpointHandle bind(IoThreads pool, SocketPort socket, DatagramTransport transport, Endpoint endpoint) {
        requireType(socket, SocketType.SUB, endpoint, "bind");
        EndpointConfig cfg = new EndpointConfig(socket.type(), socket.traits(), socket.optionsSnapshot());
        DatagramChannel ch = null;
        try {
            SocketAddress address = transport.resolveBind(endpoint.address(), cfg.options);
            ch = transport.bind(address, cfg.options);
            String resolved = transport.endpoint(ch.getLocalAddress());
            IoThread io = pool.next();
            DatagramReceiver r = new DatagramReceiver(io, pool, socket, cfg, resolved, ch, transport.maxDatagramSize());
            start(io, r);
            return r;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            Channels.closeQuietly(ch);
            GannetException g = IoThreads.bindError(endpoint, e);
            socket.emit(SocketEvent.BIND_FAILED, endpoint.toString(), 0, g.getMessage());
            throw g;
        }
    }

    static EndpointHandle connect(IoThreads pool, SocketPort socket, DatagramTransport transport, Endpoint endpoint) {
        requireType(socket, SocketType.PUB, endpoint, "connect");
        EndpointConfig cfg = new EndpointConfig(socket.type(), socket.traits(), socket.optionsSnapshot());
        DatagramChannel ch = null;
        try {
            SocketAddress address = transport.resolveConnect(endpoint.address(), cfg.options);
            ch = transport.open(address, cfg.options);
            IoThread io = pool.next();
            DatagramSender s = new DatagramSender(io, pool, socket, cfg, endpoint.toString(), ch,
                    transport.maxDatagramSize());
            start(io, s);
            return s;
        } catch (IllegalArgumentException e) {
            Channels.closeQuietly(ch);
            throw new GannetException(ErrorCode.EINVAL, "cannot connect to " + endpoint + ": " + e.getMessage());
        } catch (IOException | SecurityException e) {
            Channels.closeQuietly(ch);
            throw new GannetException(ErrorCode.EADDRNOTAVAIL, "cannot connect to " + endpoint + ": " + e.getMessage());
        }
    }

    private static void requireType(SocketPort socket, SocketType type, Endpoint endpoint, String what) {
        if (socket.type() != type) {
            throw new GannetException(ErrorCode.ENOTSUP, endpoint.scheme() + ":// is one-way: a PUB connects and a SUB"
                    + " binds; a " + socket.type() + " cannot " + what + " " + endpoint);
        }
    }

    private static void start(IoThread io, DatagramEndpoint e) {
        if (!io.execute(e::start)) {
            e.closeNow("the context is closing");
            throw new GannetException(ErrorCode.ETERM, "the context is closing");
        }
    }
}
