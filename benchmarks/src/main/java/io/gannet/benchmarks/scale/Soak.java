package io.gannet.benchmarks.scale;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.transports.scale.ProcessStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An hour (or as long as told) of mixed traffic with peers coming and going, printing what
 * the process holds every interval: live heap after a full GC, direct memory, RSS, open
 * descriptors and threads, with the messages moved and errors seen since the start. A leak
 * shows as a figure that keeps growing from one report to the next.
 *
 * <p>The traffic, all on loopback, from one long-lived context (2 I/O threads) plus
 * short-lived ones:
 * <ul>
 *   <li>request-reply: a ROUTER echo server (tcp); DEALERs connect, send 100 requests of
 *       64 B to 100 KB, read the replies and close, one after another;</li>
 *   <li>publish-subscribe: a PUB bound on tcp and ipc publishes bursts; SUBs (alternately
 *       tcp and ipc) subscribe, read 200 messages and leave;</li>
 *   <li>pipeline: PUSHes over ipc and inproc send 1,000 messages each to a PULL, then close
 *       (default linger: everything is delivered);</li>
 *   <li>contexts: a whole context is made, runs a PAIR exchange over inproc, tcp or ipc, and
 *       is closed, again and again.</li>
 * </ul>
 *
 * <pre>
 * nice -n 19 java -Xmx256m -cp benchmarks/target/benchmarks.jar io.gannet.benchmarks.scale.Soak [minutes=60] [intervalSeconds=60]
 * </pre>
 */
public final class Soak {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final long endNanos;
    private volatile boolean stopping;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong peers = new AtomicLong();
    private final AtomicLong contexts = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    private Soak(long minutes) {
        this.endNanos = System.nanoTime() + minutes * 60_000_000_000L;
    }

    public static void main(String[] args) throws Exception {
        long minutes = args.length > 0 ? Long.parseLong(args[0]) : 60;
        long interval = args.length > 1 ? Long.parseLong(args[1]) : 60;
        new Soak(minutes).run(interval);
    }

