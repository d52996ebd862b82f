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
 * CURVE connections per second over tcp, for Gannet and JeroMQ, each against a server of its
 * own library: one operation is a new REQ socket (CURVE client) that connects, makes one
 * round trip to a REP (CURVE server, served by a background thread) and closes, which is a
 * whole handshake (eight X25519 between two Java peers) plus connection set-up and
 * tear-down. The perf tool {@code RemoteHandshake} measures the same against libzmq.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CurveHandshakes {
    @Param({"gannet", "jeromq"})
    public String lib;

    private BenchContext context;
    private String endpoint;
    private BackgroundLoop server;
    private final byte[] payload = new byte[1];

    @Setup(Level.Trial)
    public void setUp() {
        context = Library.of(lib).newContext();
        BenchSocket rep = context.socket(Kind.REP);
        rep.curve(true);
        endpoint = rep.bindEphemeral(Transport.of("tcp"));
        BenchSocket served = rep; // from here on the server thread's: it closes it when the context closes
        server = BackgroundLoop.start("curve-rep", loop -> {
            try (BenchSocket s = served) {
                while (!loop.stopping()) {
                    s.echo();
                }
            }
        });
    }

    /** One connection: handshake, one round trip, close. */
    @Benchmark
    public int connection() {
        try (BenchSocket req = context.socket(Kind.REQ)) {
            req.curve(false);
            req.linger(0);
            req.connect(endpoint);
            req.send(payload);
            return req.recv();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop();
        context.close();
        server.join();
    }
}
