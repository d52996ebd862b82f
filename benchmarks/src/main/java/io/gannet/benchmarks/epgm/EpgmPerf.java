package io.gannet.benchmarks.epgm;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Gannet's side of {@code benchmarks/epgm-compare.sh}: the Java twin of
 * {@code benchmarks/src/main/c/epgm_perf.c} (same arguments, same output, same message
 * layout: sequence number and send time, 8 bytes each in host order, at the start of every
 * message), so the script runs both in the same namespaces at the same RATE.
 *
 * <pre>
 *   EpgmPerf pub|sub &lt;endpoint&gt; &lt;size&gt; &lt;count&gt; &lt;rate-kbit/s&gt; &lt;interval-us&gt;
 * </pre>
 *
 * Send times are {@link System#nanoTime()}, which on Linux is CLOCK_MONOTONIC, the clock
 * the C tool reads: the two namespaces share it, so latencies are one-way.
 */
public final class EpgmPerf {
    private EpgmPerf() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: EpgmPerf pub|sub <endpoint> <size> <count> <rate-kbit/s> <interval-us>");
            System.exit(2);
        }
        boolean pub = args[0].equals("pub");
        int size = Math.max(16, Integer.parseInt(args[2]));
        int count = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        long intervalNanos = Long.parseLong(args[5]) * 1000L;
        try (Context ctx = new Context(); Socket s = ctx.socket(pub ? SocketType.PUB : SocketType.SUB)) {
            s.set(SocketOption.RATE, rate);
            s.set(SocketOption.RECOVERY_IVL, 10_000);
            s.set(SocketOption.SNDHWM, 0);
            s.set(SocketOption.RCVHWM, 0);
            s.set(SocketOption.LINGER, 0);
            s.set(SocketOption.SNDBUF, 4 * 1024 * 1024);
            s.set(SocketOption.RCVBUF, 4 * 1024 * 1024);
            if (!pub) {
                s.subscribe(new byte[0]);
            }
            s.connect(args[1]);
            System.out.println("READY");
            if (pub) {
                publish(s, size, count, intervalNanos);
            } else {
                subscribe(s, count);
            }
        }
    }

    private static void publish(Socket s, int size, int count, long intervalNanos) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (in.readLine() == null) { // "go"
            System.exit(1);
        }
        ByteBuffer msg = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        long cpuAtGo = cpuTicks();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            if (intervalNanos > 0) {
                long due = start + i * intervalNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait(); // as the C tool: no scheduler wake-up in each message's latency
                }
            }
            msg.putLong(0, i).putLong(8, System.nanoTime());
            if (!s.send(msg.array(), 0)) {
                throw new IllegalStateException("send refused");
            }
        }
        System.out.println("SENT-ALL " + count);
        while (in.readLine() != null) {
            // Stay up to answer NAKs until the runner closes stdin.
        }
        System.out.println("RESULT cpu=" + (cpuTicks() - cpuAtGo));
    }

    private static void subscribe(Socket s, int count) {
        s.set(SocketOption.RCVTIMEO, 15_000);
        long[] latency = new long[count];
        int got = 0;
        long first = 0;
        long last = 0;
        long cpuAtFirst = 0;
        Msg msg = new Msg();
        try {
            while (got < count && s.recv(msg, 0)) {
                long arrived = System.nanoTime();
                long seq = msg.data().getLongLE(msg.data().readerIndex());
                long sent = msg.data().getLongLE(msg.data().readerIndex() + 8);
                if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) {
                    seq = Long.reverseBytes(seq);
                    sent = Long.reverseBytes(sent);
                }
                if (seq < 0 || seq >= count) {
                    continue;
                }
                if (got == 0) {
                    first = arrived;
                    cpuAtFirst = cpuTicks();
                }
                last = arrived;
                latency[got++] = arrived - sent;
            }
        } finally {
            msg.close();
        }
        Arrays.sort(latency, 0, got);
        double secs = (last - first) / 1e9;
        System.out.println(String.format(Locale.ROOT,
                "RESULT msgs=%d lost=%d seconds=%.3f rate=%.0f p50=%.1f p99=%.1f p999=%.1f max=%.1f cpu=%d",
                got, count - got, secs, got > 1 ? (got - 1) / secs : 0.0, pct(latency, got, 0.5),
                pct(latency, got, 0.99), pct(latency, got, 0.999), got > 0 ? latency[got - 1] / 1e3 : 0.0,
                cpuTicks() - cpuAtFirst));
    }

    private static double pct(long[] sorted, int n, double p) {
        return n == 0 ? 0.0 : sorted[(int) (n * p)] / 1e3;
    }

    /** utime + stime of this process, in clock ticks, from /proc/self/stat. */
    private static long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
