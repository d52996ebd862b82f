package io.gannet.benchmarks.e2e;

import io.gannet.benchmarks.lib.BackgroundLoop;
import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
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
 * PUSH/PULL streaming throughput, in messages per second, for Gannet and JeroMQ.
 *
 * <p>A background thread pushes {@code size}-byte messages as fast as the PUSH socket takes
 * them (it blocks at the high-water mark); the measured thread pulls them in batches of
 * {@value #BATCH}, so one JMH operation is one message received. This is how libzmq's
 * {@code local_thr} measures, with the sender never pausing between iterations. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated per message by
 * every thread (sender, receiver and I/O threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PushPullThroughput {
    /** Messages received per benchmark invocation. */
    public static final int BATCH = 1000;

    @Param({"gannet", "jeromq"})
    public String lib;

    @Param({"inproc", "ipc", "tcp"})
    public String transport;

    @Param({"1", "64", "1024", "65536"})
    public int size;

    private BenchContext context;
    private BenchSocket pull;
    private BackgroundLoop sender;

    @Setup(Level.Trial)
    public void setUp() {
        context = Library.of(lib).newContext();
        pull = context.socket(Kind.PULL);
        String endpoint = pull.bindEphemeral(Transport.of(transport));
        byte[] payload = new byte[size];
        BenchContext ctx = context;
        sender = BackgroundLoop.start("push-sender", loop -> {
            try (BenchSocket push = ctx.socket(Kind.PUSH)) {
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
