package io.gannet.cli;

import io.gannet.Context;
import io.gannet.Proxy;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.auth.Authenticator;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code gannet proxy}: libzmq's {@code zmq_proxy} from the command line. Endpoints starting
 * with {@code >} are connected, others bound (CZMQ's convention; {@code @} may mark a bind).
 */
final class ProxyCommand implements Command {
    private static final Set<String> VALUED = SendCommand.union(Set.of("frontend", "backend", "frontend-type",
            "backend-type", "capture", "duration", "secure-side"), SecuritySetup.VALUED);

    static final String HELP = ""
            + "usage: gannet proxy --frontend ENDPOINT --backend ENDPOINT [options]\n"
            + "\n"
            + "Moves messages between a frontend and a backend socket, both ways, until Ctrl-C\n"
            + "or --duration. Endpoints are bound, or connected when written as >ENDPOINT.\n"
            + "\n"
            + "options:\n"
            + "  --frontend ENDPOINT      frontend endpoint (repeatable)\n"
            + "  --backend ENDPOINT       backend endpoint (repeatable)\n"
            + "  --frontend-type TYPE     default router (router/dealer: a shared queue;\n"
            + "                           xsub/xpub: a pub-sub forwarder; pull/push: a streamer)\n"
            + "  --backend-type TYPE      default dealer\n"
            + "                           each side takes one of: " + SocketSetup.names(SocketSetup.MESSAGE_TYPES) + "\n"
            + "  --capture ENDPOINT       bind a PUB there that gets a copy of every frame\n"
            + "  --duration DURATION      stop after DURATION (default: run until Ctrl-C)\n"
            + "  --secure-side SIDE       the side the security options below apply to:\n"
            + "                           frontend (default) or backend\n"
            + "\n"
            + "security options (one side; see --secure-side):\n"
            + SecuritySetup.HELP
            + "\n"
            + "DURATION is a number with a unit: " + Durations.EXAMPLES + ".\n"
            + "\n"
            + "examples:\n"
            + "  gannet proxy --frontend tcp://*:5559 --backend tcp://*:5560\n"
            + "  gannet proxy --frontend-type xsub --frontend tcp://*:6000 \\\n"
            + "               --backend-type xpub --backend tcp://*:6001 --capture tcp://*:6002\n"
            + "  gannet proxy --frontend tcp://*:5559 --curve-server --curve-secretkey proxy.key_secret \\\n"
            + "               --curve-allow-dir clients --backend ipc:///tmp/workers\n";

    @Override
    public String name() {
        return "proxy";
    }

    @Override
    public String summary() {
        return "forward messages between a frontend and a backend, with optional capture";
    }

    @Override
    public int run(String[] tokens, Io io) throws Exception {
        Args args = Args.parse("gannet proxy", tokens, VALUED, SecuritySetup.FLAGS);
        if (args.help()) {
            io.out().print(HELP);
            return ExitCode.OK;
        }
        if (args.all("frontend").isEmpty() || args.all("backend").isEmpty()) {
            throw CliException.usage("give --frontend and --backend endpoints; see 'gannet proxy --help'");
        }
        SocketType frontType = SocketSetup.socketType("--frontend-type", args.get("frontend-type", "router"),
                SocketSetup.MESSAGE_TYPES);
        SocketType backType = SocketSetup.socketType("--backend-type", args.get("backend-type", "dealer"),
                SocketSetup.MESSAGE_TYPES);
        Duration duration = args.duration("duration", null);
        boolean secureBackend = args.choice("secure-side", Side.class, Side.FRONTEND) == Side.BACKEND;
        SecuritySetup.validate(args);

        try (Context ctx = new Context();
             Authenticator auth = SecuritySetup.authenticator(ctx, args)) {
            Socket frontend = open(ctx, frontType, args.all("frontend"), secureBackend ? null : args);
            Socket backend = open(ctx, backType, args.all("backend"), secureBackend ? args : null);
            Socket capture = null;
            if (args.has("capture")) {
                capture = ctx.socket(SocketType.PUB);
                SocketSetup.bind(capture, args.get("capture", null));
            }
            Socket control = ctx.socket(SocketType.PAIR);
            Socket controller = ctx.socket(SocketType.PAIR);
            control.bind("inproc://gannet-proxy-control");
            controller.connect("inproc://gannet-proxy-control");
            io.err().println("gannet proxy: " + frontType + " " + frontend.lastEndpoint() + " <-> "
                    + backType + " " + backend.lastEndpoint()
                    + (capture != null ? ", capture PUB " + capture.lastEndpoint() : ""));
            Socket captureSocket = capture;
            Thread proxy = new Thread(() -> Proxy.start(frontend, backend, captureSocket, control), "proxy");
            proxy.start();
            if (duration != null) {
                proxy.join(Math.max(1, duration.toMillis()));
            } else {
                proxy.join();
            }
            controller.send("TERMINATE");
            proxy.join();
            return ExitCode.OK;
        }
    }

    /** The side the security options apply to. */
    enum Side { FRONTEND, BACKEND }

    /** Opens one side; {@code security} holds its security options, or is null for none. */
    private static Socket open(Context ctx, SocketType type, List<String> endpoints, Args security) {
        Socket s = ctx.socket(type);
        if (security != null) {
            try {
                SecuritySetup.apply(s, security);
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
        for (String e : endpoints) {
            if (e.startsWith(">")) {
                SocketSetup.connect(s, e.substring(1));
            } else {
                SocketSetup.bind(s, e.startsWith("@") ? e.substring(1) : e);
            }
        }
        return s;
    }
}
