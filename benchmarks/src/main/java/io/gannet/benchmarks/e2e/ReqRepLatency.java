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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * REQ/REP round-trip latency for Gannet and JeroMQ.
 *
 * <p>The measured thread is the REQ client; a background REP echoes every request back (the
 * same frame, without copying where the library allows). {@link Mode#SampleTime} gives the
 * distribution: p50 and p99 of one round trip. Half of the mean is the one-way latency that
 * libzmq's {@code remote_lat} prints.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ReqRepLatency {
    @Param({"gannet", "jeromq"})
    public String lib;

    @Param({"inproc", "ipc", "tcp"})
    public String transport;

    @Param({"1", "64", "1024", "65536"})
    public int size;

    private BenchContext context;
    private BenchSocket req;
    private BackgroundLoop server;
    private byte[] payload;

    @Setup(Level.Trial)
    public void setUp() {
        context = Library.of(lib).newContext();
        payload = new byte[size];
        BenchSocket rep = context.socket(Kind.REP);
        String endpoint = rep.bindEphemeral(Transport.of(transport));
        server = BackgroundLoop.start("rep-echo", loop -> {
            try (BenchSocket owned = rep) {
                while (!loop.stopping()) {
                    owned.echo();
                }
            }
        });
        req = context.socket(Kind.REQ);
        req.connect(endpoint);
    }

    /** One request and its reply. */
    @Benchmark
    public int roundTrip() {
        req.send(payload);
        return req.recv();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop();
        req.close();
        context.close();
        server.join();
    }
}
