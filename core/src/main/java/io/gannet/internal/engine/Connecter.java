package io.gannet.internal.engine;

import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.internal.EndpointHandle;
import io.gannet.internal.SocketPort;
import io.gannet.spi.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected endpoint: makes the connection with a non-blocking connect, hands it to its
 * {@link Session}, and makes it again after RECONNECT_IVL when it fails or breaks.
 *
 * <pre>
 *  IDLE ─attempt─► CONNECTING ─OP_CONNECT ok─► CONNECTED (session's engine runs)
 *   ▲                  │ refused / CONNECT_TIMEOUT        │ broke (not a protocol error)
 *   └── WAITING ◄──────┴───────────────────────────────────┘
 * </pre>
 *
 * The wait is RECONNECT_IVL plus up to RECONNECT_IVL of jitter, doubling up to
 * RECONNECT_IVL_MAX when that is set (libzmq). RECONNECT_IVL -1 tries once. A handshake that
 * fails on a protocol error (e.g. incompatible socket types) is not retried: libzmq does not.
 *
 * <p>{@link #endpoint()} and {@link #close()} run on the socket's thread; everything else on
 * the connecter's I/O thread.
 */
final class Connecter implements IoHandler, EndpointHandle, Session.Host {
    private static final Logger LOG = LoggerFactory.getLogger(Connecter.class);

    private final IoThread io;
    private final IoThreads pool;
    private final SocketPort socket;
    private final Transport transport;
    private final String address;
    private final String endpoint;
    private final EndpointConfig cfg;
    private final Session session;
    private final IoTimer retryTimer = new IoTimer(t -> attempt());
    private final IoTimer timeoutTimer = new IoTimer(t -> connectTimedOut());
    private SocketAddress resolved;
    private SocketChannel connecting;
    private SelectionKey key;
    private int currentIvl;
    private boolean closed;
    /** Closed by {@code disconnect()} rather than by the socket's close. */
    private boolean disconnected;
    private boolean released;

    Connecter(IoThread io, IoThreads pool, SocketPort socket, Transport transport, String address, String endpoint,
              EndpointConfig cfg, SocketAddress resolved) {
        this.io = io;
        this.pool = pool;
        this.socket = socket;
        this.transport = transport;
        this.address = address;
        this.endpoint = endpoint;
        this.cfg = cfg;
        this.resolved = resolved;
        this.currentIvl = cfg.reconnectIvl;
        pool.retain();
        this.session = new Session(io, pool, socket, cfg, endpoint, true, this);
        if (cfg.keepsPipeAcrossConnections()) {
            session.createKeptPipe();
        }
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    /** I/O thread: the first attempt. */
    void start() {
        attempt();
    }

    /**
     * Socket thread, {@code disconnect()}: as {@link #close()}; with
     * RECONNECT_STOP_AFTER_DISCONNECT no new connection is made for what still waits.
     */
    @Override
    public void disconnect() {
        int linger = socket.option(SocketOption.LINGER);
        io.execute(() -> {
            disconnected = true;
            closeNow(linger);
            if (cfg.stopsReconnecting(SocketOption.RECONNECT_STOP_AFTER_DISCONNECT) && session.lingersUnconnected()) {
                io.cancel(retryTimer);
                abandonAttempt();
                stopAfterDisconnect();
            }
        });
    }

    private void stopAfterDisconnect() {
        if (!session.isFinished()) {
            socket.emit(SocketEvent.CLOSED, endpoint, 0,
                    "no reconnection after disconnect (RECONNECT_STOP_AFTER_DISCONNECT); queued messages dropped");
            session.giveUp("no reconnection after disconnect (RECONNECT_STOP_AFTER_DISCONNECT)");
        }
    }

    /** Socket thread: stop connecting; the connection lingers with the socket's current LINGER. */
    @Override
    public void close() {
        int linger = socket.option(SocketOption.LINGER);
        io.execute(() -> closeNow(linger));
    }

    // ---- connecting -------------------------------------------------------------------------

    private void attempt() {
        if (!session.wantsConnection()) {
            return;
        }
        SocketChannel ch = null;
        try {
            if (resolved == null || isUnresolved(transport.peerAddress(resolved))) {
                resolved = transport.resolveConnect(address, cfg.options);
            }
            ch = transport.open(resolved, cfg.options);
            transport.configure(ch, cfg.options);
            if (ch.connect(transport.peerAddress(resolved))) {
                connected(ch, null);
                return;
            }
            connecting = ch;
            key = io.register(ch, SelectionKey.OP_CONNECT, this);
            socket.emit(SocketEvent.CONNECT_DELAYED, endpoint, 0, "");
            if (cfg.connectTimeout > 0) {
                io.schedule(timeoutTimer, cfg.connectTimeout);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: connect failed: {}", endpoint, e.toString());
            if (ch != null) {
                Channels.closeQuietly(ch);
            }
            connecting = null;
            resolved = null;
            attemptFailed(e);
        }
    }

    private static boolean isUnresolved(SocketAddress a) {
        return a instanceof InetSocketAddress && ((InetSocketAddress) a).isUnresolved();
    }

    /** A connect attempt failed: try again later, unless RECONNECT_STOP says a refusal ends it. */
    private void attemptFailed(Exception e) {
        String why = ConnectFailure.describe(e);
        if (ConnectFailure.isRefused(e) && cfg.stopsReconnecting(SocketOption.RECONNECT_STOP_CONN_REFUSED)) {
            socket.emit(SocketEvent.CLOSED, endpoint, 0, "no reconnection (RECONNECT_STOP_CONN_REFUSED): " + why);
            io.cancel(retryTimer);
            session.giveUp("no reconnection (RECONNECT_STOP_CONN_REFUSED): " + why);
            return;
        }
        retryLater(why);
    }

    @Override
    public void ready(int ops) {
        SocketChannel ch = connecting;
        if (ch == null || (ops & SelectionKey.OP_CONNECT) == 0) {
            return;
        }
        boolean done;
        try {
            done = ch.finishConnect();
        } catch (IOException e) {
            LOG.debug("{}: connect failed: {}", endpoint, e.toString());
            abandonAttempt();
            attemptFailed(e);
            return;
        }
        if (done) {
            io.cancel(timeoutTimer);
            connecting = null;
            SelectionKey k = key;
            key = null;
            connected(ch, k);
        }
    }

    private void connected(SocketChannel ch, SelectionKey k) {
        currentIvl = cfg.reconnectIvl;
        socket.emit(SocketEvent.CONNECTED, endpoint, 0, "");
        try {
            session.startEngine(ch, k);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: cannot start the connection", endpoint, e);
            Channels.closeQuietly(ch);
            retryLater(ConnectFailure.describe(e));
        }
    }

    private void connectTimedOut() {
        if (connecting != null) {
            LOG.debug("{}: no connection within CONNECT_TIMEOUT {} ms", endpoint, cfg.connectTimeout);
            abandonAttempt();
            retryLater("no connection within CONNECT_TIMEOUT " + cfg.connectTimeout + " ms");
        }
    }

    private void abandonAttempt() {
        io.cancel(timeoutTimer);
        if (key != null) {
            key.cancel();
            key = null;
        }
        if (connecting != null) {
            Channels.closeQuietly(connecting);
            connecting = null;
        }
    }

    private void retryLater() {
        retryLater("");
    }

    /** Schedules the next attempt; {@code why} (the last failure) goes into CONNECT_RETRIED's detail. */
    private void retryLater(String why) {
        if (closed && disconnected && cfg.stopsReconnecting(SocketOption.RECONNECT_STOP_AFTER_DISCONNECT)) {
            // disconnect() with RECONNECT_STOP_AFTER_DISCONNECT: what still waits goes unsent.
            stopAfterDisconnect();
            return;
        }
        if (!session.wantsConnection()) {
            if (session.lingersUnconnected()) {
                // Lingering with nothing left to send.
                session.giveUp("");
            }
            return;
        }
        if (cfg.reconnectIvl < 0) {
            session.giveUp("no connection, and RECONNECT_IVL -1 allows no retry");
            return;
        }
        int base = currentIvl;
        int jitter = cfg.reconnectIvl > 0 ? ThreadLocalRandom.current().nextInt(cfg.reconnectIvl) : 0;
        int delay = base > Integer.MAX_VALUE - jitter ? Integer.MAX_VALUE : base + jitter;
        if (cfg.reconnectIvlMax > 0) {
            currentIvl = (int) Math.min((long) currentIvl * 2, cfg.reconnectIvlMax);
        }
        socket.emit(SocketEvent.CONNECT_RETRIED, endpoint, delay, why);
        io.schedule(retryTimer, delay);
    }

    @Override
    public void failed(Throwable cause) {
        abandonAttempt();
        retryLater(String.valueOf(cause));
    }

    // ---- the session's reports --------------------------------------------------------------

    @Override
    public void engineStopped(Session s, boolean protocolError) {
        if (protocolError) {
            // libzmq does not reconnect to a peer that broke the protocol.
            s.giveUp("the peer broke the protocol; no reconnect");
            return;
        }
        retryLater();
    }

    @Override
    public void sessionFinished(Session s) {
        io.cancel(retryTimer);
        abandonAttempt();
        if (closed) {
            releaseOnce();
        }
    }

    // ---- closing ----------------------------------------------------------------------------

    private void closeNow(int linger) {
        if (closed) {
            return;
        }
        closed = true;
        if (session.isFinished()) {
            io.cancel(retryTimer);
            abandonAttempt();
            releaseOnce();
            return;
        }
        session.term(linger);
        if (!session.isFinished() && !session.wantsConnection()) {
            // Connected (the engine lingers) or nothing to deliver: no more attempts.
            io.cancel(retryTimer);
            abandonAttempt();
        }
    }

    private void releaseOnce() {
        if (!released) {
            released = true;
            pool.release();
        }
    }

    @Override
    public String toString() {
        return "Connecter[" + endpoint + "]";
    }
}
