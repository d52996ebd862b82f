package io.gannet.cli;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketType;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code gannet monitor ENDPOINT}: connects (or binds) a socket there and prints every
 * monitor event it reports: connection attempts, handshakes, disconnections.
 */
final class MonitorCommand implements Command {
    private static final Set<String> VALUED = Set.of("type", "duration", "count", "option");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    static final String HELP = ""
            + "usage: gannet monitor [options] ENDPOINT\n"
            + "\n"
            + "Connects a socket to ENDPOINT (or binds it there with --bind) and prints the\n"
            + "socket's monitor events, one per line: time, event, endpoint, value, detail.\n"
            + "\n"
            + "options:\n"
            + "  --bind                bind to ENDPOINT instead of connecting\n"
            + "  --type TYPE           the socket's type (default dealer), one of:\n"
            + "                        " + SocketSetup.names(EnumSet.allOf(SocketType.class)) + ";\n"
            + "                        a peer of an incompatible type shows up as a failed handshake\n"
            + "  --option NAME=VALUE   set a socket option (repeatable), e.g. RECONNECT_IVL=500\n"
            + "  --duration DURATION   stop after DURATION (default: run until Ctrl-C)\n"
            + "  --count N             stop after N events\n"
            + "\n"
            + "DURATION is a number with a unit: " + Durations.EXAMPLES + ".\n"
            + "\n"
            + "example:\n"
            + "  gannet monitor tcp://127.0.0.1:5555 --duration 10s\n";

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public String summary() {
        return "print the connection events of a socket bound or connected to ENDPOINT";
    }

    @Override
    public int run(String[] tokens, Io io) {
        Args args = Args.parse("gannet monitor", tokens, VALUED, Set.of("bind"));
        if (args.help()) {
            io.out().print(HELP);
            return ExitCode.OK;
        }
        if (args.positional().size() != 1) {
            throw CliException.usage("give exactly one ENDPOINT; see 'gannet monitor --help'");
        }
        String endpoint = args.positional().get(0);
        SocketType type = SocketSetup.socketType("--type", args.get("type", "dealer"), EnumSet.allOf(SocketType.class));
        Duration duration = args.duration("duration", null);
        long count = args.number("count", -1, 1);

        try (Context ctx = new Context(); Socket socket = ctx.socket(type)) {
            for (String o : args.all("option")) {
                SocketSetup.applyOption(socket, o);
            }
            try (Monitor monitor = socket.monitor(EnumSet.allOf(SocketEvent.class))) {
                if (args.has("bind")) {
                    SocketSetup.bind(socket, endpoint);
                } else {
                    SocketSetup.connect(socket, endpoint);
                }
                long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
                long seen = 0;
                while (count < 0 || seen < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    MonitorEvent e = monitor.next(Duration.ofNanos(Math.min(left, Duration.ofSeconds(1).toNanos())));
                    if (e != null) {
                        io.out().println(format(e));
                        io.out().flush();
                        seen++;
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    static String format(MonitorEvent e) {
        StringBuilder sb = new StringBuilder();
        sb.append(LocalTime.now().format(TIME)).append(' ')
                .append(String.format("%-26s", e.event())).append(' ').append(e.endpoint());
        if (e.value() != 0) {
            sb.append(' ').append(value(e));
        }
        if (!e.detail().isEmpty()) {
            sb.append(" (").append(e.detail()).append(')');
        }
        return sb.toString();
    }

    /** The event's value in words: what it means depends on the event (see SocketEvent). */
    private static String value(MonitorEvent e) {
        switch (e.event()) {
            case CONNECT_RETRIED:
                return "retry in " + Durations.format(Duration.ofMillis(e.value()));
            case HANDSHAKE_FAILED_PROTOCOL:
                return String.format("protocol-error=0x%08x", e.value());
            case HANDSHAKE_FAILED_AUTH:
                return "zap-status=" + e.value();
            default:
                return "value=" + e.value();
        }
    }
}
