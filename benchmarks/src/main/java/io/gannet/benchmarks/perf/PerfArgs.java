package io.gannet.benchmarks.perf;

import io.gannet.benchmarks.lib.BenchSocket;
import io.gannet.benchmarks.lib.CurveKeys;
import io.gannet.benchmarks.lib.Library;

/**
 * The command line shared by the four perf tools, libzmq's plus an optional warm-up:
 * {@code <endpoint> <message-size> <count> [warm-up-count]}. The warm-up is that many
 * messages or round trips exchanged untimed first, so that the JIT has compiled the path
 * being measured; our C tools for libzmq take the same argument, and both sides of a pair
 * must be given the same value. The library is Gannet unless the system
 * property {@code gannet.perf.lib} says {@code jeromq}, so the same tools measure JeroMQ.
 * With the environment variable {@code PERF_CURVE=1}, as for the C tools, every socket uses
 * CURVE with {@link CurveKeys} (the binding side is the server).
 */
final class PerfArgs {
    /** System property choosing the library ({@code gannet} or {@code jeromq}). */
    static final String LIBRARY_PROPERTY = "gannet.perf.lib";

    final String endpoint;
    final int size;
    final int count;
    final int warmup;
    final Library library;

    private PerfArgs(String endpoint, int size, int count, int warmup, Library library) {
        this.endpoint = endpoint;
        this.size = size;
        this.count = count;
        this.warmup = warmup;
        this.library = library;
    }

    /** Parses {@code args}, or prints the usage line and exits with status 1. */
    static PerfArgs parse(String tool, String endpointRole, String countName, String[] args) {
        if (args.length != 3 && args.length != 4) {
            usage(tool, endpointRole, countName);
        }
        try {
            int size = Integer.parseInt(args[1]);
            int count = Integer.parseInt(args[2]);
            int warmup = args.length == 4 ? Integer.parseInt(args[3]) : 0;
            if (size < 0 || count < 1 || warmup < 0) {
                usage(tool, endpointRole, countName);
            }
            Library library = Library.of(System.getProperty(LIBRARY_PROPERTY, "gannet"));
            return new PerfArgs(args[0], size, count, warmup, library);
        } catch (IllegalArgumentException e) {
            usage(tool, endpointRole, countName);
            throw e;
        }
    }

    private static void usage(String tool, String endpointRole, String countName) {
        System.out.printf("usage: %s <%s> <message-size> <%s> [warm-up-count]%n", tool, endpointRole, countName);
        System.out.printf("       (-D%s=gannet|jeromq picks the library; default gannet)%n", LIBRARY_PROPERTY);
        System.exit(1);
    }

    /** Makes {@code socket} a CURVE server or client when {@code PERF_CURVE} asks for it. */
    static void security(BenchSocket socket, boolean asServer) {
        if (CurveKeys.wanted()) {
            socket.curve(asServer);
        }
    }

    /** Fails the tool the way libzmq's does when a message has the wrong size. */
    static void checkSize(int expected, int actual) {
        if (expected != actual) {
            System.out.println("message of incorrect size received");
            System.exit(1);
        }
    }
}
