package io.gannet.benchmarks.perf;

import io.gannet.benchmarks.lib.BenchContext;
import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.Kind;
import io.gannet.benchmarks.lib.Library;
import io.gannet.benchmarks.lib.Transport;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * PUB/SUB fan-out in one process, the twin of our C program {@code fanout_thr.c} (same
 * arguments, protocol and output lines, so the comparison script reads libzmq, Gannet and
 * JeroMQ alike): one PUB, {@code subscribers} SUB sockets each received on a thread of its
 * own, one context.
 *
 * <pre>fanout_thr &lt;gannet|jeromq&gt; &lt;inproc|tcp&gt; &lt;subscribers&gt; &lt;message-size&gt; &lt;message-count&gt; [window] [rounds]</pre>
 *
 * <p>{@code window > 0}: the publisher sends in batches of {@code window} and starts a batch
 * only once every subscriber has received all but the last one (HWM 10 x window), so nothing
 * can be dropped and the rate is what every subscriber received. {@code window 0}: the
 * publisher sends as fast as PUB takes messages at the default HWM, and the output shows
 * what subscribers missed. Each round prints the publishing rate, the delivered rate
 * (median and slowest subscriber: messages received over the time from the first send to
 * its last receive) and the messages missed. The first round includes JIT compilation.
 *
 * <p>Messages of exactly {@code message-size} bytes are data; an empty one is the join
 * probe; {@code size + 1 + r} bytes ends round r (sent until every subscriber has seen it,
 * as PUB may drop it); {@code size + 1000} tells the subscribers to leave.
 */
public final class FanoutThr {
    private static final int QUIT_OFFSET = 1000;
    /** Per subscriber, one slot each a cache line apart: received, joined, rounds done, round result, last receive. */
    private static final int STRIDE = 16;
    private static final int RECEIVED = 0;
    private static final int JOINED = 1;
    private static final int ROUNDS_DONE = 2;
    private static final int ROUND_RECEIVED = 3;
    private static final int ROUND_LAST = 4;

    private final int size;
    private final AtomicLongArray state;

    private FanoutThr(int subscribers, int size) {
        this.size = size;
        this.state = new AtomicLongArray(subscribers * STRIDE);
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 6 || args.length > 8) {
            System.out.println("usage: fanout_thr <gannet|jeromq> <inproc|tcp> <subscribers> <message-size> <message-count> [window] [rounds]");
            System.exit(1);
        }
        Library library = Library.of(args[0]);
        Transport transport = Transport.of(args[1]);
        int subs = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        long count = Long.parseLong(args[4]);
        long window = args.length > 5 ? Long.parseLong(args[5]) : 1000;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        if (subs < 1 || size < 1 || count < 1 || window < 0 || rounds < 1 || rounds > 900) {
            throw new IllegalArgumentException("bad arguments");
        }
        new FanoutThr(subs, size).run(library, transport, subs, count, window, rounds);
    }

    private void run(Library library, Transport transport, int subs, long count, long window, int rounds)
            throws InterruptedException {
        byte[][] bySize = new byte[size + QUIT_OFFSET + 1][];
        int hwm = window > 0 ? (int) (window * 10) : 1000;
        try (BenchContext context = library.newContext(); BenchSocket pub = context.socket(Kind.PUB)) {
            pub.hwm(hwm);
            String endpoint = pub.bindEphemeral(transport);
            Thread[] threads = new Thread[subs];
            for (int i = 0; i < subs; i++) {
                int index = i;
                threads[i] = new Thread(() -> subscriber(context, endpoint, hwm, index), "sub-" + i);
                threads[i].setDaemon(true);
                threads[i].start();
            }
            while (sum(subs, JOINED) < subs) {
                send(pub, bySize, 0);
                Thread.sleep(1);
            }
            System.out.printf("subscribers: %d%nmessage size: %d [B]%nmessage count: %d%nwindow: %d%n", subs, size, count, window);
            double[] rates = new double[subs];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (long k = 0; k < count; k++) {
                    if (window > 0 && k % window == 0 && k >= 2 * window) {
                        awaitReceived(subs, k - window);
                    }
                    send(pub, bySize, size);
                }
                long published = System.nanoTime();
                while (countAbove(subs, ROUNDS_DONE, r) < subs) {
                    send(pub, bySize, size + 1 + r);
                    LockSupport.parkNanos(200_000);
                }
                long dropped = 0;
                for (int i = 0; i < subs; i++) {
                    long received = state.get(i * STRIDE + ROUND_RECEIVED);
                    long took = state.get(i * STRIDE + ROUND_LAST) - start;
                    dropped += count - received;
                    rates[i] = took > 0 ? received * 1e9 / took : 0;
                }
                Arrays.sort(rates);
                System.out.printf(Locale.ROOT,
                        "round %d: published %.0f [msg/s] delivered median %.0f slowest %.0f [msg/s per subscriber] dropped %d%n",
                        r, count * 1e9 / (published - start), rates[subs / 2], rates[0], dropped);
                System.out.flush();
            }
            for (Thread t : threads) {
                while (t.isAlive()) {
                    send(pub, bySize, size + QUIT_OFFSET);
                    t.join(1);
                }
            }
        }
    }

    /** One subscriber's thread: makes, uses and closes its own socket. */
    private void subscriber(BenchContext context, String endpoint, int hwm, int index) {
        int base = index * STRIDE;
        long last = 0;
        int round = 0;
        try (BenchSocket sub = context.socket(Kind.SUB)) {
            sub.hwm(hwm);
            sub.subscribeAll();
            sub.connect(endpoint);
            for (;;) {
                int n = sub.recv();
                if (n == size) {
                    state.lazySet(base + RECEIVED, state.get(base + RECEIVED) + 1);
                    last = System.nanoTime();
                } else if (n == 0) {
                    state.set(base + JOINED, 1);
                } else if (n == size + 1 + round) {
                    state.set(base + ROUND_RECEIVED, state.get(base + RECEIVED));
                    state.set(base + ROUND_LAST, last);
                    state.set(base + RECEIVED, 0);
                    round++;
                    state.set(base + ROUNDS_DONE, round);
                } else if (n == size + QUIT_OFFSET) {
                    return;
                }
            }
        }
    }

    private void awaitReceived(int subs, long atLeast) {
        for (int i = 0; i < subs; i++) {
            while (state.get(i * STRIDE + RECEIVED) < atLeast) {
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private long sum(int subs, int slot) {
        long s = 0;
        for (int i = 0; i < subs; i++) {
            s += state.get(i * STRIDE + slot);
        }
        return s;
    }

    private int countAbove(int subs, int slot, long value) {
        int n = 0;
        for (int i = 0; i < subs; i++) {
            if (state.get(i * STRIDE + slot) > value) {
                n++;
            }
        }
        return n;
    }

    private static void send(BenchSocket pub, byte[][] bySize, int n) {
        byte[] b = bySize[n];
        if (b == null) {
            b = new byte[n];
            bySize[n] = b;
        }
        pub.send(b);
    }
}
