package io.gannet.cli;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code gannet demo}: PUB/SUB, REQ/REP and a PUSH/PULL pipeline, each over its own loopback
 * connection in this process, each for a short time box, printing what happened and how fast.
 * Needs no setup and no second process.
 */
final class DemoCommand implements Command {
    private static final Set<String> VALUED = Set.of("duration", "size", "transport");

    /** Transports the demo can run over. */
    enum Transport { TCP, IPC, INPROC }

    static final String HELP = ""
            + "usage: gannet demo [options]\n"
            + "\n"
            + "Runs three patterns in this process and reports message counts, rates and latency:\n"
            + "  PUB/SUB    one publisher, one subscriber with a topic filter\n"
            + "  REQ/REP    round trips, one at a time\n"
            + "  PUSH/PULL  a ventilator, two workers and a sink\n"
            + "\n"
            + "options:\n"
            + "  --duration DURATION   time spent on each pattern (default 1s)\n"
            + "  --size BYTES          message payload size (default 64)\n"
            + "  --transport T         tcp (default, loopback), ipc, or inproc\n"
            + "\n"
            + "DURATION is a number with a unit: " + Durations.EXAMPLES + ".\n";

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run PUB/SUB, REQ/REP and PUSH/PULL over loopback and report speed";
    }

    @Override
    public int run(String[] tokens, Io io) throws Exception {
        Args args = Args.parse("gannet demo", tokens, VALUED, Set.of());
        if (args.help()) {
            io.out().print(HELP);
            return ExitCode.OK;
        }
        Duration box = args.duration("duration", Duration.ofSeconds(1));
        int size = (int) args.number("size", 64, 0);
        Transport transport = args.choice("transport", Transport.class, Transport.TCP);
        PrintStream out = io.out();
        Path ipcDir = transport == Transport.IPC ? Files.createTempDirectory("gannet-demo") : null;
        try (Context ctx = new Context()) {
            Endpoints ep = new Endpoints(transport, ipcDir);
            out.println("Gannet demo: three patterns over " + transport.name().toLowerCase() + ", "
                    + Durations.format(box) + " each, " + size + "-byte messages");
            out.println();
            pubSub(ctx, ep.next("pubsub"), box, size, out);
            reqRep(ctx, ep.next("reqrep"), box, size, out);
            pipeline(ctx, ep.next("tasks"), ep.next("results"), box, size, out);
            out.println();
            out.println("done. Next: 'gannet perf thr', 'gannet send --help', or the examples in docs/.");
            return ExitCode.OK;
        } finally {
            if (ipcDir != null) {
                try (var files = Files.list(ipcDir)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(ipcDir);
            }
        }
    }

    /** Bind endpoints for the chosen transport; tcp and ipc pick fresh addresses. */
    private static final class Endpoints {
        private final Transport transport;
        private final Path dir;

        Endpoints(Transport transport, Path dir) {
            this.transport = transport;
            this.dir = dir;
        }

        String next(String name) {
            switch (transport) {
                case TCP: return "tcp://127.0.0.1:*";
                case IPC: return "ipc://" + dir.resolve(name + ".sock");
                default: return "inproc://demo-" + name + "-" + System.nanoTime();
            }
        }
    }

    // ---- PUB/SUB ------------------------------------------------------------------------

    private static void pubSub(Context ctx, String endpoint, Duration box, int size, PrintStream out)
            throws InterruptedException {
        byte[] payload = new byte[size];
        AtomicLong received = new AtomicLong();
        try (Socket pub = ctx.socket(SocketType.XPUB)) {
            // XPUB_NODROP: the publisher waits for a slow subscriber instead of dropping.
            pub.set(SocketOption.XPUB_NODROP, true);
            pub.bind(endpoint);
            String at = pub.lastEndpoint();
            Thread subscriber = new Thread(() -> {
                try (Socket sub = ctx.socket(SocketType.SUB); Msg frame = new Msg()) {
                    sub.connect(at);
                    sub.subscribe("quote.");
                    long n = 0;
                    for (;;) {
                        sub.recv(frame, 0); // topic frame
                        boolean end = frame.string().equals("quote.END");
                        sub.recv(frame, 0); // payload frame
                        if (end) {
                            break;
                        }
                        n++;
                    }
                    received.set(n);
                }
            }, "demo-subscriber");
            subscriber.start();

            // The slow-joiner problem, solved: publish only once the subscription has arrived.
            try (Msg subscription = pub.recv()) {
                out.println("PUB/SUB    " + at + "  subscriber joined ("
                        + subscription.string().substring(1) + "*)");
            }
            long sent = 0;
            long start = System.nanoTime();
            long deadline = start + box.toNanos();
            while ((sent & 255) != 0 || System.nanoTime() < deadline) {
                // Every other message has a topic nobody subscribed to: the publisher filters it out.
                pub.sendMore((sent & 1) == 0 ? "quote.GNT" : "trade.GNT");
                pub.send(payload);
                sent++;
            }
            pub.sendMore("quote.END");
            pub.send(payload);
            subscriber.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("           published %,d messages, half on topic 'trade.' that nobody wants;%n", sent);
            out.printf("           the subscriber received %,d ('quote.' only): %,.0f msg/s%n",
                    received.get(), received.get() / seconds);
        }
    }

    // ---- REQ/REP ------------------------------------------------------------------------

    private static void reqRep(Context ctx, String endpoint, Duration box, int size, PrintStream out)
            throws InterruptedException {
        byte[] payload = new byte[size];
        try (Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ)) {
            rep.bind(endpoint);
            String at = rep.lastEndpoint();
            Thread server = new Thread(() -> {
                try (Msg m = new Msg()) {
                    for (;;) {
                        rep.recv(m, 0);
                        boolean end = m.size() == 0;
                        rep.send(m, 0);
                        if (end) {
                            return;
                        }
                    }
                }
            }, "demo-rep");
            server.start();
            req.connect(at);

            long[] rtt = new long[1 << 20];
            int n = 0;
            long start = System.nanoTime();
            long deadline = start + box.toNanos();
            try (Msg reply = new Msg()) {
                while (n < rtt.length && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    req.send(payload.length == 0 ? new byte[] {1} : payload);
                    req.recv(reply, 0);
                    rtt[n++] = System.nanoTime() - t0;
                }
                req.send(new byte[0]); // tells the server to stop
                req.recv(reply, 0);
            }
            server.join();
            long[] sorted = Arrays.copyOf(rtt, n);
            Arrays.sort(sorted);
            long sum = 0;
            for (long v : sorted) {
                sum += v;
            }
            out.println("REQ/REP    " + at);
            out.printf("           %,d round trips; latency avg %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us%n",
                    n, sum / (double) n / 1e3, percentile(sorted, 50) / 1e3, percentile(sorted, 99) / 1e3,
                    sorted[n - 1] / 1e3);
        }
    }

    private static long percentile(long[] sorted, int p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)];
    }

    // ---- PUSH/PULL ----------------------------------------------------------------------

    private static void pipeline(Context ctx, String tasksEndpoint, String resultsEndpoint, Duration box, int size,
                                 PrintStream out) throws InterruptedException {
        final int workers = 2;
        byte[] payload = new byte[Math.max(1, size)];
        try (Socket ventilator = ctx.socket(SocketType.PUSH); Socket sink = ctx.socket(SocketType.PULL)) {
            ventilator.bind(tasksEndpoint);
            sink.bind(resultsEndpoint);
            String tasksAt = ventilator.lastEndpoint();
            String resultsAt = sink.lastEndpoint();
            long[] perWorker = new long[workers];
            CountDownLatch done = new CountDownLatch(workers);
            for (int w = 0; w < workers; w++) {
                int id = w;
                new Thread(() -> {
                    try (Socket in = ctx.socket(SocketType.PULL); Socket toSink = ctx.socket(SocketType.PUSH);
                         Msg m = new Msg()) {
                        in.connect(tasksAt);
                        toSink.connect(resultsAt);
                        toSink.send(new byte[] {(byte) id}); // READY, through the sink
                        long n = 0;
                        for (;;) {
                            in.recv(m, 0);
                            if (m.size() == 0) {
                                break; // STOP
                            }
                            toSink.send(m, 0);
                            n++;
                        }
                        perWorker[id] = n;
                    } finally {
                        done.countDown();
                    }
                }, "demo-worker-" + (w + 1)).start();
            }
            // PUSH only deals to connected peers: start once both workers said READY.
            for (int i = 0; i < workers; i++) {
                sink.recvBytes();
            }
            AtomicLong collected = new AtomicLong();
            AtomicLong expected = new AtomicLong(Long.MAX_VALUE);
            Thread collector = new Thread(() -> {
                try (Msg m = new Msg()) {
                    long n = 0;
                    // "expected" is set once the ventilator stops; the receive timeout re-reads it.
                    while (n < expected.get()) {
                        if (sink.recv(m, 0)) {
                            n++;
                        }
                    }
                    collected.set(n);
                }
            }, "demo-sink");
            sink.set(SocketOption.RCVTIMEO, 100);
            collector.start();

            long sent = 0;
            long start = System.nanoTime();
            long deadline = start + box.toNanos();
            while ((sent & 255) != 0 || System.nanoTime() < deadline) {
                ventilator.send(payload);
                sent++;
            }
            expected.set(sent);
            collector.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < workers; i++) {
                ventilator.send(new byte[0]); // STOP: every task is done, so PUSH deals one to each worker
            }
            done.await();
            out.println("PUSH/PULL  " + tasksAt + " -> 2 workers -> " + resultsAt);
            out.printf("           %,d tasks through the pipeline: %,.0f msg/s; worker-1 did %,d, worker-2 %,d%n",
                    collected.get(), collected.get() / seconds, perWorker[0], perWorker[1]);
        }
    }
}
