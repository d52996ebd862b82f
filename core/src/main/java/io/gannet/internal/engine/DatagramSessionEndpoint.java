package io.gannet.internal.engine;

import io.gannet.Msg;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.internal.EndpointHandle;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.PipeHandler;
import io.gannet.internal.PipePair;
import io.gannet.internal.SocketPort;
import io.gannet.spi.DatagramHost;
import io.gannet.spi.DatagramRole;
import io.gannet.spi.DatagramSession;
import io.netty.buffer.ByteBufAllocator;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A transport's stateful {@link DatagramSession} ({@code epgm://}) on its I/O thread: core's
 * half of the SPI. It registers the session's channels for reading, runs the session's timer
 * at the deadline the session asks for after each call, connects it to the socket through
 * one pipe ({@link DatagramHost}), and closes it as LINGER says: a sending session is served
 * until the socket's queue and the session are empty or LINGER runs out, then what is left is
 * counted as dropped.
 *
 * <p>Made on the socket's thread; everything after {@link #start} runs on {@link #io}.
 */
final class DatagramSessionEndpoint implements EndpointHandle, PipeHandler, DatagramHost, Lingering {
    private final IoThread io;
    private final IoThreads pool;
    private final SocketPort socket;
    private final EndpointConfig cfg;
    private final String endpoint;
    private final DatagramRole role;
    private final DatagramSession session;
    private final List<DatagramChannel> channels;
    private final SelectionKey[] keys;
    private final IoTimer sessionTimer = new IoTimer(t -> sessionTimerExpired());
    private final IoTimer lingerTimer = new IoTimer(t -> finish(true, this.lingerReason));
    private final Msg scratch = new Msg();
    /** This endpoint's end of the pipe to the socket; null once the pipe is done. I/O thread. */
    private PipeEnd pipe;
    private boolean started;
    private boolean terminating;
    private boolean finished;
    private String lingerReason = "";

    DatagramSessionEndpoint(IoThread io, IoThreads pool, SocketPort socket, EndpointConfig cfg, String endpoint,
                            DatagramRole role, DatagramSession session) {
        this.io = io;
        this.pool = pool;
        this.socket = socket;
        this.cfg = cfg;
        this.endpoint = endpoint;
        this.role = role;
        this.session = session;
        this.channels = List.copyOf(session.channels());
        this.keys = new SelectionKey[channels.size()];
        pool.retain(this);
    }

