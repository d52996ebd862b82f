package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.PipeHandler;
import io.gannet.internal.PipePair;
import io.gannet.internal.SocketPort;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O-thread owner of one pipe end and of one connection's engine at a time: the glue
 * between a socket's pipe and the wire.
 *
 * <ul>
 *   <li>Accepted connections, and connecting sockets with IMMEDIATE or of type ROUTER or STREAM: the
 *       pipe is made when the handshake succeeds (the peer's type and routing id are known)
 *       and closed when the connection breaks.</li>
 *   <li>Other connecting sockets: the pipe is made at {@code connect()}, so messages queue
 *       before there is a connection, and it is kept across reconnects; each later handshake
 *       tells the socket it {@linkplain PipeEnd#hiccup() hiccuped}.</li>
 * </ul>
 *
 * <p><b>Termination</b> ({@link #term}): with LINGER 0 the pipe is discarded and the
 * connection closed at once; otherwise the engine keeps sending until the pipe has nothing
 * more (or its delimiter was read) and everything is written, bounded by a LINGER timer
 * (-1 waits for ever, as libzmq does). A connecting session keeps (re)connecting during
 * LINGER while messages wait, so {@code connect(); send(); close()} delivers to a peer that
 * appears within LINGER, also while the context closes. When the context closes, a session
 * lingering for ever gets the context's linger limit instead ({@link #contextClosing}), and a
 * close that is interrupted or runs out of time ends it at once ({@link #abort}). Whatever is
 * still queued when a session gives up is counted and reported
 * ({@link SocketPort#messagesDropped}) and logged at WARN.
 *
 * <p>Owned by its I/O thread; every method runs there, except the constructor and
 * {@link #createKeptPipe}, which run on the socket's thread before the session is published.
 */
final class Session implements PipeHandler, EngineOwner, Lingering {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    /** The listener or connecter a session belongs to. */
    interface Host {
        /** The engine stopped on its own (error, EOF, timeout) while the session lives on. */
        void engineStopped(Session session, boolean protocolError);

        /** The session is finished and has released everything. */
        void sessionFinished(Session session);
    }

    final IoThread io;
    private final IoThreads pool;
    private final SocketPort socket;
    private final EndpointConfig cfg;
    private final String endpoint;
    private final boolean connectSide;
    private final Host host;
    private final Msg scratch = new Msg();
    /** Why the linger timer ends the session, for the drop report. */
    private String lingerReason = "";
    private final IoTimer lingerTimer = new IoTimer(t -> finish(true, this.lingerReason));
    /** When the linger timer fires ({@link System#nanoTime()}), while it is scheduled. */
    private long lingerDeadline;
    /**
     * How long the context's close waits for this session before it says so in the log: the
     * usual close is over sooner (the messages just needed a moment to leave), and is not worth
     * a line.
     */
    static final long WAIT_NOTICE_MS = 1000;
    private final IoTimer waitNotice = new IoTimer(t -> logWait());

    private PipeEnd pipe;
    private boolean keptPipe;
    private boolean handshakedBefore;
    private Engine engine;
    private boolean terminating;
    private boolean finished;

    Session(IoThread io, IoThreads pool, SocketPort socket, EndpointConfig cfg, String endpoint, boolean connectSide,
            Host host) {
        this.io = io;
        this.pool = pool;
        this.socket = socket;
        this.cfg = cfg;
        this.endpoint = endpoint;
        this.connectSide = connectSide;
        this.host = host;
        pool.retain(this);
    }

    /**
     * Socket thread, before the session is handed to its I/O thread: makes the pipe that
     * outlives connections and queues its socket end for the socket to attach.
     */
    void createKeptPipe() {
        PipePair pair = newPair();
        PipeEnd socketEnd = pair.first();
        pipe = pair.second();
        keptPipe = true;
        if (cfg.connectRoutingId != null) {
            // CONNECT_ROUTING_ID: the socket knows this peer's id before it connects.
            socketEnd.peerIdentity(null, cfg.connectRoutingId);
        }
        pipe.owner(io, this);
        if (!socket.offerPipe(socketEnd)) {
            pipe.close(true);
            socketEnd.abandon();
            pipe = null;
        }
    }

    /**
     * A pipe between the socket (first end) and this session (second end). The engine only
     * ever reads the socket's frames in place (OutputBatch, Subscriptions: absolute indexes,
     * then release), so the socket may hand this pipe the same frame object as other such
     * pipes instead of a duplicate.
     */
    private PipePair newPair() {
        return PipePair.create(cfg.sndHwm, cfg.rcvHwm, cfg.conflate, cfg.conflate, connectSide, endpoint)
                .secondReadInPlace();
    }

    /**
     * Whether the connecting side should (still) try to connect: while the session lives, and
     * during LINGER as long as messages wait for a connection (libzmq keeps connecting too, so
     * {@code connect(); send(); close()} delivers to a peer that comes within LINGER).
     */
    boolean wantsConnection() {
        if (finished) {
            return false;
        }
        return !terminating || (engine == null && pipe != null && pipe.checkRead());
    }

    /** Lingering without a connection (and, when asked after wantsConnection(), with nothing to send). */
    boolean lingersUnconnected() {
        return terminating && !finished && engine == null;
    }

    /** A connection was made (connected or accepted): runs its engine. */
    void startEngine(SocketChannel channel, SelectionKey existingKey) throws IOException {
        Engine e = cfg.engines.create(io, new SocketEngineChannel(io, channel, existingKey), cfg, socket.alloc(), this,
                endpoint);
        engine = e;
        e.start();
    }

    // ---- engine events --------------------------------------------------------------------

    @Override
    public boolean handshakeDone(Engine e) {
        SocketType peerType = e.peerType();
        byte[] peerId = connectSide && cfg.connectRoutingId != null ? cfg.connectRoutingId : e.peerIdentity();
        if (pipe == null) {
            if (terminating) {
                return false;
            }
            PipePair pair = newPair();
            PipeEnd socketEnd = pair.first();
            PipeEnd sessionEnd = pair.second();
            socketEnd.peerIdentity(peerType, peerId);
            sessionEnd.owner(io, this);
            if (!socket.offerPipe(socketEnd)) {
                sessionEnd.close(true);
                socketEnd.abandon();
                return false;
            }
            pipe = sessionEnd;
        } else {
            pipe.peer().peerIdentity(peerType, peerId);
            if (handshakedBefore) {
                pipe.hiccup();
            }
        }
        handshakedBefore = true;
        if (cfg.notifies(SocketOption.NOTIFY_CONNECT)) {
            notice(); // before the engine can deliver anything the peer sent
        }
        e.attachPipe(pipe);
        socket.emit(SocketEvent.HANDSHAKE_SUCCEEDED, endpoint, 0, "");
        return true;
    }

    @Override
    public void outputIdle(Engine e) {
        if (terminating || pipe == null) {
            finish(false, "");
        }
    }

    @Override
    public void engineStopped(Engine e, boolean handshaked, SocketEvent handshakeEvent, long value, String detail,
                              boolean protocolError) {
        if (engine == e) {
            engine = null;
        }
        LOG.debug("{}: connection closed: {}", endpoint, detail);
        if (handshaked && pipe != null && cfg.notifies(SocketOption.NOTIFY_DISCONNECT)) {
            notice();
        }
        if (handshakeEvent != null) {
            socket.emit(handshakeEvent, endpoint, value, detail);
        }
        socket.emit(SocketEvent.DISCONNECTED, endpoint, 0, detail);
        if (pipe != null) {
            if (keptPipe && !protocolError) {
                pipe.skipRestOfMessage(scratch, e.outputMidMessage());
            } else {
                long unsent = pipe.dropQueued();
                pipe.close(false);
                pipe = null;
                if (unsent > 0) {
                    socket.messagesDropped(endpoint, unsent, "queued for a peer whose connection ended (" + detail + ")");
                }
            }
        }
        if (!connectSide || (terminating && (protocolError || !wantsConnection()))) {
            finish(false, "the connection closed while lingering: " + detail);
            return;
        }
        boolean handshakeStop = !handshaked && !cfg.traits.rawBytes()
                && cfg.stopsReconnecting(SocketOption.RECONNECT_STOP_HANDSHAKE_FAILED);
        if (handshakeStop && !protocolError) {
            socket.emit(SocketEvent.CLOSED, endpoint, 0, "no reconnection (RECONNECT_STOP_HANDSHAKE_FAILED): " + detail);
        }
        host.engineStopped(this, protocolError || handshakeStop);
    }

    /** ROUTER_NOTIFY: an empty message from this peer, which the ROUTER prefixes with its id. */
    private void notice() {
        if (pipe.writeNotice(socket.alloc().buffer(0, 0))) {
            pipe.flush();
        }
    }

    @Override
    public void messagesLost(Engine e, long messages, String why) {
        LOG.debug("{}: {} message(s) dropped: {}", endpoint, messages, why);
        socket.messagesDropped(endpoint, messages, why);
    }

    /** Connecting side: the connecter will not try again; let the socket forget the pipe. */
    void giveUp(String why) {
        finish(false, why);
    }

    // ---- pipe events ------------------------------------------------------------------------

    @Override
    public void readActivated(PipeEnd end) {
        if (engine != null) {
            engine.outputReady();
        }
    }

    @Override
    public void writeActivated(PipeEnd end) {
        if (engine != null) {
            engine.inputReady();
        }
    }

    @Override
    public void terminated(PipeEnd end) {
        if (end != pipe) {
            return;
        }
        pipe = null;
        if (engine != null) {
            // The socket let go of the pipe: send what was taken from it, then close.
            engine.pipeGone();
        } else if (terminating || !connectSide) {
            finish(false, "");
        }
    }

    /** A pipe command for this session threw (a bug): close the connection, as a handler failure does. */
    @Override
    public void failed(PipeEnd end, Throwable cause) {
        if (engine != null) {
            engine.failed(cause);
        } else {
            abort("internal error: " + cause);
        }
    }

    @Override
    public IoThread io() {
        return io;
    }

    // ---- termination ------------------------------------------------------------------------

    /** The endpoint is closing (unbind, disconnect, socket close): linger, then finish. */
    void term(int lingerMs) {
        if (finished || terminating) {
            return;
        }
        terminating = true;
        if (lingerMs == 0) {
            finish(true, "LINGER is 0");
            return;
        }
        if (lingerMs > 0) {
            scheduleLinger(lingerMs, "LINGER of " + lingerMs + " ms ran out");
        }
        if (engine != null) {
            if (engine.isActive()) {
                engine.outputReady();
            }
            return;
        }
        if (pipe == null || !pipe.checkRead()) {
            finish(false, "");
        }
    }

    private void scheduleLinger(long ms, String reason) {
        lingerReason = reason;
        lingerDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        io.schedule(lingerTimer, ms);
    }

    /**
     * The context is closing and waits for this session. A session lingering for ever
     * (LINGER -1) waits at most {@code limitMs} more (-1: no limit); one that still holds
     * messages after {@link #WAIT_NOTICE_MS} says so in the log, once, since its socket's
     * monitor is already closed.
     */
    @Override
    public void contextClosing(long limitMs) {
        if (finished) {
            return;
        }
        if (!terminating) {
            // Every endpoint is closed before the context waits; this is only a safety net.
            term(limitMs < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, limitMs)));
            if (finished) {
                return;
            }
        }
        if (!lingerTimer.isScheduled() && limitMs >= 0) {
            scheduleLinger(limitMs, "LINGER is -1 and the context's linger limit of " + limitMs + " ms ran out");
        }
        if (unsentNow() > 0 && (!lingerTimer.isScheduled() || lingerDeadline - System.nanoTime()
                > TimeUnit.MILLISECONDS.toNanos(WAIT_NOTICE_MS))) {
            io.schedule(waitNotice, WAIT_NOTICE_MS);
        }
    }

    /**
     * The context's close has waited a while for this session: one WARN line says which socket
     * and endpoint, how many messages and how much longer (its monitor is closed by now).
     */
    private void logWait() {
        long queued = unsentNow();
        if (finished || queued == 0) {
            return;
        }
        String waits = lingerTimer.isScheduled()
                ? "up to " + Math.max(0, TimeUnit.NANOSECONDS.toMillis(lingerDeadline - System.nanoTime())) + " ms more"
                : "without limit (LINGER -1 and no linger limit; interrupt the closing thread or use"
                        + " Context.close(Duration) to stop)";
        LOG.warn("{} {}: Context.close() is waiting for {} unsent message(s) ({}); it waits {}, then drops them",
                socket.type(), endpoint, queued, engine == null ? "not connected yet" : "connected",
                waits);
    }

    /** The context's close stops waiting (interrupted, or out of time): drop what is left now. */
    @Override
    public void abort(String why) {
        finish(true, why);
    }

    /** Messages queued or taken but not yet written, without taking them. */
    private long unsentNow() {
        long n = pipe == null ? 0 : pipe.queuedMessages();
        Engine e = engine;
        return e == null ? n : n + e.unsentMessages();
    }

    /**
     * Ends the session. Whatever the socket sent that is still here is lost: counted,
     * reported to the socket and logged at WARN, with {@code why}.
     */
    private void finish(boolean discard, String why) {
        if (finished) {
            return;
        }
        finished = true;
        io.cancel(lingerTimer);
        io.cancel(waitNotice);
        Engine e = engine;
        engine = null;
        long lost = e == null ? 0 : e.unsentMessages();
        if (pipe != null) {
            PipeEnd p = pipe;
            pipe = null;
            lost += p.dropQueued();
            p.close(discard);
        }
        if (e != null) {
            e.close();
        }
        scratch.close();
        if (lost > 0) {
            String reason = why.isEmpty() ? "the session ended" : why;
            LOG.warn("{} {}: dropped {} unsent message(s): {}", socket.type(), endpoint, lost, reason);
            socket.messagesDropped(endpoint, lost, reason);
        }
        host.sessionFinished(this);
        pool.release(this);
    }

    boolean isFinished() {
        return finished;
    }

    @Override
    public String toString() {
        return "Session[" + endpoint + (connectSide ? ", connect" : ", accept") + "]";
    }
}
