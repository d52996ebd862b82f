package io.gannet.benchmarks.delivery;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.benchmarks.lib.BackgroundLoop;
import io.gannet.patterns.delivery.Delivery;
import io.gannet.patterns.delivery.Message;
import io.gannet.patterns.delivery.OutboxFullException;
import java.time.Duration;
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
 * Acknowledged delivery's throughput beside plain PUSH/PULL on the same transport in the same
 * run, in messages per second. {@code push-pull}: a background PUSH keeps a PULL's pipe full.
 * {@code memory}, {@code durable-os}, {@code durable-fsync}: a background thread publishes
 * (blocking when the outbox of 10,000 is full) and the measured thread receives and acks, so
 * in steady state one operation is one message delivered, acknowledged and confirmed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AcknowledgedThroughput {
    /** Messages received per benchmark invocation. */
    public static final int BATCH = 100;

    @Param({"push-pull", "memory", "durable-os", "durable-fsync"})
    public String mode;

    @Param({"64", "1024"})
    public int size;

    /** {@code tcp} (loopback) or {@code inproc}. */
    @Param({"tcp", "inproc"})
    public String transport;

    private static int endpoints;

    private Context plain;
    private Socket pull;
    private AckedPipeline acked;
    private BackgroundLoop sender;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] payload = new byte[size];
        if (mode.equals("push-pull")) {
            plain = new Context();
            pull = plain.socket(SocketType.PULL);
            pull.bind(endpoint(transport));
            String endpoint = pull.lastEndpoint();
            Context ctx = plain;
            sender = BackgroundLoop.start("push-sender", loop -> {
                try (Socket push = ctx.socket(SocketType.PUSH)) {
                    push.connect(endpoint);
                    while (!loop.stopping()) {
                        push.send(payload);
                    }
                }
            });
        } else {
            acked = new AckedPipeline(mode, endpoint(transport), 1000, 10_000);
            sender = BackgroundLoop.start("publisher", loop -> {
                Message m = Message.of(payload);
                while (!loop.stopping()) {
                    try {
                        acked.producer.publish(m);
                    } catch (OutboxFullException e) {
                        // Not with the default (block for ever); kept for a clean stop.
                    } catch (IllegalStateException closed) {
                        return;
                    }
                }
            });
        }
    }

    static String endpoint(String transport) {
        return transport.equals("inproc") ? "inproc://acked-" + endpoints++ : "tcp://127.0.0.1:*";
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long receive() throws InterruptedException {
        long bytes = 0;
        for (int i = 0; i < BATCH; i++) {
            if (pull != null) {
                bytes += pull.recvBytes().length;
            } else {
                Delivery d = acked.consumer.receive(Duration.ofSeconds(10));
                bytes += d.body().length;
                d.ack();
            }
        }
        return bytes;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.stop();
        if (pull != null) {
            pull.close();
            plain.close();
        } else {
            acked.close();
        }
        sender.join();
    }
}
