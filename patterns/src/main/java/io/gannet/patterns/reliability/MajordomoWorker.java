package io.gannet.patterns.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * A Majordomo worker (ZeroMQ RFC 7, MDP/Worker 0.1) for one service: a DEALER that sends
 * READY, answers each REQUEST with a {@link RequestHandler}, and heartbeats the broker while
 * idle. It starts over on a fresh socket (READY again) when the broker sends DISCONNECT, and,
 * after a back-off that doubles from {@code reconnectInitial} to {@code reconnectMax}, when it
 * has heard nothing for {@link Heartbeat#expiry()}: so it finds a restarted broker by itself.
 * {@link #close()} sends DISCONNECT, so the broker forgets it at once.
 *
 * <p>Threads: {@link #start()} runs the worker on its own thread until {@link #close()}.
 */
public final class MajordomoWorker extends BackgroundLoop {
    private final Context context;
    private final String endpoint;
    private final byte[] service;
    private final RequestHandler handler;
    private final Heartbeat heartbeat;
    private final Backoff backoff;
    private Socket socket;
    private int liveness;
    private long heartbeatAt;
    private volatile boolean disconnectOnClose = true;
    private volatile long served;
    private volatile int reconnects;

    private MajordomoWorker(Builder b) {
        super("majordomo-worker-" + b.service);
        context = b.context;
        endpoint = b.endpoint;
        service = FrameIo.utf8(b.service);
        handler = b.handler;
        heartbeat = b.heartbeat;
        backoff = new Backoff(b.reconnectInitial, b.reconnectMax);
    }

    /** A builder for a worker of {@code service} at the broker at {@code endpoint}. */
    public static Builder builder(Context context, String endpoint, String service, RequestHandler handler) {
        return new Builder(context, endpoint, service, handler);
    }

    /** Connects, registers and serves on the worker's own thread; returns this. */
    public MajordomoWorker start() {
        startLoop();
        return this;
    }

    /** How many requests this worker has answered. */
    public long served() {
        return served;
    }

    /** How many times the worker started over (DISCONNECT from the broker, or a silent broker). */
    public int reconnects() {
        return reconnects;
    }

    /** Stops as a crash would: without DISCONNECT, so the broker must notice by heartbeat. */
    void crash() {
        disconnectOnClose = false;
        close();
    }

    private void connect() {
        socket = context.socket(SocketType.DEALER);
        socket.set(SocketOption.LINGER, 0);
        socket.connect(endpoint);
        FrameIo.send(socket, List.of(FrameIo.EMPTY, Mdp.WORKER, Mdp.READY, service), true);
        liveness = heartbeat.liveness();
        heartbeatAt = System.nanoTime() + heartbeat.interval().toNanos();
    }

    @Override
    void turn() {
        if (socket == null) {
            connect();
        }
        List<byte[]> msg = FrameIo.recv(socket, heartbeat.interval());
        if (msg == null) {
            if (--liveness == 0) {
                startOver(true);
                return;
            }
        } else if (msg.size() >= 3 && msg.get(0).length == 0 && FrameIo.is(msg.get(1), Mdp.WORKER)) {
            liveness = heartbeat.liveness();
            backoff.reset();
            byte[] command = msg.get(2);
            if (FrameIo.is(command, Mdp.REQUEST) && msg.size() >= 6 && msg.get(4).length == 0) {
                List<byte[]> reply = FrameIo.frames(FrameIo.EMPTY, Mdp.WORKER, Mdp.REPLY, msg.get(3), FrameIo.EMPTY);
                reply.addAll(handler.handle(msg.subList(5, msg.size())));
                served++; // counted before the reply leaves, so a caller that has the reply sees the count
                FrameIo.send(socket, reply, false);
            } else if (FrameIo.is(command, Mdp.DISCONNECT)) {
                startOver(false);
                return;
            }
            // HEARTBEAT: liveness renewed above
        }
        // Anything that is not MDP/0.1 is dropped.
        if (System.nanoTime() - heartbeatAt >= 0) {
            FrameIo.send(socket, List.of(FrameIo.EMPTY, Mdp.WORKER, Mdp.HEARTBEAT), true);
            heartbeatAt = System.nanoTime() + heartbeat.interval().toNanos();
        }
    }

    private void startOver(boolean afterBackoff) {
        socket.close();
        socket = null;
        reconnects++;
        if (!afterBackoff) {
            return;
        }
        backoff.await();
    }

    @Override
    void closeSockets() {
        if (socket != null) {
            if (disconnectOnClose) {
                socket.set(SocketOption.LINGER, (int) Math.min(1000, heartbeat.interval().toMillis()));
                FrameIo.send(socket, List.of(FrameIo.EMPTY, Mdp.WORKER, Mdp.DISCONNECT), true);
            }
            socket.close();
            socket = null;
        }
    }

    /** Settings of a {@link MajordomoWorker}. */
    public static final class Builder {
        private final Context context;
        private final String endpoint;
        private final String service;
        private final RequestHandler handler;
        private Heartbeat heartbeat = Heartbeat.DEFAULT;
        private Duration reconnectInitial = Duration.ofSeconds(1);
        private Duration reconnectMax = Duration.ofSeconds(32);

        private Builder(Context context, String endpoint, String service, RequestHandler handler) {
            this.context = Objects.requireNonNull(context, "context");
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.service = Objects.requireNonNull(service, "service");
            this.handler = Objects.requireNonNull(handler, "handler");
            if (service.startsWith(Mdp.MMI_PREFIX)) {
                throw new IllegalArgumentException("services in mmi. belong to the broker (RFC 8): " + service);
            }
        }

        /** The heartbeat, the same as the broker's; default {@link Heartbeat#DEFAULT}. */
        public Builder heartbeat(Heartbeat heartbeat) {
            this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
            return this;
        }

        /** The first wait before reconnecting to a silent broker, doubled on each further try up to {@code max}; default 1 s to 32 s. */
        public Builder reconnect(Duration initial, Duration max) {
            new Backoff(initial, max); // checks the values
            this.reconnectInitial = initial;
            this.reconnectMax = max;
            return this;
        }

        /** Creates the worker; {@link MajordomoWorker#start()} connects it. */
        public MajordomoWorker build() {
            return new MajordomoWorker(this);
        }
    }
}
