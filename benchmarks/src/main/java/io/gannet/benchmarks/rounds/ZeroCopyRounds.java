package io.gannet.benchmarks.rounds;

import com.sun.management.OperatingSystemMXBean;
import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Inproc PUSH/PULL throughput over several rounds in one JVM, the way an application runs:
 * one sender thread, one receiver thread, a new message per send. Prints the rate of each
 * round, and the last round's rate over the second's (the first includes the JIT's warm-up),
 * so a path whose rate falls from round to round shows it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.gannet.benchmarks.rounds.ZeroCopyRounds PATH [SIZE] [COUNT] [ROUNDS]
 * </pre>
 *
 * <p>Paths:
 * <ul>
 *   <li>{@code pooled}: the zero-copy path the guide recommends. The sender allocates each
 *       message from the context's allocator ({@link Context#alloc()}) and sends it; the
 *       receiver reads into a reused {@link Msg}, which releases each buffer on its thread.
 *   <li>{@code netty}: the same with Netty's {@code PooledByteBufAllocator.DEFAULT}.
 *   <li>{@code netty-cached}: the same with a Netty pooled allocator whose thread caches
 *       serve every thread ({@code useCacheForAllThreads}).
 *   <li>{@code adaptive}: the same with Netty 4.2's {@code AdaptiveByteBufAllocator}; put
 *       Netty 4.2's {@code netty-buffer} and {@code netty-common} jars first on the class path.
 *   <li>{@code bytes}: {@code send(byte[])} and {@code recvBytes()}, a copy at each end.
 *   <li>{@code jeromq}: JeroMQ's {@code send(byte[])} and {@code recv()}.
 * </ul>
 */
public final class ZeroCopyRounds {
    private ZeroCopyRounds() {
    }

    public static void main(String[] args) throws Exception {
        String path = args.length > 0 ? args[0] : "pooled";
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        long count = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        List<Double> cpu = new ArrayList<>();
        List<Double> rates = run(path, size, count, rounds, cpu);
        StringBuilder line = new StringBuilder(path + " " + size + " B:");
        for (double r : rates) {
            line.append(String.format(Locale.ROOT, " %.2f", r / 1e6));
        }
        line.append(" M msg/s; CPU ns/msg (all threads):");
        for (double c : cpu) {
            line.append(String.format(Locale.ROOT, " %.0f", c));
        }
        if (rates.size() > 2) {
            // The first round includes the JIT's warm-up; a path that slows as it runs shows here.
            line.append(String.format(Locale.ROOT, "; last/second round %.2f", rates.get(rates.size() - 1) / rates.get(1)));
        }
        System.out.println(line);
    }

    /**
     * Runs {@code rounds} rounds of {@code count} messages; returns each round's msg/s and
     * adds to {@code cpu} each round's CPU time per message, of every thread of the process.
     * On a machine shared with other work the CPU time is the steadier figure of cost.
     */
    public static List<Double> run(String path, int size, long count, int rounds, List<Double> cpu)
            throws InterruptedException {
        List<Double> rates = new ArrayList<>();
        if (path.equals("jeromq")) {
            try (ZContext ctx = new ZContext()) {
                for (int r = 0; r < rounds; r++) {
                    long before = cpuNanos();
                    rates.add(jeromqRound(ctx, size, count, r));
                    cpu.add((cpuNanos() - before) / (double) count);
                }
            }
            return rates;
        }
        try (Context ctx = new Context()) {
            ByteBufAllocator alloc = allocator(path, ctx);
            for (int r = 0; r < rounds; r++) {
                long before = cpuNanos();
                rates.add(gannetRound(ctx, alloc, path, size, count, r));
                cpu.add((cpuNanos() - before) / (double) count);
            }
        }
        return rates;
    }

    /** CPU time of the whole process so far, in ns. */
    private static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The allocator the sender of {@code path} uses. */
    @SuppressWarnings("deprecation") // the constructor that turns thread caches on for every thread
    private static ByteBufAllocator allocator(String path, Context ctx) {
        switch (path) {
            case "netty":
                return PooledByteBufAllocator.DEFAULT;
            case "netty-cached":
                return new PooledByteBufAllocator(true, PooledByteBufAllocator.defaultNumHeapArena(),
                        PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(),
                        PooledByteBufAllocator.defaultMaxOrder(), PooledByteBufAllocator.defaultSmallCacheSize(),
                        PooledByteBufAllocator.defaultNormalCacheSize(), true);
            case "adaptive":
                return adaptive();
            default:
                return ctx.alloc();
        }
    }

    /** Netty 4.2's adaptive allocator, found by name: Gannet builds against Netty 4.1. */
    private static ByteBufAllocator adaptive() {
        try {
            return (ByteBufAllocator) Class.forName("io.netty.buffer.AdaptiveByteBufAllocator")
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("path 'adaptive' needs Netty 4.2's netty-buffer and netty-common "
                    + "ahead of this jar on the class path", e);
        }
    }

    private static double gannetRound(Context ctx, ByteBufAllocator alloc, String path, int size, long count, int round)
            throws InterruptedException {
        String endpoint = "inproc://rounds-" + round;
        try (Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind(endpoint);
            push.connect(endpoint);
            boolean copies = path.equals("bytes");
            byte[] payload = new byte[size];
            Thread sender = new Thread(() -> {
                for (long i = 0; i < count; i++) {
                    if (copies) {
                        push.send(payload, 0);
                    } else {
                        push.send(alloc.directBuffer(size).writeBytes(payload), 0);
                    }
                }
            }, "rounds-sender");
            long start = System.nanoTime();
            sender.start();
            if (copies) {
                for (long i = 0; i < count; i++) {
                    check(size, pull.recvBytes().length);
                }
            } else {
                try (Msg m = new Msg()) {
                    for (long i = 0; i < count; i++) {
                        pull.recv(m, 0);
                        check(size, m.size());
                    }
                }
            }
            long elapsed = System.nanoTime() - start;
            sender.join();
            return count * 1e9 / elapsed;
        }
    }

    private static double jeromqRound(ZContext ctx, int size, long count, int round) throws InterruptedException {
        String endpoint = "inproc://rounds-" + round;
        ZMQ.Socket pull = ctx.createSocket(org.zeromq.SocketType.PULL); // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.SocketType
        ZMQ.Socket push = ctx.createSocket(org.zeromq.SocketType.PUSH); // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.SocketType
        try {
            pull.bind(endpoint);
            push.connect(endpoint);
            byte[] payload = new byte[size];
            Thread sender = new Thread(() -> {
                for (long i = 0; i < count; i++) {
                    push.send(payload, 0);
                }
            }, "rounds-sender");
            long start = System.nanoTime();
            sender.start();
            for (long i = 0; i < count; i++) {
                check(size, pull.recv(0).length);
            }
            long elapsed = System.nanoTime() - start;
            sender.join();
            return count * 1e9 / elapsed;
        } finally {
            ctx.destroySocket(push);
            ctx.destroySocket(pull);
        }
    }

    private static void check(int expected, int actual) {
        if (expected != actual) {
            throw new IllegalStateException("received " + actual + " bytes, expected " + expected);
        }
    }
}
