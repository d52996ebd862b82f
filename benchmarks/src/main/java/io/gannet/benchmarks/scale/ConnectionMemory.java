package io.gannet.benchmarks.scale;

import io.gannet.Context;
import io.gannet.transports.scale.ConnectionScale;
import io.gannet.transports.scale.ProcessStats;
import java.util.Locale;

/**
 * Memory per connection: one Gannet server socket (ROUTER, REP or PUB) in this JVM serves
 * N raw tcp connections from a child process (all connecting at once, each handshaken and
 * served one message), and the figures of this process are printed before, with every
 * connection idle, and after all were reset at once. Heap is measured after GC, direct
 * memory from the JDK's and Netty's counters, RSS from {@code /proc/self/status}.
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar io.gannet.benchmarks.scale.ConnectionMemory [router|rep|pub] [connections] [ioThreads]
 * </pre>
 *
 * Needs {@code ulimit -n} above the connection count (each process holds one descriptor per
 * connection).
 */
public final class ConnectionMemory {
    private ConnectionMemory() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionScale.Server server = ConnectionScale.Server.valueOf(
                (args.length > 0 ? args[0] : "router").toUpperCase(Locale.ROOT));
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int ioThreads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long limit = ProcessStats.maxFds();
        if (limit >= 0 && limit < connections + 512L) {
            System.err.println("ulimit -n is " + limit + ": too low for " + connections
                    + " connections; raise it (ulimit -n " + (connections + 1024) + ") and run again");
            System.exit(2);
        }
        System.out.printf("%s, %d connections, %d I/O thread(s), max heap %d MB, java %s%n", server, connections,
                ioThreads, Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        try (Context ctx = Context.builder().ioThreads(ioThreads).build()) {
            ConnectionScale.Result r = ConnectionScale.run(ctx, server, connections, 120_000);
            System.out.println(r);
            System.out.printf("heap+direct per idle connection: %.0f bytes%n", r.bytesPerConnection());
        }
    }
}
