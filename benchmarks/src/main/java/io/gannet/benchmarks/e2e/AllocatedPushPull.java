package io.gannet.benchmarks.e2e;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.benchmarks.lib.BackgroundLoop;
import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;
import io.gannet.benchmarks.lib.Library;
import io.gannet.benchmarks.lib.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
 * PUSH/PULL throughput, in messages per second, with a new message per send, as applications
 * send: unlike {@link PushPullThroughput} (one constant, unreleasable payload), every message
 * here is made by the sender and disposed of by the receiver, on another thread.
 *
 * <p>{@code api}:
 * <ul>
 *   <li>{@code pooled} (Gannet, the zero-copy path the guide recommends): the sender
 *       allocates each message from {@link Context#alloc()}, writes the payload into it and
 *       hands it to {@code send(ByteBuf)}; the receiver reads into one reused {@link Msg},
 *       which releases each buffer on the receiver's thread (inproc; an I/O thread releases it
 *       over tcp).
 *   <li>{@code netty} (Gannet, not run by default): the same with Netty's
 *       {@code PooledByteBufAllocator.DEFAULT}, for comparison
 *       ({@code -p api=pooled,netty}).
 *   <li>{@code bytes} (Gannet): {@code send(byte[])} copies the array; {@code recvBytes()}
 *       returns a new array per message.
 *   <li>{@code jeromq}: JeroMQ's {@code send(byte[])} and {@code recv()}, a new array per
 *       message received: the code of {@link PushPullThroughput}'s JeroMQ rows.
 * </ul>
 *
 * <p>A background thread sends as fast as the socket takes messages; the measured thread
 * receives batches of {@value #BATCH}. With {@code -prof gc}, {@code gc.alloc.rate.norm} is
 * the bytes allocated per message by every thread. JMH's iterations are consecutive stretches
 * of one stream, so a rate that fell as the allocator aged would show as falling iteration
 * scores; {@code io.gannet.benchmarks.rounds.ZeroCopyRounds} runs whole rounds of 10 million.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(1)
public class AllocatedPushPull {
    /** Messages received per benchmark invocation. */
    public static final int BATCH = 1000;

    @Param({"pooled", "bytes", "jeromq"})
    public String api;

    @Param({"inproc", "tcp"})
    public String transport;

    @Param({"64"})
    public int size;

    private Context gannet;
    private Socket pull;
    private final Msg frame = new Msg();
    private BenchContext jeromq;
    private BenchSocket jeromqPull;
    private BackgroundLoop sender;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] payload = new byte[size];
        if (api.equals("jeromq")) {
            // The same JeroMQ code as PushPullThroughput's rows (its cheapest path).
            jeromq = Library.of("jeromq").newContext();
            jeromqPull = jeromq.socket(Kind.PULL);
            String endpoint = jeromqPull.bindEphemeral(Transport.of(transport));
            BenchContext ctx = jeromq;
            sender = BackgroundLoop.start("push-sender", loop -> {
                try (BenchSocket push = ctx.socket(Kind.PUSH)) {
                    push.connect(endpoint);
                    while (!loop.stopping()) {
                        push.send(payload);
                    }
                }
            });
            return;
        }
        gannet = new Context();
        pull = gannet.socket(SocketType.PULL);
        pull.set(SocketOption.LINGER, 0);
        String endpoint = bind(pull);
        Context ctx = gannet;
        boolean pooled = !api.equals("bytes");
        ByteBufAllocator alloc = api.equals("netty") ? PooledByteBufAllocator.DEFAULT : gannet.alloc();
        sender = BackgroundLoop.start("push-sender", loop -> {
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.set(SocketOption.LINGER, 0);
                push.connect(endpoint);
                while (!loop.stopping()) {
                    if (pooled) {
                        sendPooled(push, alloc.directBuffer(size).writeBytes(payload));
                    } else {
                        push.send(payload, 0);
                    }
                }
            }
        });
    }

    /** Sends {@code message}; a send ended by the closing context leaves it to us to release. */
    private static void sendPooled(Socket push, ByteBuf message) {
        boolean sent = false;
        try {
            sent = push.send(message, 0);
        } finally {
            if (!sent) {
                message.release();
            }
        }
    }

    private String bind(Socket socket) {
        if (transport.equals("tcp")) {
            socket.bind("tcp://127.0.0.1:*");
            return socket.lastEndpoint();
        }
        String endpoint = Transport.inprocEndpoint();
        socket.bind(endpoint);
        return endpoint;
    }

    /** Receives one batch; the sender keeps the pipe full. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pull() {
        long bytes = 0;
        switch (api) {
            case "pooled":
            case "netty":
                for (int i = 0; i < BATCH; i++) {
                    pull.recv(frame, 0);
                    bytes += frame.size();
                }
                break;
            case "bytes":
                for (int i = 0; i < BATCH; i++) {
                    bytes += pull.recvBytes().length;
                }
                break;
            default:
                for (int i = 0; i < BATCH; i++) {
                    bytes += jeromqPull.recv();
                }
                break;
        }
        return bytes;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.stop();
        if (gannet != null) {
            frame.close();
            pull.close();
            gannet.close();
        } else {
            jeromqPull.close();
            jeromq.close();
        }
        sender.join();
    }
}
