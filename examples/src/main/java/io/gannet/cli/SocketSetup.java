package io.gannet.cli;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options every socket-making command shares ({@code --type}, {@code --bind},
 * {@code --connect}, {@code --option}, {@code --topic}, {@code --linger}) and the one place
 * that turns Gannet's errors about them into the tool's {@link ExitCode}s.
 */
final class SocketSetup {
    /** Options taking a value that {@link #open} reads. */
    static final Set<String> VALUED = SendCommand.union(Set.of("type", "bind", "connect", "option", "topic", "linger"),
            SecuritySetup.VALUED);
    /** Flags that {@link #open} reads. */
    static final Set<String> FLAGS = SecuritySetup.FLAGS;

    /** Types that can send first: what {@code send} accepts (REP must receive first, SUB and PULL cannot send). */
    static final Set<SocketType> SENDERS = Collections.unmodifiableSet(EnumSet.of(SocketType.PAIR, SocketType.PUB,
            SocketType.REQ, SocketType.DEALER, SocketType.ROUTER, SocketType.PUSH, SocketType.XPUB, SocketType.XSUB));
    /** Types that can receive first: what {@code recv} accepts (REQ must send first, PUB and PUSH cannot receive). */
    static final Set<SocketType> RECEIVERS = Collections.unmodifiableSet(EnumSet.of(SocketType.PAIR, SocketType.SUB,
            SocketType.REP, SocketType.DEALER, SocketType.ROUTER, SocketType.PULL, SocketType.XPUB, SocketType.XSUB));
    /**
     * Every type but STREAM, whose raw connections carry no ZeroMQ messages the tool's
     * frame formats could show: what {@code proxy} accepts on each side.
     */
    static final Set<SocketType> MESSAGE_TYPES = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(SocketType.STREAM)));

    /** The option help of a command whose {@code --type} takes {@code accepted}. */
    static String help(Set<SocketType> accepted) {
        return ""
            + "  --type TYPE           socket type, one of: " + names(accepted) + "\n"
            + "                        (case does not matter)\n"
            + "  --bind ENDPOINT       bind to ENDPOINT (repeatable), e.g. tcp://*:5555, ipc:///tmp/x\n"
            + "  --connect ENDPOINT    connect to ENDPOINT (repeatable), e.g. tcp://127.0.0.1:5555\n"
            + "  --option NAME=VALUE   set a socket option (repeatable), e.g. SNDHWM=10, ROUTING_ID=me;\n"
            + "                        byte values are UTF-8 text or 0x-prefixed hex\n"
            + "  --topic T             SUB, XSUB: subscribe to prefix T (repeatable; a SUB without\n"
            + "                        --topic gets everything, an XSUB nothing)\n"
            + "  --linger DURATION     at exit, how long to keep trying to deliver unsent messages,\n"
            + "                        also to a peer not there yet (default 2s); what is still\n"
            + "                        unsent then is dropped, and send exits with status 6\n"
            + SecuritySetup.HELP;
    }

    private SocketSetup() {
    }

    /**
     * Makes, configures, binds and connects the socket the arguments describe. A server
     * socket's authenticator, if any, is started before with {@link SecuritySetup#authenticator}.
     */
    static Socket open(Context ctx, Args args, SocketType fallbackType, Set<SocketType> accepted) {
        SocketType type = socketType("--type", args.get("type", fallbackType.name()), accepted);
        List<String> binds = args.all("bind");
        List<String> connects = args.all("connect");
        if (binds.isEmpty() && connects.isEmpty()) {
            throw CliException.usage("give at least one --bind or --connect endpoint; see '" + args.command() + " --help'");
        }
        if (!args.all("topic").isEmpty() && type != SocketType.SUB && type != SocketType.XSUB) {
            throw CliException.usage("--topic applies to SUB sockets, not " + type);
        }
        Socket s = ctx.socket(type);
        try {
            s.set(SocketOption.LINGER, millis(args.duration("linger", Duration.ofSeconds(2))));
            for (String o : args.all("option")) {
                applyOption(s, o);
            }
            SecuritySetup.apply(s, args);
            List<String> topics = args.all("topic");
            if (type == SocketType.SUB) {
                if (topics.isEmpty()) {
                    s.subscribe("");
                }
                for (String t : topics) {
                    s.subscribe(t);
                }
            } else if (type == SocketType.XSUB) {
                // XSUB subscribes by sending 0x01 + topic; it keeps them for every publisher it meets.
                for (String t : topics) {
                    byte[] topic = t.getBytes(StandardCharsets.UTF_8);
                    byte[] subscription = new byte[topic.length + 1];
                    subscription[0] = 1;
                    System.arraycopy(topic, 0, subscription, 1, topic.length);
                    s.send(subscription);
                }
            }
            for (String b : binds) {
                bind(s, b);
            }
            for (String c : connects) {
                connect(s, c);
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * The type named {@code name}, which must be one of {@code accepted}; anything else is a
     * usage error that lists what this command takes.
     */
    static SocketType socketType(String what, String name, Set<SocketType> accepted) {
        SocketType t = Args.parseChoice(what, SocketType.class, name);
        if (!accepted.contains(t)) {
            throw CliException.usage(what + " " + name.toLowerCase(Locale.ROOT) + " is not accepted here; this command takes "
                    + names(accepted));
        }
        return t;
    }

    /** The lower-case names of {@code types}, in declaration order, comma-separated. */
    static String names(Set<SocketType> types) {
        StringBuilder sb = new StringBuilder();
        for (SocketType t : EnumSet.copyOf(types)) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(t.name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    static void bind(Socket s, String endpoint) {
        try {
            s.bind(endpoint);
        } catch (GannetException e) {
            throw endpointError("bind to", endpoint, e);
        }
    }

    static void connect(Socket s, String endpoint) {
        try {
            s.connect(endpoint);
        } catch (GannetException e) {
            throw endpointError("connect to", endpoint, e);
        }
    }

    private static CliException endpointError(String what, String endpoint, GannetException e) {
        int code = e.code() == ErrorCode.EADDRINUSE || e.code() == ErrorCode.EADDRNOTAVAIL
                ? ExitCode.ENDPOINT_UNAVAILABLE : ExitCode.BAD_ENDPOINT;
        return new CliException(code, "cannot " + what + " " + endpoint + ": " + e.getMessage(), e);
    }

    /** Applies one {@code NAME=VALUE} pair, converting the text to the option's type. */
    static void applyOption(Socket s, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw CliException.usage("--option takes NAME=VALUE, not '" + assignment + "'");
        }
        String name = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1);
        SocketOption<?> option = SocketOption.byName(name);
        if (option == null) {
            throw CliException.usage("unknown socket option '" + name + "' (see docs/options.md)");
        }
        try {
            set(s, option, text);
        } catch (GannetException e) {
            throw CliException.usage("--option " + assignment + ": " + e.getMessage());
        }
    }

    private static <T> void set(Socket s, SocketOption<T> option, String text) {
        s.set(option, option.type().cast(convert(option, text)));
    }

    private static Object convert(SocketOption<?> option, String text) {
        Class<?> type = option.type();
        try {
            if (type == Integer.class) {
                return Integer.valueOf(text.trim());
            }
            if (type == Long.class) {
                return Long.valueOf(text.trim());
            }
        } catch (NumberFormatException e) {
            throw CliException.usage(option.name() + " takes a whole number, not '" + text + "'");
        }
        if (type == Boolean.class) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true": case "1": case "yes": case "on": return Boolean.TRUE;
                case "false": case "0": case "no": case "off": return Boolean.FALSE;
                default: throw CliException.usage(option.name() + " takes true or false, not '" + text + "'");
            }
        }
        if (type == byte[].class) {
            return text.startsWith("0x") ? Frames.parseHex(text) : text.getBytes(StandardCharsets.UTF_8);
        }
        if (type == String.class) {
            return text;
        }
        throw CliException.usage(option.name() + " cannot be set from the command line");
    }

    /**
     * A duration as the int milliseconds socket options take: rounded up (so 0.5ms still
     * waits instead of meaning "never block") and capped at Integer.MAX_VALUE.
     */
    static int millis(Duration d) {
        long ms = d.toMillis() + (d.minusMillis(d.toMillis()).isZero() ? 0 : 1);
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
