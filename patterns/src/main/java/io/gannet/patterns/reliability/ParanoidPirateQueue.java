package io.gannet.patterns.reliability;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.gannet.Context;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * The Paranoid Pirate queue (ZeroMQ RFC 6, PPP): clients on a ROUTER frontend, workers on a
 * ROUTER backend, workers kept in least-recently-used order, with heartbeats both ways.
 *
 * <p>The queue sends HEARTBEAT (one frame, {@code 0x02}) to every waiting worker once per
 * {@link Heartbeat#interval()}; any message from a worker (READY {@code 0x01}, HEARTBEAT or a
 * reply) renews it for {@link Heartbeat#expiry()}, after which a silent worker is dropped and
 * gets no more requests. A request that was with a worker that died is lost; the client's
 * retry (see {@link LazyPirateClient}) recovers it. Requests from clients are read only while a
 * worker waits, so they queue in the frontend's pipes (up to its high-water mark) otherwise.
 *
 * <p>Wire: a worker (a DEALER, {@link ParanoidPirateWorker}) receives
 * {@code [client id, "", request...]} and replies {@code [client id, "", reply...]}.
 *
 * <p>Threads: {@link #start()} runs the queue on its own thread until {@link #close()}.
 */
public final class ParanoidPirateQueue extends BackgroundLoop {
    static final byte[] READY = {0x01};
    static final byte[] HEARTBEAT = {0x02};

    private final Heartbeat heartbeat;
    private final Socket frontend;
    private final Socket backend;
    private final Poller backendOnly = new Poller();
    private final Poller both = new Poller();
    /** Waiting workers, least recently ready first; the value is when each expires (nanoTime). */
    private final Map<String, Waiting> workers = new LinkedHashMap<>();
    private long heartbeatAt;
    private volatile int waitingWorkers;
    private volatile long expiredWorkers;

    private record Waiting(byte[] id, long expiresAt) {
    }

    /** Binds the frontend (clients) and backend (workers); call {@link #start()} to serve. */
    public ParanoidPirateQueue(Context context, String frontendEndpoint, String backendEndpoint, Heartbeat heartbeat) {
        super("paranoid-pirate-queue");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        frontend = context.socket(SocketType.ROUTER);
        backend = context.socket(SocketType.ROUTER);
        frontend.set(SocketOption.LINGER, 0);
        backend.set(SocketOption.LINGER, 0);
        try {
            frontend.bind(frontendEndpoint);
            backend.bind(backendEndpoint);
        } catch (RuntimeException e) {
            closeSockets();
            throw e;
        }
        backendOnly.register(backend, Poller.POLLIN);
        both.register(backend, Poller.POLLIN);
        both.register(frontend, Poller.POLLIN);
        heartbeatAt = System.nanoTime() + heartbeat.interval().toNanos();
    }

    /** Starts serving on the queue's own thread; returns this. */
    public ParanoidPirateQueue start() {
        startLoop();
        return this;
    }

    /** The frontend's endpoint (resolved, for a {@code tcp://host:*} bind). */
    public String frontendEndpoint() {
        return frontend.lastEndpoint();
    }

    /** The backend's endpoint (resolved). */
    public String backendEndpoint() {
        return backend.lastEndpoint();
    }

    /** How many live workers wait for a request (as last seen by the queue's thread). */
    public int waitingWorkers() {
        return waitingWorkers;
    }

    /** How many workers were dropped for missing their heartbeats. */
    public long expiredWorkers() {
        return expiredWorkers;
    }

    @Override
    void turn() {
        Poller poller = workers.isEmpty() ? backendOnly : both;
        poller.poll(Durations.until(heartbeatAt));
        List<byte[]> msg;
        while ((msg = FrameIo.poll(backend)) != null) {
            fromWorker(msg);
        }
        while (!workers.isEmpty() && (msg = FrameIo.poll(frontend)) != null) {
            Iterator<Waiting> oldest = workers.values().iterator();
            Waiting worker = oldest.next();
            oldest.remove();
            List<byte[]> out = FrameIo.frames(worker.id());
            out.addAll(msg);
            FrameIo.send(backend, out, false);
        }
        long now = System.nanoTime();
        if (now - heartbeatAt >= 0) {
            for (Waiting w : workers.values()) {
                FrameIo.send(backend, List.of(w.id(), HEARTBEAT), false);
            }
            heartbeatAt = now + heartbeat.interval().toNanos();
        }
        purge(now);
        waitingWorkers = workers.size();
    }

    private void fromWorker(List<byte[]> msg) {
        byte[] id = msg.get(0);
        String key = FrameIo.key(id);
        // Any message renews the worker, and puts it last in line (it is the most recently ready).
        workers.remove(key);
        workers.put(key, new Waiting(id, System.nanoTime() + heartbeat.expiry().toNanos()));
        if (msg.size() == 2 && (FrameIo.is(msg.get(1), READY) || FrameIo.is(msg.get(1), HEARTBEAT))) {
            return;
        }
        if (msg.size() >= 4) {
            // [worker, client, "", reply...] -> [client, "", reply...]
            FrameIo.send(frontend, msg.subList(1, msg.size()), false);
        }
        // Anything else is not PPP: the worker still counts as alive, the message is dropped.
    }

    private void purge(long now) {
        Iterator<Waiting> it = workers.values().iterator();
        while (it.hasNext()) {
            if (now - it.next().expiresAt() >= 0) {
                it.remove();
                expiredWorkers++;
            }
        }
    }

    @Override
    void closeSockets() {
        backendOnly.close();
        both.close();
        frontend.close();
        backend.close();
    }
}
