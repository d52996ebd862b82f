package io.gannet.benchmarks.perf;

import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;

/**
 * Throughput sender, command-line compatible with libzmq's {@code remote_thr}: connects a
 * PUSH socket, sends the warm-up and then {@code count} messages of {@code size} bytes and closes with infinite
 * linger, so every message is delivered before the process exits. Prints nothing.
 */
public final class RemoteThr {
    private RemoteThr() {
    }

    /** {@code remote_thr <connect-to> <message-size> <message-count> [warm-up-count]}. */
    public static void main(String[] args) {
        PerfArgs a = PerfArgs.parse("remote_thr", "connect-to", "message-count", args);
        byte[] payload = new byte[a.size];
        try (BenchContext context = a.library.newContext(); BenchSocket push = context.socket(Kind.PUSH)) {
            PerfArgs.security(push, false);
            push.linger(-1);
            push.connect(a.endpoint);
            for (int i = 0; i < a.warmup + a.count; i++) {
                push.send(payload);
            }
        }
    }
}
