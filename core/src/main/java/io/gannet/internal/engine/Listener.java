package io.gannet.internal.engine;

import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.internal.EndpointHandle;
import io.gannet.internal.SocketPort;
import io.gannet.spi.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound endpoint: accepts connections on its I/O thread and gives each a {@link Session}
 * (on an I/O thread chosen round robin). Closing it (unbind, socket close) also closes the
 * connections it accepted, as libzmq does, each lingering as LINGER says.
 *
 * <p>{@link #endpoint()} and {@link #close()} are called on the socket's thread; everything
 * else on the listener's I/O thread. {@link #sessions} is owned by that thread.
 */
final class Listener implements IoHandler, EndpointHandle, Session.Host {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    private static final int ACCEPTS_PER_ROUND = 64;

    private final IoThread io;
    private final IoThreads pool;
    private final SocketPort socket;
    private final Transport transport;
    private final ServerSocketChannel server;
    private final SocketAddress bound;
    private final EndpointConfig cfg;
    private final String endpoint;
    private final Set<Session> sessions = new HashSet<>();
    private SelectionKey key;
    private boolean closed;

    Listener(IoThread io, IoThreads pool, SocketPort socket, Transport transport, ServerSocketChannel server,
             SocketAddress bound, EndpointConfig cfg, String endpoint) {
        this.io = io;
        this.pool = pool;
        this.socket = socket;
        this.transport = transport;
        this.server = server;
        this.bound = bound;
        this.cfg = cfg;
        this.endpoint = endpoint;
        pool.retain();
    }

    /** I/O thread: starts accepting. */
    void start() {
        if (closed) {
            return;
        }
        try {
            key = io.register(server, SelectionKey.OP_ACCEPT, this);
            socket.emit(SocketEvent.LISTENING, endpoint, 0, "");
        } catch (IOException e) {
            socket.emit(SocketEvent.BIND_FAILED, endpoint, 0, String.valueOf(e.getMessage()));
            closeNow(0);
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    /**
     * Socket thread: stops listening, and returns once the port (or ipc path) is free again,
     * so the application may bind it at once. Accepted connections linger with the socket's
     * current LINGER.
     */
    @Override
    public void close() {
        int linger = socket.option(SocketOption.LINGER);
        CountDownLatch closedLatch = new CountDownLatch(1);
        if (!io.execute(() -> {
            closeNow(linger);
            io.flushCancelledKeys();
            closedLatch.countDown();
        })) {
            closeChannel();
            return;
        }
        boolean interrupted = false;
        for (;;) {
            try {
                // Bounded: a stuck I/O thread must not hang close (it never blocks, so this is ample).
                closedLatch.await(5, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void ready(int ops) {
        for (int i = 0; i < ACCEPTS_PER_ROUND && !closed; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                socket.emit(SocketEvent.ACCEPT_FAILED, endpoint, 0, String.valueOf(e.getMessage()));
                return;
            }
            if (ch == null) {
                return;
            }
            accepted(ch);
        }
    }

    private void accepted(SocketChannel ch) {
        try {
            ch.configureBlocking(false);
            transport.configure(ch, cfg.options);
        } catch (IOException e) {
            socket.emit(SocketEvent.ACCEPT_FAILED, endpoint, 0, String.valueOf(e.getMessage()));
            Channels.closeQuietly(ch);
            return;
        } catch (RuntimeException | Error e) {
            // A bug: the I/O thread closes this listener; the connection must not stay open.
            Channels.closeQuietly(ch);
            throw e;
        }
        socket.emit(SocketEvent.ACCEPTED, endpoint, 0, "");
        IoThread target = pool.next();
        Session s = new Session(target, pool, socket, cfg, endpoint, false, this);
        sessions.add(s);
        boolean posted = target.execute(() -> {
            try {
                s.startEngine(ch, null);
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: cannot start a connection", endpoint, e);
                Channels.closeQuietly(ch);
                s.term(0);
            }
        });
        if (!posted) {
            Channels.closeQuietly(ch);
            sessions.remove(s);
            pool.release();
        }
    }

    @Override
    public void failed(Throwable cause) {
        closeNow(0, "internal error: " + cause);
    }

    private void closeNow(int linger) {
        closeNow(linger, "");
    }

    private void closeNow(int linger, String detail) {
        if (closed) {
            return;
        }
        closed = true;
        closeChannel();
        socket.emit(SocketEvent.CLOSED, endpoint, 0, detail);
        for (Session s : new ArrayList<>(sessions)) {
            if (!s.io.execute(() -> s.term(linger))) {
                sessions.remove(s);
            }
        }
        pool.release();
    }

    private void closeChannel() {
        if (key != null) {
            key.cancel();
        }
        Channels.closeQuietly(server);
        transport.unlisten(bound);
    }

    // ---- sessions (their own threads report back here) -------------------------------------

    @Override
    public void engineStopped(Session session, boolean protocolError) {
        // Accepted sessions finish with their connection; nothing to retry.
    }

    @Override
    public void sessionFinished(Session session) {
        if (io.inThisThread()) {
            sessions.remove(session);
        } else {
            io.execute(() -> sessions.remove(session));
        }
    }

    @Override
    public String toString() {
        return "Listener[" + endpoint + "]";
    }
}
