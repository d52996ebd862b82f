package io.gannet.patterns.reliability;

import java.util.List;
import java.util.Objects;

import io.gannet.Context;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * A server for {@link FreelanceClient} (the Guide's Freelance model 3): a ROUTER that
 * answers {@code PING} with {@code PONG}, and each request with its {@link RequestHandler}.
 * Clients name the server by the endpoint they connect to (their ROUTER sets
 * {@code CONNECT_ROUTING_ID}), so the server needs no routing id of its own.
 *
 * <pre>
 * client -> server   [server id] "PING"                 server -> client   [client id] "PONG"
 * client -> server   [server id] sequence body...       server -> client   [client id] sequence reply...
 * </pre>
 *
 * <p>A server handles one request at a time; while a handler runs it cannot answer pings, so
 * a client's {@code serverTtl} must exceed the slowest request.
 *
 * <p>Threads: {@link #start()} runs the server on its own thread until {@link #close()}.
 */
public final class FreelanceServer extends BackgroundLoop {
    static final byte[] PING = FrameIo.utf8("PING");
    static final byte[] PONG = FrameIo.utf8("PONG");

    private final Socket socket;
    private final Poller poller = new Poller();
    private final RequestHandler handler;
    private volatile long served;

    /** Binds {@code endpoint}; call {@link #start()} to serve. */
    public FreelanceServer(Context context, String endpoint, RequestHandler handler) {
        super("freelance-server");
        this.handler = Objects.requireNonNull(handler, "handler");
        socket = context.socket(SocketType.ROUTER);
        socket.set(SocketOption.LINGER, 0);
        try {
            socket.bind(endpoint);
        } catch (RuntimeException e) {
            closeSockets();
            throw e;
        }
        poller.register(socket, Poller.POLLIN);
    }

    /** Starts serving on the server's own thread; returns this. */
    public FreelanceServer start() {
        startLoop();
        return this;
    }

    /** The endpoint bound (resolved, for a {@code tcp://host:*} bind): what clients connect to. */
    public String endpoint() {
        return socket.lastEndpoint();
    }

    /** How many requests this server has answered. */
    public long served() {
        return served;
    }

    @Override
    void turn() {
        poller.poll(-1);
        List<byte[]> msg;
        while ((msg = FrameIo.poll(socket)) != null) {
            if (msg.size() == 2 && FrameIo.is(msg.get(1), PING)) {
                FrameIo.send(socket, List.of(msg.get(0), PONG), true);
            } else if (msg.size() >= 3) {
                List<byte[]> reply = FrameIo.frames(msg.get(0), msg.get(1));
                reply.addAll(handler.handle(msg.subList(2, msg.size())));
                served++; // counted before the reply leaves, so a caller that has the reply sees the count
                FrameIo.send(socket, reply, true);
            }
            // Anything else is not this protocol: dropped.
        }
    }

    @Override
    void closeSockets() {
        poller.close();
        socket.close();
    }
}
