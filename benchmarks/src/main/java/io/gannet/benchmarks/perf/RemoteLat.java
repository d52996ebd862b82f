package io.gannet.benchmarks.perf;

import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;
import java.util.Arrays;
import java.util.Locale;

/**
 * Latency client, command-line compatible with libzmq's {@code remote_lat}: connects a REQ
 * socket, makes the warm-up round trips, then {@code count} timed round trips of
 * {@code size} bytes, and prints the average one-way latency (half the mean round trip), as
 * libzmq's tool does, plus the round trip's p50 and p99 (nearest rank), as our C tool does.
 */
public final class RemoteLat {
    private RemoteLat() {
    }

    /** {@code remote_lat <connect-to> <message-size> <roundtrip-count> [warm-up-count]}. */
    public static void main(String[] args) {
        PerfArgs a = PerfArgs.parse("remote_lat", "connect-to", "roundtrip-count", args);
        byte[] payload = new byte[a.size];
        try (BenchContext context = a.library.newContext(); BenchSocket req = context.socket(Kind.REQ)) {
            PerfArgs.security(req, false);
            req.connect(a.endpoint);
            for (int i = 0; i < a.warmup; i++) {
                req.send(payload);
                PerfArgs.checkSize(a.size, req.recv());
            }
            long[] trips = new long[a.count];
            long start = System.nanoTime();
            for (int i = 0; i < a.count; i++) {
                long t0 = System.nanoTime();
                req.send(payload);
                PerfArgs.checkSize(a.size, req.recv());
                trips[i] = System.nanoTime() - t0;
            }
            double elapsedMicros = (System.nanoTime() - start) / 1000.0;
            Arrays.sort(trips);
            double latency = elapsedMicros / (a.count * 2.0);
            System.out.printf("message size: %d [B]%n", a.size);
            System.out.printf("roundtrip count: %d%n", a.count);
            System.out.printf(Locale.ROOT, "average latency: %.3f [us]%n", latency);
            System.out.printf(Locale.ROOT, "p50 roundtrip: %.3f [us]%n", percentile(trips, 50) / 1000.0);
            System.out.printf(Locale.ROOT, "p99 roundtrip: %.3f [us]%n", percentile(trips, 99) / 1000.0);
        }
    }

    /** The p-th percentile (nearest rank) of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) (((long) sorted.length * p + 99) / 100);
        return sorted[Math.max(0, rank - 1)];
    }
}
