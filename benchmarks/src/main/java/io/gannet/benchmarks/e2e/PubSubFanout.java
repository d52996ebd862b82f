package io.gannet.benchmarks.e2e;

import io.gannet.benchmarks.lib.BackgroundLoop;
import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;
import io.gannet.benchmarks.lib.Library;
import io.gannet.benchmarks.lib.Transport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * PUB/SUB fan-out: messages per second published when every one of {@code subscribers}
 * subscribers (one thread each, blocking receive) must receive every message.
 *
 * <p>One invocation publishes {@value #BATCH} messages and waits until each subscriber has
 * received all of them, so the score counts only delivered messages (PUB drops at the HWM;
 * the HWM is set above the batch so nothing is dropped). Deliveries per second are the score
 * times {@code subscribers}. Setup waits until every subscriber receives an empty probe
 * message, so no batch races a subscription still on its way (the slow-joiner effect).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PubSubFanout {
    /** Messages published per invocation. */
    public static final int BATCH = 1000;
    private static final int HWM = BATCH * 10;
    private static final long BATCH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Param({"gannet", "jeromq"})
    public String lib;

    @Param({"inproc", "tcp"})
    public String transport;

    @Param({"1", "10", "100"})
    public int subscribers;

    @Param({"64"})
    public int size;

    private BenchContext context;
    private BenchSocket pub;
    private BackgroundLoop[] subs;
    private byte[] payload;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread publisher;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        context = Library.of(lib).newContext();
        payload = new byte[size];
        pub = context.socket(Kind.PUB);
        pub.hwm(HWM);
        String endpoint = pub.bindEphemeral(Transport.of(transport));
        CountDownLatch joined = new CountDownLatch(subscribers);
        subs = new BackgroundLoop[subscribers];
        for (int i = 0; i < subscribers; i++) {
            subs[i] = BackgroundLoop.start("sub-" + i, loop -> subscriber(loop, endpoint, joined));
        }
        byte[] probe = new byte[0];
        long deadline = System.nanoTime() + BATCH_TIMEOUT_NANOS;
        while (!joined.await(1, TimeUnit.MILLISECONDS)) {
            pub.send(probe);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(joined.getCount() + " subscribers never received a probe");
            }
        }
    }

    private void subscriber(BackgroundLoop loop, String endpoint, CountDownLatch joined) {
        try (BenchSocket sub = context.socket(Kind.SUB)) {
            sub.hwm(HWM);
            sub.subscribeAll();
            sub.connect(endpoint);
            boolean probed = false;
            int received = 0;
            while (!loop.stopping()) {
                if (sub.recv() == 0) {
                    if (!probed) {
                        probed = true;
                        joined.countDown();
                    }
                } else if (++received == BATCH) {
                    received = 0;
                    if (pending.decrementAndGet() == 0) {
                        LockSupport.unpark(publisher);
                    }
                }
            }
        }
    }

    /** Publishes one batch and waits until every subscriber has it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publish() {
        publisher = Thread.currentThread();
        pending.set(subscribers);
        for (int i = 0; i < BATCH; i++) {
            pub.send(payload);
        }
        long deadline = System.nanoTime() + BATCH_TIMEOUT_NANOS;
        while (pending.get() != 0) {
            LockSupport.parkNanos(this, 1_000_000);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.get() + " subscribers missed messages of a batch");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (BackgroundLoop s : subs) {
            s.stop();
        }
        pub.close();
        context.close();
        for (BackgroundLoop s : subs) {
            s.join();
        }
    }
}
