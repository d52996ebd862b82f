package io.gannet.patterns.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.gannet.Context;

/**
 * A Majordomo client (ZeroMQ RFC 7, MDP/Client 0.1): sends a request to a named service
 * through a {@link MajordomoBroker} (or any MDP/0.1 broker) and waits for the reply, with the
 * Lazy Pirate's recovery: a bounded wait, a fresh socket and a resend when none comes, and
 * {@link RequestFailedException} after the last attempt. A broker that is restarted within
 * the attempts is therefore not noticed by the caller, except as a slower reply.
 *
 * <pre>{@code
 * try (var client = MajordomoClient.builder(ctx, "tcp://broker:5555").build()) {
 *     List<byte[]> reply = client.request("echo", List.of("hello".getBytes()));
 *     boolean up = client.serviceAvailable("echo");    // mmi.service, RFC 8
 * }
 * }</pre>
 *
 * <p>Threads: one thread at a time, like a socket.
 */
public final class MajordomoClient implements AutoCloseable {
    private final LazyPirateClient pirate;

    private MajordomoClient(LazyPirateClient pirate) {
        this.pirate = pirate;
    }

    /** A builder for a client of the broker at {@code endpoint}. */
    public static Builder builder(Context context, String endpoint) {
        return new Builder(context, endpoint);
    }

    /**
     * Sends {@code body} (one element per frame) to {@code service} and returns the reply's body.
     *
     * @throws RequestFailedException when no reply came on any attempt
     * @throws IllegalStateException when the broker answers with something that is not MDP/0.1
     *         or names another service
     */
    public List<byte[]> request(String service, List<byte[]> body) {
        Objects.requireNonNull(service, "service");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("a request body needs at least one frame");
        }
        List<byte[]> request = FrameIo.frames(Mdp.CLIENT, FrameIo.utf8(service));
        request.addAll(body);
        List<byte[]> reply = pirate.request(request);
        if (reply.size() < 3 || !FrameIo.is(reply.get(0), Mdp.CLIENT) || !service.equals(FrameIo.text(reply.get(1)))) {
            throw new IllegalStateException("not an MDP/0.1 reply from service " + service + " (" + reply.size() + " frames)");
        }
        return reply.subList(2, reply.size());
    }

    /** Sends a one-frame UTF-8 request to {@code service} and returns the reply's first frame as text. */
    public String request(String service, String body) {
        return FrameIo.text(request(service, List.of(FrameIo.utf8(body))).get(0));
    }

    /** Asks the broker whether {@code service} has a worker now ({@code mmi.service}, RFC 8). */
    public boolean serviceAvailable(String service) {
        return "200".equals(request(Mdp.MMI_SERVICE, service));
    }

    /** How many times the client reopened its socket after a timeout. */
    public int resets() {
        return pirate.resets();
    }

    @Override
    public void close() {
        pirate.close();
    }

    /** Settings of a {@link MajordomoClient}. */
    public static final class Builder {
        private final LazyPirateClient.Builder pirate;

        private Builder(Context context, String endpoint) {
            pirate = LazyPirateClient.builder(context, endpoint);
        }

        /** How long to wait for each reply; default 2.5 s. */
        public Builder timeout(Duration timeout) {
            pirate.timeout(timeout);
            return this;
        }

        /** How many times to send a request before giving up; default 3. */
        public Builder attempts(int attempts) {
            pirate.attempts(attempts);
            return this;
        }

        /** Creates the client and connects it. */
        public MajordomoClient build() {
            return new MajordomoClient(pirate.build());
        }
    }
}