    private void run(long intervalSeconds) throws Exception {
        System.out.printf("soak: %d s reports, max heap %d MB, java %s%n", intervalSeconds,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        System.out.println("minute  messages   peers  contexts  errors  live-heap-MB  direct-MB  RSS-MB  fds  threads");
        long start = System.nanoTime();
        try (Context ctx = Context.builder().ioThreads(2).build()) {
            Socket router = ctx.socket(SocketType.ROUTER);
            router.bind("tcp://127.0.0.1:*");
            String routerEp = router.lastEndpoint();
            Socket pub = ctx.socket(SocketType.PUB);
            pub.bind("tcp://127.0.0.1:*");
            String pubTcp = pub.lastEndpoint();
            pub.bind("ipc://*");
            String pubIpc = pub.lastEndpoint();
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind("ipc://*");
            String pullIpc = pull.lastEndpoint();
            pull.bind("inproc://soak-pull");

            spawn("soak-router", () -> echo(router));
            spawn("soak-dealers", () -> dealers(ctx, routerEp));
            spawn("soak-pub", () -> publish(pub));
            spawn("soak-subs", () -> subscribers(ctx, pubTcp, pubIpc));
            spawn("soak-pull", () -> drain(pull));
            spawn("soak-pushes", () -> pushes(ctx, pullIpc, "inproc://soak-pull"));
            spawn("soak-contexts", this::contextChurn);

            while (System.nanoTime() < endNanos) {
                long next = Math.min(endNanos, System.nanoTime() + intervalSeconds * 1_000_000_000L);
                while (System.nanoTime() < next) {
                    Thread.sleep(Math.max(1, Math.min(1000, (next - System.nanoTime()) / 1_000_000)));
                }
                report(start);
            }
            stopping = true;
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
        report(start);
        System.out.println("soak: done, " + errors.get() + " errors");
    }

    private void report(long start) {
        ProcessStats s = ProcessStats.afterGc();
        System.out.printf("%6.1f %9d %7d %9d %7d %13.1f %10.1f %7.1f %4d %8d%n",
                (System.nanoTime() - start) / 60e9, messages.get(), peers.get(), contexts.get(), errors.get(),
                s.heapBytes() / 1048576.0, s.directBytes() / 1048576.0, s.rssBytes() / 1048576.0, s.fds(),
                s.threads());
    }

    private void spawn(String name, Runnable body) {
        Thread t = new Thread(() -> {
            while (!stopping) {
                try {
                    body.run();
                } catch (RuntimeException e) {
                    if (!stopping) {
                        errors.incrementAndGet();
                        System.out.println(name + ": " + e);
                    }
                }
            }
        }, name);
        threads.add(t);
        t.start();
    }

    // ---- the workers (each loops until stopping) -------------------------------------------------

    private void echo(Socket router) {
        router.set(SocketOption.RCVTIMEO, 100);
        while (!stopping) {
            Multipart m = router.recvMultipart(0);
            if (m != null) {
                router.send(m);
            }
        }
        router.close();
    }

    private void dealers(Context ctx, String endpoint) {
        int size = 64;
        while (!stopping) {
            try (Socket d = ctx.socket(SocketType.DEALER)) {
                d.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
                d.set(SocketOption.LINGER, 0);
                d.connect(endpoint);
                for (int i = 0; i < 100; i++) {
                    size = size >= 100_000 ? 64 : size * 4;
                    d.send(new byte[size]);
                    expect(d.recvBytes(0), "reply");
                    messages.addAndGet(2);
                }
            }
            peers.incrementAndGet();
        }
    }

    private void publish(Socket pub) {
        while (!stopping) {
            for (int i = 0; i < 100; i++) {
                pub.send(i % 10 == 0 ? new byte[4096] : new byte[64]);
            }
            messages.addAndGet(100);
            pause(5);
        }
        pub.close();
    }

    private void subscribers(Context ctx, String tcp, String ipc) {
        boolean overTcp = true;
        while (!stopping) {
            try (Socket sub = ctx.socket(SocketType.SUB)) {
                sub.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
                sub.subscribe("");
                sub.connect(overTcp ? tcp : ipc);
                for (int i = 0; i < 200 && !stopping; i++) {
                    Msg m = sub.recv(WAIT);
                    expect(m, "published message");
                    m.close();
                    messages.incrementAndGet();
                }
            }
            overTcp = !overTcp;
            peers.incrementAndGet();
        }
    }

    private void drain(Socket pull) {
        while (!stopping) {
            Msg m = pull.recv(Duration.ofMillis(100));
            if (m != null) {
                m.close();
                messages.incrementAndGet();
            }
        }
        pull.close();
    }

    private void pushes(Context ctx, String ipc, String inproc) {
        boolean overIpc = true;
        while (!stopping) {
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.set(SocketOption.SNDTIMEO, (int) WAIT.toMillis());
                push.connect(overIpc ? ipc : inproc);
                for (int i = 0; i < 1000; i++) {
                    if (!push.send(i % 100 == 0 ? new byte[65536] : new byte[256])) {
                        throw new IllegalStateException("PUSH could not send within " + WAIT);
                    }
                }
            }
            overIpc = !overIpc;
            peers.incrementAndGet();
            pause(10);
        }
    }

    private void contextChurn() {
        String[] transports = {"inproc://soak-pair", "tcp://127.0.0.1:*", "ipc://*"};
        int n = 0;
        while (!stopping) {
            String where = transports[n++ % transports.length];
            try (Context c = new Context(); Socket a = c.socket(SocketType.PAIR); Socket b = c.socket(SocketType.PAIR)) {
                a.bind(where);
                b.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
                b.connect(a.lastEndpoint());
                for (int i = 0; i < 10; i++) {
                    a.send("ping " + i);
                    expect(b.recvBytes(0), "pair message");
                }
            }
            contexts.incrementAndGet();
            messages.addAndGet(10);
            pause(20);
        }
    }

    private static void expect(Object got, String what) {
        if (got == null) {
            throw new IllegalStateException("no " + what + " within " + WAIT);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
