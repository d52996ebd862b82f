package io.gannet.transports.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;

/**
 * Runs the rounds of one loss-matrix case on the Gannet side and checks that nothing is
 * lost: each round a fresh Gannet socket connects to the peer's fresh endpoint (or binds one
 * the peer connects to), receives every message of the round (sending the requests first for
 * DEALER and REQ) and checks each one's sequence number, frame count, sizes and bytes.
 *
 * <p>A message counts as lost when it has not arrived {@link #GRACE} after the peer finished
 * its round (its LINGER flush done). Lost rounds do not stop the case at once: it goes on to
 * measure how often it happens, up to {@link #MAX_FAILED_ROUNDS}, and then fails with every
 * failed round listed. Used by the test thread.
 */
public final class LossRounds {
    /** Rounds per case: enough to catch a loss that strikes one round in ten (0.9^50 < 0.6 %). */
    public static final int ROUNDS = 50;
    /** How long a message may trail the peer's close before it counts as lost. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** After this many failed rounds a case stops: enough to tell how often it happens. */
    static final int MAX_FAILED_ROUNDS = 8;
    private static final int POLL_MS = 50;

    private final Context ctx;
    private final LossPattern pattern;
    private final LossPayload payload;
    private final int[] sizes;
    private final ClosingPeer peer;
    private final IntFunction<String> gannetBinds;
    private final List<String> failures = new ArrayList<>();

    private LossRounds(Context ctx, LossPattern pattern, LossPayload payload, ClosingPeer peer, IntFunction<String> gannetBinds) {
        this.ctx = ctx;
        this.pattern = pattern;
        this.payload = payload;
        this.sizes = payload.sizes();
        this.peer = peer;
        this.gannetBinds = gannetBinds;
    }

    /**
     * Runs {@link #ROUNDS} rounds and fails unless every message of every round arrived
     * whole. {@code gannetBinds} gives round r's endpoint for the Gannet socket to bind, or is
     * null when the peer binds and the Gannet socket connects.
     */
    public static void assertNothingLost(Context ctx, LossPattern pattern, LossPayload payload, ClosingPeer peer,
            IntFunction<String> gannetBinds) {
        new LossRounds(ctx, pattern, payload, peer, gannetBinds).run();
    }

    private void run() {
        int rounds = 0;
        while (rounds < ROUNDS && failures.size() < MAX_FAILED_ROUNDS) {
            String problem = round(rounds);
            if (problem != null) {
                failures.add("round " + rounds + ": " + problem);
            }
            rounds++;
        }
        if (!failures.isEmpty()) {
            fail("messages lost in " + failures.size() + " of " + rounds + " rounds"
                    + (rounds < ROUNDS ? " (stopped after " + MAX_FAILED_ROUNDS + " failed rounds)" : "")
                    + " of " + payload.count + " " + pattern.peer + " messages each:\n  "
                    + String.join("\n  ", failures));
        }
    }

    /** One round; returns what went wrong, or null if every message arrived whole. */
    private String round(int r) {
        String problem;
        try (Socket s = ctx.socket(pattern.gannet)) {
            s.set(SocketOption.RCVTIMEO, POLL_MS);
            s.set(SocketOption.SNDTIMEO, (int) GannetSide.WAIT.toMillis());
            s.set(SocketOption.LINGER, 1000);
            if (pattern == LossPattern.SUB) {
                s.subscribe(new byte[0]);
            }
            if (gannetBinds != null) {
                s.bind(gannetBinds.apply(r));
                peer.connectRound(r, s.lastEndpoint());
            } else {
                s.connect(peer.bindRound(r));
            }
            problem = exchange(s, r);
            peer.awaitClosed(r);
        }
        return problem;
    }

    private String exchange(Socket s, int r) {
        if (pattern == LossPattern.DEALER) {
            for (int seq = 0; seq < payload.count; seq++) {
                send(s, seq);
            }
        }
        for (int seq = 0; seq < payload.count; seq++) {
            if (pattern == LossPattern.REQ) {
                send(s, seq);
            }
            Multipart m = recvOrLost(s, r);
            if (m == null) {
                return "received " + seq + " of " + payload.count + " messages; message " + seq
                        + " had not arrived " + GRACE.toMillis() + " ms after the peer closed";
            }
            try (m) {
                String wrong = LossMessages.problem(m, seq, sizes);
                if (wrong != null) {
                    return "after " + seq + " good messages: " + wrong;
                }
            }
        }
        return null;
    }

    private void send(Socket s, int seq) {
        Multipart m = LossMessages.message(seq, sizes);
        if (!s.send(m)) {
            m.close();
            fail("could not send request " + seq + " within " + GannetSide.WAIT);
        }
    }

    /** The next message, or null once the peer has closed and {@link #GRACE} passed. */
    private Multipart recvOrLost(Socket s, int r) {
        long deadline = System.nanoTime() + GannetSide.WAIT.toNanos();
        long closedAt = 0;
        while (true) {
            Multipart m = s.recvMultipart(0);
            if (m != null) {
                return m;
            }
            long now = System.nanoTime();
            if (closedAt == 0 && peer.closed(r)) {
                closedAt = now;
            }
            if (closedAt != 0 && now - closedAt > GRACE.toNanos()) {
                return null;
            }
            if (now > deadline) {
                fail("round " + r + ": no message within " + GannetSide.WAIT + " and the peer has not closed");
            }
        }
    }
}
