package io.gannet.benchmarks.perf;

import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;
import java.util.Locale;

/**
 * Throughput receiver, command-line compatible with libzmq's {@code local_thr}: binds a PULL
 * socket, receives {@code count} messages of {@code size} bytes and prints the mean
 * throughput. The clock starts at the first message after the warm-up, so neither connection set-up
 * nor JIT compilation is counted.
 * Pair it with {@link RemoteThr} or any ZeroMQ {@code remote_thr}.
 */
public final class LocalThr {
    private LocalThr() {
    }

    /** {@code local_thr <bind-to> <message-size> <message-count> [warm-up-count]}. */
    public static void main(String[] args) {
        PerfArgs a = PerfArgs.parse("local_thr", "bind-to", "message-count", args);
        try (BenchContext context = a.library.newContext(); BenchSocket pull = context.socket(Kind.PULL)) {
            PerfArgs.security(pull, true);
            pull.bind(a.endpoint);
            for (int i = 0; i < a.warmup; i++) {
                PerfArgs.checkSize(a.size, pull.recv());
            }
            PerfArgs.checkSize(a.size, pull.recv());
            long start = System.nanoTime();
            for (int i = 1; i < a.count; i++) {
                PerfArgs.checkSize(a.size, pull.recv());
            }
            long elapsedMicros = Math.max(1, (System.nanoTime() - start) / 1000);
            long throughput = (long) ((double) a.count / elapsedMicros * 1_000_000);
            double megabits = (double) throughput * a.size * 8 / 1_000_000;
            System.out.printf("message size: %d [B]%n", a.size);
            System.out.printf("message count: %d%n", a.count);
            System.out.printf("mean throughput: %d [msg/s]%n", throughput);
            System.out.printf(Locale.ROOT, "mean throughput: %.3f [Mb/s]%n", megabits);
        }
    }
}
