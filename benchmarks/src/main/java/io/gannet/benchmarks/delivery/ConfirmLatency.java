package io.gannet.benchmarks.delivery;

import io.gannet.benchmarks.lib.BackgroundLoop;
import io.gannet.patterns.delivery.Confirm;
import io.gannet.patterns.delivery.Delivery;
import io.gannet.patterns.delivery.Message;
import java.time.Duration;
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
 * Publisher-confirm latency over tcp: one message published, delivered, acknowledged by a
 * consumer that acks at once, and its confirm back at the publisher, one at a time. JMH's
 * sample mode gives the percentiles (p0.50, p0.99).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ConfirmLatency {
    @Param({"memory", "durable-os", "durable-fsync"})
    public String outbox;

    @Param({"64", "1024"})
    public int size;

    private AckedPipeline pipeline;
    private BackgroundLoop acker;
    private Message message;

    @Setup(Level.Trial)
    public void setUp() {
        pipeline = new AckedPipeline(outbox, "tcp://127.0.0.1:*", 100, 1000);
        message = Message.of(new byte[size]);
        AckedPipeline p = pipeline;
        acker = BackgroundLoop.start("acker", loop -> {
            while (!loop.stopping()) {
                Delivery d = p.consumer.receive(Duration.ofMillis(100));
                if (d != null) {
                    d.ack();
                }
            }
        });
    }

    @Benchmark
    public Confirm publishAndAwaitConfirm() throws Exception {
        return pipeline.producer.publish(message).get(10, TimeUnit.SECONDS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        acker.stop();
        acker.join();
        pipeline.close();
    }
}
