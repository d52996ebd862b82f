package io.gannet.patterns.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * The Guide's Lazy Pirate client: a REQ socket that waits at most a timeout for each reply
 * (and as long for a peer to send to);
 * when none comes it closes the socket (a REQ that got no reply cannot send again), opens a
 * fresh one, resends, and after the configured number of attempts throws
 * {@link RequestFailedException}. A reply that arrives late, on a socket already closed, is
 * discarded with that socket, so every reply returned answers the request just made.
 *
 * <pre>{@code
 * try (var client = LazyPirateClient.builder(ctx, "tcp://server:5555")
 *         .timeout(Duration.ofMillis(2500)).attempts(3).build()) {
 *     List<byte[]> reply = client.request(List.of("hello".getBytes()));
 * }
 * }</pre>
 *
 * <p>The server must be idempotent: a request whose reply was lost is sent again. Works with
 * any REP or ROUTER server, and with {@link SimplePirateQueue}.
 *
 * <p>Threads: one thread at a time, like a socket.
 */
public final class LazyPirateClient implements AutoCloseable {
    private final Context context;
    private final String endpoint;
    private final Duration timeout;
    private final int attempts;
    private Socket socket;
    private int resets;

    private LazyPirateClient(Builder b) {
        context = b.context;
        endpoint = b.endpoint;
        timeout = b.timeout;
        attempts = b.attempts;
        socket = open();
    }

    /** A builder for a client of the server at {@code endpoint}. */
    public static Builder builder(Context context, String endpoint) {
        return new Builder(context, endpoint);
    }

    private Socket open() {
        Socket s = context.socket(SocketType.REQ);
        s.set(SocketOption.LINGER, 0);
        // A REQ with no peer (an inproc server gone, a tcp one never reached) blocks in send:
        // bound that wait too, and count it as an attempt without reply.
        s.set(SocketOption.SNDTIMEO, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        s.connect(endpoint);
        return s;
    }

    /**
     * Sends {@code request} (one element per frame) and returns the reply's frames.
     *
     * @throws RequestFailedException when no reply came within the timeout on any attempt
     * @throws IllegalStateException after {@link #close()}
     */
    public List<byte[]> request(List<byte[]> request) {
        if (request.isEmpty()) {
            throw new IllegalArgumentException("a request needs at least one frame");
        }
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (socket == null) {
                throw new IllegalStateException("the client is closed");
            }
            if (FrameIo.send(socket, request, false)) {
                List<byte[]> reply = FrameIo.recv(socket, timeout);
                if (reply != null) {
                    return reply;
                }
            }
            // No reply: this REQ is stuck waiting; only a new socket can send again.
            socket.close();
            resets++;
            socket = open();
        }
        throw new RequestFailedException("no reply from " + endpoint + " after " + attempts
                + " attempts of " + timeout.toMillis() + " ms each", attempts);
    }

    /** Sends a one-frame UTF-8 request and returns the reply's first frame as text. */
    public String request(String request) {
        return FrameIo.text(request(List.of(FrameIo.utf8(request))).get(0));
    }

    /** How many times a socket was closed and reopened after a timeout. */
    public int resets() {
        return resets;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    /** Settings of a {@link LazyPirateClient}. */
    public static final class Builder {
        private final Context context;
        private final String endpoint;
        private Duration timeout = Duration.ofMillis(2500);
        private int attempts = 3;

        private Builder(Context context, String endpoint) {
            this.context = Objects.requireNonNull(context, "context");
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        }

        /** How long to wait for each reply; default 2.5 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.positive(timeout, "timeout");
            return this;
        }

        /** How many times to send a request before giving up (1 means no retry); default 3. */
        public Builder attempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /** Creates the client and connects its first socket. */
        public LazyPirateClient build() {
            return new LazyPirateClient(this);
        }
    }
}
