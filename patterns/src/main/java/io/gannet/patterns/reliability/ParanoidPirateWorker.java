package io.gannet.patterns.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * A Paranoid Pirate worker (ZeroMQ RFC 6, PPP): a DEALER that sends READY, answers requests
 * with a {@link RequestHandler}, sends HEARTBEAT to the queue once per interval while idle, and
 * when it has heard nothing from the queue for {@link Heartbeat#expiry()} it closes its socket,
 * waits a back-off (doubling from {@code reconnectInitial} up to {@code reconnectMax}), and
 * starts over on a fresh socket with READY, so a restarted queue gets its workers back.
 *
 * <p>Threads: {@link #start()} runs the worker on its own thread until {@link #close()}.
 */
public final class ParanoidPirateWorker extends BackgroundLoop {
    private final Context context;
    private final String endpoint;
    private final RequestHandler handler;
    private final Heartbeat heartbeat;
    private final Backoff backoff;
    private Socket socket;
    private int liveness;
    private long heartbeatAt;
    private volatile long served;
    private volatile int reconnects;

    private ParanoidPirateWorker(Builder b) {
        super("paranoid-pirate-worker");
        context = b.context;
        endpoint = b.endpoint;
        handler = b.handler;
        heartbeat = b.heartbeat;
        backoff = new Backoff(b.reconnectInitial, b.reconnectMax);
    }

    /** A builder for a worker of the queue backend at {@code endpoint}. */
    public static Builder builder(Context context, String endpoint, RequestHandler handler) {
        return new Builder(context, endpoint, handler);
    }

    /** Connects, sends READY and serves on the worker's own thread; returns this. */
    public ParanoidPirateWorker start() {
        startLoop();
        return this;
    }

    /** How many requests this worker has answered. */
    public long served() {
        return served;
    }

    /** How many times the worker gave the queue up for silent and connected again. */
    public int reconnects() {
        return reconnects;
    }

    private void connect() {
        socket = context.socket(SocketType.DEALER);
        socket.set(SocketOption.LINGER, 0);
        socket.connect(endpoint);
        FrameIo.send(socket, List.of(ParanoidPirateQueue.READY), true);
        liveness = heartbeat.liveness();
        heartbeatAt = System.nanoTime() + heartbeat.interval().toNanos();
    }

    @Override
    void turn() {
        if (socket == null) {
            connect();
        }
        List<byte[]> msg = FrameIo.recv(socket, heartbeat.interval());
        if (msg != null) {
            liveness = heartbeat.liveness();
            backoff.reset();
            int delimiter = -1;
            for (int i = 0; i < msg.size() && delimiter < 0; i++) {
                if (msg.get(i).length == 0) {
                    delimiter = i;
                }
            }
            if (delimiter > 0 && delimiter < msg.size() - 1) {
                // [client..., "", request...] -> [client..., "", reply...]
                List<byte[]> reply = FrameIo.frames();
                reply.addAll(msg.subList(0, delimiter + 1));
                reply.addAll(handler.handle(msg.subList(delimiter + 1, msg.size())));
                served++; // counted before the reply leaves, so a caller that has the reply sees the count
                FrameIo.send(socket, reply, false);
            }
            // else a HEARTBEAT (renewed liveness above), or not PPP: nothing to answer
        } else if (--liveness == 0) {
            reconnectAfterBackoff();
            return;
        }
        if (System.nanoTime() - heartbeatAt >= 0) {
            FrameIo.send(socket, List.of(ParanoidPirateQueue.HEARTBEAT), true);
            heartbeatAt = System.nanoTime() + heartbeat.interval().toNanos();
        }
    }

    private void reconnectAfterBackoff() {
        socket.close();
        socket = null;
        backoff.await();
        reconnects++;
    }

    @Override
    void closeSockets() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** Settings of a {@link ParanoidPirateWorker}. */
    public static final class Builder {
        private final Context context;
        private final String endpoint;
        private final RequestHandler handler;
        private Heartbeat heartbeat = Heartbeat.DEFAULT;
        private Duration reconnectInitial = Duration.ofSeconds(1);
        private Duration reconnectMax = Duration.ofSeconds(32);

        private Builder(Context context, String endpoint, RequestHandler handler) {
            this.context = Objects.requireNonNull(context, "context");
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** The heartbeat, the same as the queue's; default {@link Heartbeat#DEFAULT}. */
        public Builder heartbeat(Heartbeat heartbeat) {
            this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
            return this;
        }

        /** The first wait before reconnecting to a silent queue, doubled on each further try up to {@code max}; default 1 s to 32 s. */
        public Builder reconnect(Duration initial, Duration max) {
            new Backoff(initial, max); // checks the values
            this.reconnectInitial = initial;
            this.reconnectMax = max;
            return this;
        }

        /** Creates the worker; {@link ParanoidPirateWorker#start()} connects it. */
        public ParanoidPirateWorker build() {
            return new ParanoidPirateWorker(this);
        }
    }
}
