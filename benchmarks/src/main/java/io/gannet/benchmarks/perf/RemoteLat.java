package io.gannet.benchmarks.perf;

import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;
import java.util.Locale;

/**
 * Latency client, command-line compatible with libzmq's {@code remote_lat}: connects a REQ
 * socket, makes {@code count} round trips of {@code size} bytes and prints the average
 * one-way latency (half the mean round trip), as libzmq's tool does.
 */
public final class RemoteLat {
    private RemoteLat() {
    }

    /** {@code remote_lat <connect-to> <message-size> <roundtrip-count>}. */
    public static void main(String[] args) {
        PerfArgs a = PerfArgs.parse("remote_lat", "connect-to", "roundtrip-count", args);
        byte[] payload = new byte[a.size];
        try (BenchContext context = a.library.newContext(); BenchSocket req = context.socket(Kind.REQ)) {
            req.connect(a.endpoint);
            long start = System.nanoTime();
            for (int i = 0; i < a.count; i++) {
                req.send(payload);
                PerfArgs.checkSize(a.size, req.recv());
            }
            double elapsedMicros = (System.nanoTime() - start) / 1000.0;
            double latency = elapsedMicros / (a.count * 2.0);
            System.out.printf("message size: %d [B]%n", a.size);
            System.out.printf("roundtrip count: %d%n", a.count);
            System.out.printf(Locale.ROOT, "average latency: %.3f [us]%n", latency);
        }
    }
}
