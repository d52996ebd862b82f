package io.gannet.benchmarks.perf;

import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;

/**
 * Latency echo server, command-line compatible with libzmq's {@code local_lat}: binds a REP
 * socket and sends each of the warm-up and {@code count} requests of {@code size} bytes straight back.
 * Prints nothing; {@link RemoteLat} reports.
 */
public final class LocalLat {
    private LocalLat() {
    }

    /** {@code local_lat <bind-to> <message-size> <roundtrip-count> [warm-up-count]}. */
    public static void main(String[] args) {
        PerfArgs a = PerfArgs.parse("local_lat", "bind-to", "roundtrip-count", args);
        try (BenchContext context = a.library.newContext(); BenchSocket rep = context.socket(Kind.REP)) {
            PerfArgs.security(rep, true);
            rep.linger(-1);
            rep.bind(a.endpoint);
            for (int i = 0; i < a.warmup + a.count; i++) {
                PerfArgs.checkSize(a.size, rep.echo());
            }
        }
    }
}