    /** I/O thread: registers the channels, hands the socket its end of a new pipe, starts the session. */
    void start() {
        try {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = io.register(channels.get(i), SelectionKey.OP_READ, new ChannelHandler(i));
            }
        } catch (ClosedChannelException e) {
            finish(true, "a channel closed before it was registered");
            return;
        }
        boolean sends = role == DatagramRole.SEND;
        PipePair pair = PipePair.create(cfg.sndHwm, cfg.rcvHwm, cfg.conflate, cfg.conflate, sends, endpoint);
        if (sends) {
            pair.secondSubscribedToAll();
        }
        PipeEnd socketEnd = pair.first();
        pipe = pair.second();
        pipe.owner(io, this);
        if (!socket.offerPipe(socketEnd)) {
            socketEnd.abandon();
            finish(true, "the socket is closing");
            return;
        }
        started = true;
        session.start(this, io.nanoTime());
        // A reader is woken only after a read found its queue empty: read once to be woken.
        readActivated(pipe);
        afterCall();
        socket.emit(sends ? SocketEvent.CONNECTED : SocketEvent.LISTENING, endpoint, 0, "");
    }

    // ---- driving the session (I/O thread) --------------------------------------------------

    /** After every call into the session: move its timer, and end a closing session that is done. */
    private void afterCall() {
        if (finished) {
            return;
        }
        long deadline = session.nextDeadline();
        if (deadline == Long.MAX_VALUE) {
            io.cancel(sessionTimer);
        } else if (!sessionTimer.isScheduled() || sessionTimer.deadline != deadline) {
            io.scheduleAt(sessionTimer, deadline);
        }
        if (terminating && unsent() == 0) {
            finish(false, "");
        }
    }

    private void sessionTimerExpired() {
        if (!finished) {
            session.timer(io.nanoTime());
            afterCall();
        }
    }

    /** Messages the socket sent that are not on the wire yet. */
    private long unsent() {
        if (role == DatagramRole.RECEIVE) {
            return 0;
        }
        return (pipe == null ? 0 : pipe.queuedMessages()) + session.unsentMessages();
    }

    /** One channel's selection key: readiness goes to the session with the channel's index. */
    private final class ChannelHandler implements IoHandler {
        private final int index;

        ChannelHandler(int index) {
            this.index = index;
        }

        @Override
        public void ready(int readyOps) {
            if (finished) {
                return;
            }
            long now = io.nanoTime();
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                keys[index].interestOps(SelectionKey.OP_READ);
                session.writable(index, now);
            }
            if (!finished && (readyOps & SelectionKey.OP_READ) != 0) {
                session.readable(index, now);
            }
            afterCall();
        }

        @Override
        public void failed(Throwable cause) {
            DatagramSessionEndpoint.this.failed(cause);
        }

        @Override
        public String toString() {
            return "DatagramSession[" + endpoint + ", channel " + index + "]";
        }
    }

    // ---- the pipe (I/O thread) ---------------------------------------------------------------

    @Override
    public void readActivated(PipeEnd end) {
        if (end != pipe || finished) {
            return;
        }
        if (role == DatagramRole.RECEIVE) {
            // Subscriptions of a SUB or XSUB: a one-way endpoint has no one to tell (it filters locally).
            while (end.read(scratch)) {
                scratch.close();
            }
            return;
        }
        session.pipeReadable(io.nanoTime());
        afterCall();
    }

    @Override
    public void writeActivated(PipeEnd end) {
        if (end == pipe && !finished && role == DatagramRole.RECEIVE) {
            session.pipeWritable(io.nanoTime());
            afterCall();
        }
    }

    @Override
    public void terminated(PipeEnd end) {
        if (end == pipe) {
            pipe = null;
            term(socket.option(SocketOption.LINGER));
        }
    }

    @Override
    public void failed(PipeEnd end, Throwable cause) {
        failed(cause);
    }

    private void failed(Throwable cause) {
        finish(true, "internal error: " + cause);
    }

    // ---- DatagramHost (I/O thread, inside the session's callbacks) -----------------------------

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public ByteBufAllocator alloc() {
        return socket.alloc();
    }

    @Override
    public boolean read(Msg into) {
        PipeEnd p = pipe;
        return p != null && p.read(into);
    }

    @Override
    public boolean write(Msg frame) {
        PipeEnd p = pipe;
        return p != null && p.write(frame);
    }

    @Override
    public boolean checkWrite() {
        PipeEnd p = pipe;
        return p != null && p.checkWrite();
    }

    @Override
    public void rollback() {
        PipeEnd p = pipe;
        if (p != null) {
            p.rollback();
        }
    }

    @Override
    public void flush() {
        PipeEnd p = pipe;
        if (p != null) {
            p.flush();
        }
    }

    @Override
    public void awaitWritable(int index) {
        SelectionKey k = keys[index];
        if (k != null && k.isValid()) {
            k.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    @Override
    public void messagesDropped(long count, String why) {
        socket.messagesDropped(endpoint, count, why);
    }

    @Override
    public void emit(SocketEvent event, long value, String detail) {
        socket.emit(event, endpoint, value, detail);
    }

    // ---- closing ---------------------------------------------------------------------------------

    /**
     * Socket thread (unbind, disconnect, close): starts closing on the I/O thread and returns
     * once that began; a sending session then lingers in the background.
     */
    @Override
    public void close() {
        int linger = socket.option(SocketOption.LINGER);
        CountDownLatch done = new CountDownLatch(1);
        if (!io.execute(() -> {
            term(linger);
            io.flushCancelledKeys();
            done.countDown();
        })) {
            return; // the thread has stopped and closed every channel already
        }
        boolean interrupted = false;
        for (;;) {
            try {
                done.await(5, TimeUnit.SECONDS); // bounded: the I/O thread never blocks
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** I/O thread: the endpoint goes; a sender sends what is left within {@code lingerMs}. */
    private void term(int lingerMs) {
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
        if (started && pipe != null && role == DatagramRole.SEND) {
            session.pipeReadable(io.nanoTime());
        }
        afterCall();
    }

    private void scheduleLinger(long ms, String reason) {
        lingerReason = reason;
        io.schedule(lingerTimer, ms);
    }

    @Override
    public IoThread io() {
        return io;
    }

    @Override
    public void contextClosing(long limitMs) {
        if (finished) {
            return;
        }
        if (!terminating) {
            term(limitMs < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, limitMs)));
        }
        if (!finished && !lingerTimer.isScheduled() && limitMs >= 0) {
            scheduleLinger(limitMs, "LINGER is -1 and the context's linger limit of " + limitMs + " ms ran out");
        }
    }

    @Override
    public void abort(String why) {
        finish(true, why);
    }

    /** Ends the endpoint, once: what is still unsent is counted and reported with {@code why}. */
    private void finish(boolean discard, String why) {
        if (finished) {
            return;
        }
        finished = true;
        io.cancel(sessionTimer);
        io.cancel(lingerTimer);
        long lost = started ? session.unsentMessages() : 0;
        if (pipe != null) {
            PipeEnd p = pipe;
            pipe = null;
            if (role == DatagramRole.SEND) {
                lost += p.dropQueued();
            }
            p.close(discard);
        }
        for (SelectionKey k : keys) {
            if (k != null) {
                k.cancel();
            }
        }
        session.close();
        scratch.close();
        if (lost > 0) {
            socket.messagesDropped(endpoint, lost, why.isEmpty() ? "the endpoint closed" : why);
        }
        socket.emit(SocketEvent.CLOSED, endpoint, 0, why);
        pool.release(this);
    }

    @Override
    public String toString() {
        return "DatagramSessionEndpoint[" + endpoint + ", " + role + "]";
    }
}
