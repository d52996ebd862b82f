package io.gannet.patterns.reliability;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * A brokerless client over several {@link FreelanceServer}s (the Guide's Freelance model 3):
 * one ROUTER connected to every server, which it addresses by endpoint (set as
 * {@code CONNECT_ROUTING_ID} on each connect). It pings each server
 * every {@code pingInterval}; a server that answered anything within {@code serverTtl} is
 * alive. Requests go to the alive servers in turn (round robin); if a request's server falls
 * silent before replying, the request goes to the next alive one (fail-over),
 * until a reply comes or the request's {@code timeout} passes, which throws
 * {@link RequestFailedException}. Replies carry the request's sequence number, so a late
 * reply to an earlier request is discarded.
 *
 * <pre>{@code
 * try (var client = FreelanceClient.builder(ctx).build()) {
 *     client.connect("tcp://10.0.0.1:5555");
 *     client.connect("tcp://10.0.0.2:5555");
 *     String reply = client.request("hello");
 * }
 * }</pre>
 *
 * <p>Pings are sent while a request is in progress (the client has no thread of its own), so
 * after an idle spell the first request waits one round trip for the servers to answer. As
 * with every pattern here, requests must be idempotent: a server that fell silent may have
 * done the work.
 *
 * <p>Threads: one thread at a time, like a socket.
 */
public final class FreelanceClient implements AutoCloseable {
    private static final Duration UNREACHABLE_RETRY = Duration.ofMillis(20);

    private final Socket socket;
    private final Poller poller = new Poller();
    private final Duration timeout;
    private final Duration pingInterval;
    private final Duration serverTtl;
    private final List<Server> servers = new ArrayList<>();
    private long sequence;
    private long failovers;
    /** Where the search for the next alive server starts: requests rotate over the servers. */
    private int rotation;

    private static final class Server {
        final String endpoint;
        final byte[] id;
        long pingAt;
        long expiresAt;
        boolean alive;

        Server(String endpoint) {
            this.endpoint = endpoint;
            this.id = FrameIo.utf8(endpoint);
        }
    }

    private FreelanceClient(Builder b) {
        timeout = b.timeout;
        pingInterval = b.pingInterval;
        serverTtl = b.serverTtl;
        socket = b.context.socket(SocketType.ROUTER);
        socket.set(SocketOption.LINGER, 0);
        socket.set(SocketOption.ROUTER_MANDATORY, true);
        poller.register(socket, Poller.POLLIN);
    }

    /** A builder for a client; add servers with {@link #connect(String)}. */
    public static Builder builder(Context context) {
        return new Builder(context);
    }

    /** Adds the server reached at {@code endpoint}. */
    public void connect(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        socket.set(SocketOption.CONNECT_ROUTING_ID, FrameIo.utf8(endpoint));
        socket.connect(endpoint);
        servers.add(new Server(endpoint));
    }

    /**
     * Sends {@code request} (one element per frame) to the next alive server and returns the
     * reply's frames, failing over to the next alive server when the chosen one falls silent.
     *
     * @throws RequestFailedException when no server replied within the timeout
     */
    public List<byte[]> request(List<byte[]> request) {
        if (request.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one frame");
        }
        if (servers.isEmpty()) {
            throw new IllegalStateException("no server: call connect(endpoint) first");
        }
        byte[] seq = ByteBuffer.allocate(Long.BYTES).putLong(++sequence).array();
        long deadline = System.nanoTime() + timeout.toNanos();
        Server current = null;
        int tried = 0;
        while (true) {
            long now = System.nanoTime();
            ping(now);
            if (current != null && !current.alive) {
                current = null; // it fell silent with our request: fail over
                failovers++;
            }
            if (current == null) {
                current = nextAlive();
                if (current != null) {
                    if (send(FrameIo.concat(List.of(current.id, seq), request))) {
                        tried++;
                    } else {
                        current.alive = false;
                        current = null;
                        continue;
                    }
                }
            }
            if (now - deadline >= 0) {
                throw new RequestFailedException("no reply from " + endpoints() + " within " + timeout.toMillis()
                        + " ms (" + tried + " servers tried)", tried);
            }
            poller.poll(Durations.until(Math.min(deadline, nextEvent())));
            List<byte[]> msg;
            while ((msg = FrameIo.poll(socket)) != null) {
                Server from = heard(msg.get(0));
                if (from != null && msg.size() >= 3 && FrameIo.is(msg.get(1), seq)) {
                    return msg.subList(2, msg.size());
                }
                // A PONG, or a late reply to an earlier request: only proof of life.
            }
        }
    }

    /** Sends a one-frame UTF-8 request and returns the reply's first frame as text. */
    public String request(String request) {
        return FrameIo.text(request(List.of(FrameIo.utf8(request))).get(0));
    }

    /** How many times a request was moved to another server after its server fell silent. */
    public long failovers() {
        return failovers;
    }

    private void ping(long now) {
        for (Server s : servers) {
            if (s.alive && now - s.expiresAt >= 0) {
                s.alive = false;
            }
            if (now - s.pingAt >= 0) {
                // A server not connected yet (or any more) is tried again soon, not a whole interval later.
                boolean sent = send(List.of(s.id, FreelanceServer.PING));
                s.pingAt = now + (sent ? pingInterval : UNREACHABLE_RETRY.compareTo(pingInterval) < 0
                        ? UNREACHABLE_RETRY : pingInterval).toNanos();
            }
        }
    }

    private long nextEvent() {
        long next = Long.MAX_VALUE;
        boolean first = true;
        for (Server s : servers) {
            long t = s.alive ? Math.min(s.pingAt, s.expiresAt) : s.pingAt;
            if (first || t - next < 0) {
                next = t;
                first = false;
            }
        }
        return next;
    }

    /** False when the server is not connected (yet, or any more) or its pipe is full. */
    private boolean send(List<byte[]> frames) {
        try {
            return FrameIo.send(socket, frames, true);
        } catch (GannetException e) {
            if (e.code() == ErrorCode.EHOSTUNREACH) {
                return false;
            }
            throw e;
        }
    }

    private Server heard(byte[] id) {
        for (Server s : servers) {
            if (FrameIo.is(s.id, id)) {
                s.alive = true;
                s.expiresAt = System.nanoTime() + serverTtl.toNanos();
                return s;
            }
        }
        return null;
    }

    private Server nextAlive() {
        for (int i = 0; i < servers.size(); i++) {
            Server s = servers.get((rotation + i) % servers.size());
            if (s.alive) {
                rotation = (rotation + i + 1) % servers.size();
                return s;
            }
        }
        return null;
    }

    private List<String> endpoints() {
        List<String> out = new ArrayList<>(servers.size());
        for (Server s : servers) {
            out.add(s.endpoint);
        }
        return out;
    }

    @Override
    public void close() {
        poller.close();
        socket.close();
    }

    /** Settings of a {@link FreelanceClient}. */
    public static final class Builder {
        private final Context context;
        private Duration timeout = Duration.ofSeconds(3);
        private Duration pingInterval = Duration.ofSeconds(1);
        private Duration serverTtl = Duration.ofSeconds(3);

        private Builder(Context context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        /** How long a request may take in all, fail-overs included; default 3 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.positive(timeout, "timeout");
            return this;
        }

        /** How often each server is pinged; default 1 s. */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = Durations.positive(interval, "pingInterval");
            return this;
        }

        /** How long a server that answered nothing counts as alive; default 3 s. Must exceed the slowest request. */
        public Builder serverTtl(Duration ttl) {
            this.serverTtl = Durations.positive(ttl, "serverTtl");
            return this;
        }

        /** Creates the client; add servers with {@link FreelanceClient#connect(String)}. */
        public FreelanceClient build() {
            return new FreelanceClient(this);
        }
    }
}
