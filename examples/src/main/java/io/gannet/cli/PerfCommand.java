package io.gannet.cli;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.PrintStream;
import java.util.Set;

/**
 * {@code gannet perf thr|lat}: libzmq's perf tools in one command. {@code thr} measures
 * PUSH/PULL throughput as {@code local_thr}/{@code remote_thr} do; {@code lat} measures REQ/REP
 * round trips as {@code local_lat}/{@code remote_lat} do and reports half the round trip.
 * By default both ends run in this process; {@code --role local} or {@code remote} runs one
 * end, to measure across processes or against libzmq's own tools.
 */
final class PerfCommand implements Command {
    private static final Set<String> VALUED = Set.of("endpoint", "size", "count", "role");

    /** Which ends of the test this process runs. */
    enum Role { BOTH, LOCAL, REMOTE }

    static final String HELP = ""
            + "usage: gannet perf thr|lat [options]\n"
            + "\n"
            + "  thr   throughput: PUSH sends --count messages, PULL receives and reports msg/s, Mb/s\n"
            + "  lat   latency: REQ/REP round trips; reports half the mean round trip, as libzmq does\n"
            + "\n"
            + "options:\n"
            + "  --endpoint ENDPOINT   where the local end binds (default tcp://127.0.0.1:*)\n"
            + "  --size BYTES          message size (default 100 for thr, 1 for lat)\n"
            + "  --count N             messages (thr, default 1000000) or round trips (lat, default 10000)\n"
            + "  --role R              both (default), local (bind and measure, like local_thr),\n"
            + "                        remote (connect and send, like remote_thr)\n"
            + "  --no-progress         no progress line on stderr during long runs\n"
            + "\n"
            + "examples:\n"
            + "  gannet perf thr --count 5000000\n"
            + "  gannet perf lat --endpoint tcp://127.0.0.1:5555 --role local   # with libzmq's remote_lat\n";

    @Override
    public String name() {
        return "perf";
    }

    @Override
    public String summary() {
        return "measure throughput (thr) or latency (lat), like libzmq's perf tools";
    }

    @Override
    public int run(String[] tokens, Io io) throws Exception {
        Args args = Args.parse("gannet perf", tokens, VALUED, Set.of("no-progress"));
        if (args.help()) {
            io.out().print(HELP);
            return ExitCode.OK;
        }
        if (args.positional().size() != 1) {
            throw CliException.usage("say which test: 'gannet perf thr' or 'gannet perf lat'");
        }
        String test = args.positional().get(0);
        boolean thr = test.equals("thr");
        if (!thr && !test.equals("lat")) {
            throw CliException.usage("unknown test '" + test + "': use thr or lat");
        }
        Role role = args.choice("role", Role.class, Role.BOTH);
        String endpoint = args.get("endpoint", "tcp://127.0.0.1:*");
        if (role == Role.REMOTE && endpoint.contains("*")) {
            throw CliException.usage("--role remote needs the --endpoint the local end bound, without wildcards");
        }
        int size = (int) args.number("size", thr ? 100 : 1, 0);
        long count = args.number("count", thr ? 1_000_000 : 10_000, 1);
        boolean progress = !args.has("no-progress");

        try (Context ctx = new Context()) {
            Socket local = null;
            if (role != Role.REMOTE) {
                local = ctx.socket(thr ? SocketType.PULL : SocketType.REP);
                SocketSetup.bind(local, endpoint);
                endpoint = local.lastEndpoint();
                if (role == Role.LOCAL) {
                    io.err().println("gannet perf: bound to " + endpoint + ", waiting for the remote end");
                }
            }
            Thread remote = null;
            if (role != Role.LOCAL) {
                Socket socket = ctx.socket(thr ? SocketType.PUSH : SocketType.REQ);
                SocketSetup.connect(socket, endpoint);
                Runnable body = thr ? () -> remoteThr(socket, size, count) : () -> remoteLat(socket, size, count, progress, io);
                if (role == Role.REMOTE) {
                    body.run();
                    socket.close();
                    return ExitCode.OK;
                }
                remote = new Thread(() -> {
                    try {
                        body.run();
                    } finally {
                        socket.close();
                    }
                }, "perf-remote");
                remote.start();
            }
            if (thr) {
                localThr(local, size, count, new Progress(io.err(), progress, "messages", count), io.out());
            } else {
                localLat(local, count);
            }
            if (remote != null) {
                remote.join();
            }
            return ExitCode.OK;
        }
    }

    /** Receives {@code count} messages and reports, timing from the first to the last. */
    private static void localThr(Socket pull, int size, long count, Progress progress, PrintStream out) {
        try (Msg m = new Msg()) {
            pull.recv(m, 0);
            long start = System.nanoTime();
            for (long i = 1; i < count; i++) {
                pull.recv(m, 0);
                progress.update(i);
            }
            long elapsed = Math.max(1, System.nanoTime() - start);
            progress.finish();
            double perSecond = count * 1e9 / elapsed;
            out.println("message size: " + size + " [B]");
            out.println("message count: " + count);
            out.printf("mean throughput: %.0f [msg/s]%n", perSecond);
            out.printf("mean throughput: %.3f [Mb/s]%n", perSecond * size * 8 / 1e6);
        }
    }

    private static void remoteThr(Socket push, int size, long count) {
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        for (long i = 0; i < count; i++) {
            // A fresh message each time, as remote_thr does; the socket takes the buffer.
            push.send(alloc.buffer(size).writeZero(size), 0);
        }
    }

    /** Echoes {@code count} requests. */
    private static void localLat(Socket rep, long count) {
        try (Msg m = new Msg()) {
            for (long i = 0; i < count; i++) {
                rep.recv(m, 0);
                rep.send(m, 0);
            }
        }
    }

    /** Makes {@code count} round trips and reports half the mean, as libzmq's remote_lat does. */
    private static void remoteLat(Socket req, int size, long count, boolean showProgress, Io io) {
        Progress progress = new Progress(io.err(), showProgress, "round trips", count);
        byte[] payload = new byte[size];
        try (Msg m = new Msg()) {
            long start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                req.send(payload);
                req.recv(m, 0);
                progress.update(i);
            }
            long elapsed = System.nanoTime() - start;
            progress.finish();
            io.out().println("message size: " + size + " [B]");
            io.out().println("roundtrip count: " + count);
            io.out().printf("average latency: %.3f [us]%n", elapsed / 1e3 / count / 2);
        }
    }
}
