package io.gannet.benchmarks.e2e;

import io.gannet.benchmarks.lib.BackgroundLoop;
import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.CurveKeys;
import io.gannet.benchmarks.lib.Kind;
import io.gannet.benchmarks.lib.Library;
import io.gannet.benchmarks.lib.Transport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CURVE PUSH/PULL throughput over tcp, in messages per second, for Gannet and JeroMQ (each
 * with its own CURVE: Gannet's Salsa20/Poly1305, JeroMQ's TweetNaCl port), measured as
 * {@link PushPullThroughput} measures the unencrypted case: a background PUSH (the CURVE
 * client, {@link CurveKeys}) sends as fast as it can, the measured thread receives on the
 * PULL (the CURVE server) in batches of {@value #BATCH}. The ratio to the NULL rows of
 * {@link PushPullThroughput} is the cost of encryption.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CurveThroughput {
    /** Messages received per benchmark invocation. */
    public static final int BATCH = 100;

    @Param({"gannet", "jeromq"})
    public String lib;

    @Param({"64", "1024", "65536"})
    public int size;

    private BenchContext context;
    private BenchSocket pull;
    private BackgroundLoop sender;

    @Setup(Level.Trial)
    public void setUp() {
        context = Library.of(lib).newContext();
        pull = context.socket(Kind.PULL);
        pull.curve(true);
        String endpoint = pull.bindEphemeral(Transport.of("tcp"));
        byte[] payload = new byte[size];
        BenchContext ctx = context;
        sender = BackgroundLoop.start("curve-push-sender", loop -> {
            try (BenchSocket push = ctx.socket(Kind.PUSH)) {
                push.curve(false);
                push.connect(endpoint);
                while (!loop.stopping()) {
                    push.send(payload);
                }
            }
        });
    }

    /** Receives one batch; the sender keeps the pipe full. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pull() {
        long bytes = 0;
        for (int i = 0; i < BATCH; i++) {
            bytes += pull.recv();
        }
        return bytes;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.stop();
        pull.close();
        context.close();
        sender.join();
    }
}
