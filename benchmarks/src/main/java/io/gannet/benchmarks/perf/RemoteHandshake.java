package io.gannet.benchmarks.perf;

import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;
import java.util.Locale;

/**
 * Handshake rate client, command-line compatible with our C {@code remote_hs}: for each of
 * the warm-up and {@code count} connections, a new REQ socket connects, makes one round trip
 * (so its handshake is complete) and closes; the last {@code count} are timed. Pair it with
 * a {@code local_lat} given warm-up + count round trips. With {@code PERF_CURVE=1} every
 * connection is a whole CURVE handshake.
 */
public final class RemoteHandshake {
    private RemoteHandshake() {
    }

    /** {@code remote_hs <connect-to> <message-size> <connection-count> [warm-up-count]}. */
    public static void main(String[] args) {
        PerfArgs a = PerfArgs.parse("remote_hs", "connect-to", "connection-count", args);
        byte[] payload = new byte[a.size];
        try (BenchContext context = a.library.newContext()) {
            for (int i = 0; i < a.warmup; i++) {
                oneConnection(context, a, payload);
            }
            long start = System.nanoTime();
            for (int i = 0; i < a.count; i++) {
                oneConnection(context, a, payload);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("message size: %d [B]%n", a.size);
            System.out.printf("connection count: %d%n", a.count);
            System.out.printf(Locale.ROOT, "handshake rate: %d [connections/s]%n", (long) (a.count / seconds));
        }
    }

    private static void oneConnection(BenchContext context, PerfArgs a, byte[] payload) {
        try (BenchSocket req = context.socket(Kind.REQ)) {
            PerfArgs.security(req, false);
            req.connect(a.endpoint);
            req.send(payload);
            PerfArgs.checkSize(a.size, req.recv());
        }
    }
}
