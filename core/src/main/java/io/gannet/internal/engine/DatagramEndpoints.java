package io.gannet.internal.engine;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketEvent;
import io.gannet.internal.Endpoint;
import io.gannet.internal.EndpointHandle;
import io.gannet.internal.SocketPort;
import io.gannet.spi.DatagramRole;
import io.gannet.spi.DatagramSession;
import io.gannet.spi.DatagramTransport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * Binding and connecting over datagram transports: asks the transport what the socket does
 * there ({@link DatagramTransport#role}: send or receive, or {@code ENOTSUP}), opens the
 * channels on the caller's thread (so that errors are thrown there), then starts on an I/O
 * thread either the transport's own {@link DatagramSession} ({@link DatagramSessionEndpoint})
 * or, for a stateless transport, a {@link DatagramReceiver} or {@link DatagramSender}.
 */
final class DatagramEndpoints {
    private DatagramEndpoints() {
    }

    static EndpointHandle bind(IoThreads pool, SocketPort socket, DatagramTransport transport, Endpoint endpoint) {
        DatagramRole role = role(socket, transport, endpoint, true);
        EndpointConfig cfg = new EndpointConfig(socket.type(), socket.traits(), socket.optionsSnapshot());
        DatagramChannel ch = null;
        try {
            SocketAddress address = transport.resolveBind(endpoint.address(), cfg.options);
            DatagramSession session = transport.session(address, role, cfg.options);
            if (session != null) {
                return startSession(pool, socket, cfg, endpoint, role, session);
            }
            IoThread io = pool.next();
            DatagramEndpoint e;
            if (role == DatagramRole.RECEIVE) {
                ch = transport.bind(address, cfg.options);
                String resolved = transport.endpoint(ch.getLocalAddress());
                e = new DatagramReceiver(io, pool, socket, cfg, resolved, ch, transport.maxDatagramSize());
            } else {
                ch = transport.open(address, cfg.options);
                e = new DatagramSender(io, pool, socket, cfg, endpoint.toString(), ch, transport.maxDatagramSize());
            }
            start(io, e);
            return e;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            Channels.closeQuietly(ch);
            GannetException g = IoThreads.bindError(endpoint, e);
            socket.emit(SocketEvent.BIND_FAILED, endpoint.toString(), 0, g.getMessage());
            throw g;
        }
    }

    static EndpointHandle connect(IoThreads pool, SocketPort socket, DatagramTransport transport, Endpoint endpoint) {
        DatagramRole role = role(socket, transport, endpoint, false);
        EndpointConfig cfg = new EndpointConfig(socket.type(), socket.traits(), socket.optionsSnapshot());
        DatagramChannel ch = null;
        try {
            SocketAddress address = transport.resolveConnect(endpoint.address(), cfg.options);
            DatagramSession session = transport.session(address, role, cfg.options);
            if (session != null) {
                return startSession(pool, socket, cfg, endpoint, role, session);
            }
            IoThread io = pool.next();
            DatagramEndpoint e;
            if (role == DatagramRole.SEND) {
                ch = transport.open(address, cfg.options);
                e = new DatagramSender(io, pool, socket, cfg, endpoint.toString(), ch, transport.maxDatagramSize());
            } else {
                ch = transport.bind(address, cfg.options);
                e = new DatagramReceiver(io, pool, socket, cfg, endpoint.toString(), ch, transport.maxDatagramSize());
            }
            start(io, e);
            return e;
        } catch (IllegalArgumentException e) {
            Channels.closeQuietly(ch);
            throw new GannetException(ErrorCode.EINVAL, "cannot connect to " + endpoint + ": " + e.getMessage());
        } catch (IOException | SecurityException e) {
            Channels.closeQuietly(ch);
            throw new GannetException(ErrorCode.EADDRNOTAVAIL, "cannot connect to " + endpoint + ": " + e.getMessage());
        }
    }

    private static DatagramRole role(SocketPort socket, DatagramTransport transport, Endpoint endpoint,
                                     boolean binding) {
        try {
            return transport.role(socket.type(), binding);
        } catch (GannetException e) {
            // The transport's reason, with the endpoint the application named.
            throw new GannetException(e.code(), "cannot " + (binding ? "bind " : "connect to ") + endpoint
                    + ": " + e.getMessage());
        }
    }

    private static EndpointHandle startSession(IoThreads pool, SocketPort socket, EndpointConfig cfg,
                                               Endpoint endpoint, DatagramRole role, DatagramSession session) {
        IoThread io = pool.next();
        DatagramSessionEndpoint e = new DatagramSessionEndpoint(io, pool, socket, cfg, endpoint.toString(), role,
                session);
        if (!io.execute(e::start)) {
            e.abort("the context is closing");
            throw new GannetException(ErrorCode.ETERM, "the context is closing");
        }
        return e;
    }

    private static void start(IoThread io, DatagramEndpoint e) {
        if (!io.execute(e::start)) {
            e.closeNow("the context is closing");
            throw new GannetException(ErrorCode.ETERM, "the context is closing");
        }
    }
}
