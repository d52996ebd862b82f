package io.gannet.patterns.reliability;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
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
 * A Majordomo broker (ZeroMQ RFC 7, MDP/0.1, with RFC 8's {@code mmi.service}): one ROUTER for
 * clients and workers alike, a queue of requests and a least-recently-used list of waiting
 * workers per service.
 *
 * <ul>
 *   <li>A worker registers one service with READY; the broker heartbeats every waiting worker
 *       once per {@link Heartbeat#interval()} and forgets a worker silent for
 *       {@link Heartbeat#expiry()}, busy or not: a handler must finish within the expiry, or
 *       its worker counts as dead (its late reply is refused with DISCONNECT, and the client's
 *       retry goes to another worker). A command from an unknown or misbehaving worker (READY
 *       twice, REPLY or HEARTBEAT before READY, a service in {@code mmi.}) gets DISCONNECT,
 *       which makes a worker start over: this is how workers come back to a restarted broker.</li>
 *   <li>A request for a service without a worker waits in the queue, and is dropped (and
 *       counted in {@link #expiredRequests()}) after {@code requestExpiry}; the client's
 *       retry recovers it. A request that was with a worker that died is recovered the same
 *       way: MDP assumes idempotent workers.</li>
 *   <li>{@code mmi.service} answers {@code 200} or {@code 404}; any other {@code mmi.} service
 *       {@code 501}.</li>
 * </ul>
 *
 * <p>Threads: {@link #start()} runs the broker on its own thread until {@link #close()}.
 */
public final class MajordomoBroker extends BackgroundLoop {
    private final Heartbeat heartbeat;
    private final Duration requestExpiry;
    private final Socket socket;
    private final Poller poller = new Poller();
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, Worker> workers = new HashMap<>();
    /** Waiting workers of every service, least recently ready first. */
    private final Map<String, Worker> waiting = new LinkedHashMap<>();
    private long heartbeatAt;
    private volatile int registeredWorkers;
    private volatile long expiredWorkers;
    private volatile long expiredRequests;

    private static final class Service {
        final String name;
        final ArrayDeque<Request> requests = new ArrayDeque<>();
        final ArrayDeque<Worker> waiting = new ArrayDeque<>();

        Service(String name) {
            this.name = name;
        }
    }

    private static final class Worker {
        final byte[] id;
        final String key;
        final Service service;
        long expiresAt;

        Worker(byte[] id, String key, Service service) {
            this.id = id;
            this.key = key;
            this.service = service;
        }
    }

    /** A client's request: its routing id and the body, with when it arrived. */
    private record Request(byte[] client, List<byte[]> body, long arrived) {
    }

    private MajordomoBroker(Builder b) {
        super("majordomo-broker");
        heartbeat = b.heartbeat;
        requestExpiry = b.requestExpiry;
        socket = b.context.socket(SocketType.ROUTER);
        socket.set(SocketOption.LINGER, 0);
        try {
            socket.bind(b.endpoint);
        } catch (RuntimeException e) {
            closeSockets();
            throw e;
        }
        poller.register(socket, Poller.POLLIN);
        heartbeatAt = System.nanoTime() + heartbeat.interval().toNanos();
    }

    /** A builder for a broker bound to {@code endpoint}. */
    public static Builder builder(Context context, String endpoint) {
        return new Builder(context, endpoint);
    }

    /** Starts serving on the broker's own thread; returns this. */
    public MajordomoBroker start() {
        startLoop();
        return this;
    }

    /** The endpoint bound (resolved, for a {@code tcp://host:*} bind). */
    public String endpoint() {
        return socket.lastEndpoint();
    }

    /** How many workers are registered now (waiting or busy), as last seen by the broker's thread. */
    public int registeredWorkers() {
        return registeredWorkers;
    }

    /** How many workers were forgotten for missing their heartbeats. */
    public long expiredWorkers() {
        return expiredWorkers;
    }

    /** How many requests were dropped after waiting {@code requestExpiry} for a worker. */
    public long expiredRequests() {
        return expiredRequests;
    }

    @Override
    void turn() {
        poller.poll(Durations.until(heartbeatAt));
        List<byte[]> msg;
        while ((msg = FrameIo.poll(socket)) != null) {
            if (msg.size() >= 3 && msg.get(1).length == 0 && FrameIo.is(msg.get(2), Mdp.CLIENT)) {
                fromClient(msg);
            } else if (msg.size() >= 4 && msg.get(1).length == 0 && FrameIo.is(msg.get(2), Mdp.WORKER)) {
                fromWorker(msg);
            }
            // Anything else is not MDP/0.1: dropped (RFC 7).
        }
        long now = System.nanoTime();
        if (now - heartbeatAt >= 0) {
            for (Worker w : waiting.values()) {
                send(w, Mdp.HEARTBEAT);
            }
            purge(now);
            heartbeatAt = now + heartbeat.interval().toNanos();
        }
        registeredWorkers = workers.size();
    }

    // [client, "", MDPC01, service, body...]
    private void fromClient(List<byte[]> msg) {
        if (msg.size() < 5) {
            return;
        }
        byte[] client = msg.get(0);
        String name = FrameIo.text(msg.get(3));
        List<byte[]> body = msg.subList(4, msg.size());
        if (name.startsWith(Mdp.MMI_PREFIX)) {
            byte[] answer = Mdp.NOT_IMPLEMENTED;
            if (name.equals(Mdp.MMI_SERVICE)) {
                Service s = services.get(FrameIo.text(body.get(0)));
                answer = s != null && hasWorkers(s) ? Mdp.FOUND : Mdp.NOT_FOUND;
            }
            FrameIo.send(socket, List.of(client, FrameIo.EMPTY, Mdp.CLIENT, msg.get(3), answer), false);
            return;
        }
        Service service = services.computeIfAbsent(name, Service::new);
        service.requests.add(new Request(client, List.copyOf(body), System.nanoTime()));
        dispatch(service);
    }

    private boolean hasWorkers(Service s) {
        for (Worker w : workers.values()) {
            if (w.service == s) {
                return true;
            }
        }
        return false;
    }

    // [worker, "", MDPW01, command, ...]
    private void fromWorker(List<byte[]> msg) {
        byte[] id = msg.get(0);
        String key = FrameIo.key(id);
        byte[] command = msg.get(3);
        Worker worker = workers.get(key);
        if (FrameIo.is(command, Mdp.DISCONNECT)) {
            if (worker != null) {
                delete(worker);
            }
        } else if (FrameIo.is(command, Mdp.READY) && worker == null && msg.size() == 5
                && !FrameIo.text(msg.get(4)).startsWith(Mdp.MMI_PREFIX)) {
            Service service = services.computeIfAbsent(FrameIo.text(msg.get(4)), Service::new);
            worker = new Worker(id, key, service);
            workers.put(key, worker);
            ready(worker);
        } else if (worker != null && FrameIo.is(command, Mdp.REPLY) && msg.size() >= 7 && msg.get(4).length > 0
                && msg.get(5).length == 0) {
            toClient(msg, worker.service.name);
            ready(worker);
        } else if (worker != null && FrameIo.is(command, Mdp.HEARTBEAT)) {
            // Any command renews a worker (RFC 7); HEARTBEAT does nothing else.
            worker.expiresAt = System.nanoTime() + heartbeat.expiry().toNanos();
        } else {
            // Valid but unexpected, or from a worker this broker does not know (it registered
            // with a broker that has since restarted, or was expired while its handler ran; a
            // REPLY does not name its service, so it cannot be forwarded): start over.
            FrameIo.send(socket, List.of(id, FrameIo.EMPTY, Mdp.WORKER, Mdp.DISCONNECT), false);
            if (worker != null) {
                delete(worker);
            }
        }
    }

    // [worker, "", MDPW01, REPLY, client, "", reply...] -> [client, "", MDPC01, service, reply...]
    private void toClient(List<byte[]> msg, String service) {
        List<byte[]> reply = FrameIo.frames(msg.get(4), FrameIo.EMPTY, Mdp.CLIENT, FrameIo.utf8(service));
        reply.addAll(msg.subList(6, msg.size()));
        FrameIo.send(socket, reply, false);
    }

    private void ready(Worker worker) {
        worker.expiresAt = System.nanoTime() + heartbeat.expiry().toNanos();
        waiting.put(worker.key, worker);
        worker.service.waiting.add(worker);
        dispatch(worker.service);
    }

    private void dispatch(Service service) {
        expireRequests(service, System.nanoTime());
        while (!service.waiting.isEmpty() && !service.requests.isEmpty()) {
            Worker worker = service.waiting.poll();
            waiting.remove(worker.key);
            Request r = service.requests.poll();
            List<byte[]> out = FrameIo.frames(worker.id, FrameIo.EMPTY, Mdp.WORKER, Mdp.REQUEST, r.client(), FrameIo.EMPTY);
            out.addAll(r.body());
            FrameIo.send(socket, out, false);
        }
    }

    private void send(Worker w, byte[] command) {
        FrameIo.send(socket, List.of(w.id, FrameIo.EMPTY, Mdp.WORKER, command), false);
    }

    private void delete(Worker worker) {
        workers.remove(worker.key);
        waiting.remove(worker.key);
        worker.service.waiting.remove(worker);
    }

    /** Forgets silent workers, busy ones too: a worker that died holding a request must not linger. */
    private void purge(long now) {
        Iterator<Worker> it = workers.values().iterator();
        while (it.hasNext()) {
            Worker w = it.next();
            if (now - w.expiresAt >= 0) {
                it.remove();
                waiting.remove(w.key);
                w.service.waiting.remove(w);
                expiredWorkers++;
            }
        }
        for (Service s : services.values()) {
            expireRequests(s, now);
        }
    }

    private void expireRequests(Service service, long now) {
        long limit = requestExpiry.toNanos();
        while (!service.requests.isEmpty() && now - service.requests.peek().arrived() >= limit) {
            service.requests.poll();
            expiredRequests++;
        }
    }

    @Override
    void closeSockets() {
        poller.close();
        socket.close();
    }

    /** Settings of a {@link MajordomoBroker}. */
    public static final class Builder {
        private final Context context;
        private final String endpoint;
        private Heartbeat heartbeat = Heartbeat.DEFAULT;
        private Duration requestExpiry = Duration.ofSeconds(30);

        private Builder(Context context, String endpoint) {
            this.context = Objects.requireNonNull(context, "context");
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        /** The heartbeat, the same as the workers'; default {@link Heartbeat#DEFAULT}. */
        public Builder heartbeat(Heartbeat heartbeat) {
            this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
            return this;
        }

        /** How long a request waits for a worker of its service before it is dropped; default 30 s. */
        public Builder requestExpiry(Duration expiry) {
            this.requestExpiry = Durations.positive(expiry, "requestExpiry");
            return this;
        }

        /** Creates the broker and binds it; {@link MajordomoBroker#start()} serves. */
        public MajordomoBroker build() {
            return new MajordomoBroker(this);
        }
    }
}
