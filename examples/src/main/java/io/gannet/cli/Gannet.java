package io.gannet.cli;

import io.gannet.ContextClosedException;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.GannetInterruptedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The {@code gannet} command-line tool: {@code demo}, {@code send}, {@code recv},
 * {@code proxy}, {@code monitor} and {@code perf}. Every failure is one line on stderr and a
 * distinct exit status ({@link ExitCode}); {@code --help} works everywhere.
 */
public final class Gannet {
    private static final List<Command> COMMANDS = List.of(
            new DemoCommand(), new SendCommand(), new RecvCommand(), new ProxyCommand(),
            new MonitorCommand(), new PerfCommand(), new KeygenCommand());

    private Gannet() {
    }

    /** Runs the tool and exits the JVM with its status. */
    public static void main(String[] args) {
        int status = run(args, new Command.Io(System.out, System.err, System.in));
        System.out.flush();
        System.exit(status);
    }

    /** Runs the tool with the given streams and returns its exit status (for tests and embedding). */
    public static int run(String[] args, Command.Io io) {
        if (args.length == 0) {
            io.err().print(usage());
            return ExitCode.USAGE;
        }
        String name = args[0];
        if (name.equals("--version") || name.equals("-V") || name.equals("version")) {
            io.out().println("gannet " + version());
            return ExitCode.OK;
        }
        if (name.equals("-h") || name.equals("--help") || name.equals("help")) {
            if (args.length > 1) {
                Command c = find(args[1]);
                if (c != null) {
                    return execute(c, new String[] {"--help"}, io);
                }
            }
            io.out().print(usage());
            return ExitCode.OK;
        }
        Command command = find(name);
        if (command == null) {
            io.err().println("gannet: unknown command '" + name + "'");
            io.err().print(usage());
            return ExitCode.USAGE;
        }
        return execute(command, Arrays.copyOfRange(args, 1, args.length), io);
    }

    private static int execute(Command command, String[] args, Command.Io io) {
        PrintStream err = io.err();
        try {
            return command.run(args, io);
        } catch (CliException e) {
            err.println("gannet " + command.name() + ": " + e.getMessage());
            return e.exitCode();
        } catch (GannetInterruptedException | InterruptedException e) {
            err.println("gannet " + command.name() + ": interrupted");
            return ExitCode.INTERRUPTED;
        } catch (ContextClosedException e) {
            return ExitCode.INTERRUPTED;
        } catch (GannetException e) {
            err.println("gannet " + command.name() + ": " + e.getMessage());
            return exitCode(e.code());
        } catch (Exception e) {
            err.println("gannet " + command.name() + ": unexpected error (please report it):");
            e.printStackTrace(err);
            return ExitCode.ERROR;
        }
    }

    /**
     * The status for a library error the commands did not turn into a {@link CliException}
     * themselves: asking a socket for what it cannot do is a command-line mistake, not a bug.
     */
    private static int exitCode(ErrorCode code) {
        switch (code) {
            case EPROTONOSUPPORT:
                return ExitCode.BAD_ENDPOINT;
            case ENOTSUP: case EINVAL: case EFSM:
                return ExitCode.USAGE;
            default:
                return ExitCode.ERROR;
        }
    }

    /** The project version the jar was built as, from the filtered version.properties. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Gannet.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
        return p.getProperty("version", "(version unknown)");
    }

    private static Command find(String name) {
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: gannet COMMAND [options]      (gannet COMMAND --help for details)\n");
        sb.append("       gannet --version\n\n");
        sb.append("Gannet is a pure-Java ZeroMQ. This tool talks to any ZeroMQ peer.\n\ncommands:\n");
        for (Command c : COMMANDS) {
            sb.append(String.format("  %-9s %s%n", c.name(), c.summary()));
        }
        sb.append("\nexit status: 0 ok, 1 unexpected error, 2 bad command line, 3 bad endpoint,\n");
        sb.append("             4 endpoint unavailable (in use), 5 timeout, 6 not delivered within\n");
        sb.append("             --linger, 130 interrupted\n");
        return sb.toString();
    }
}
