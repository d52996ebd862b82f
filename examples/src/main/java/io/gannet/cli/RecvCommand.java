package io.gannet.cli;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.auth.Authenticator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code gannet recv}: prints each message it receives as one line. A REP socket answers
 * every request (with {@code --reply}, or by echoing it) so that its peer can go on.
 */
final class RecvCommand implements Command {
    private static final Set<String> VALUED = SendCommand.union(SocketSetup.VALUED,
            Set.of("count", "format", "delimiter", "timeout", "reply"));

    static final String HELP = ""
            + "usage: gannet recv [options]\n"
            + "\n"
            + "Receives messages and prints each as one line on standard output. A REP socket\n"
            + "answers every request with --reply, or echoes the request back.\n"
            + "\n"
            + "options:\n"
            + SocketSetup.help(SocketSetup.RECEIVERS)
            + "  --count N             stop after N messages\n"
            + "  --format F            how messages are printed: text (default), hex, json\n"
            + "  --delimiter D         printed between frames with text and hex (default TAB)\n"
            + "  --timeout DURATION    stop when no message arrives within DURATION;    \n"
            + "                        the exit status is 5 if nothing, or fewer than --count\n"
            + "                        messages, arrived (default: wait forever)\n"
            + "  --reply TEXT          REP: the reply to send (default: echo the request)\n"
            + "\n"
            + "DURATION is a number with a unit: " + Durations.EXAMPLES + ".\n"
            + "\n"
            + "examples:\n"
            + "  gannet recv --bind tcp://*:5557 --count 10\n"
            + "  gannet recv --type sub --connect tcp://127.0.0.1:5556 --topic weather --format json\n"
            + "  gannet recv --type rep --bind tcp://*:5555 --reply World\n";

    @Override
    public String name() {
        return "recv";
    }

    @Override
    public String summary() {
        return "receive messages from any ZeroMQ peer and print one line each";
    }

    @Override
    public int run(String[] tokens, Io io) {
        Args args = Args.parse("gannet recv", tokens, VALUED, SocketSetup.FLAGS);
        if (args.help()) {
            io.out().print(HELP);
            return ExitCode.OK;
        }
        if (!args.positional().isEmpty()) {
            throw CliException.usage("gannet recv takes no arguments, got '" + args.positional().get(0) + "'");
        }
        Frames.Format format = args.choice("format", Frames.Format.class, Frames.Format.TEXT);
        String delimiter = args.get("delimiter", "\t");
        long count = args.number("count", -1, 1);
        Duration timeout = args.duration("timeout", null);
        String reply = args.get("reply", null);

        SecuritySetup.validate(args);
        try (Context ctx = new Context();
             Authenticator auth = SecuritySetup.authenticator(ctx, args);
             Socket socket = SocketSetup.open(ctx, args, SocketType.PULL, SocketSetup.RECEIVERS)) {
            if (timeout != null) {
                socket.set(SocketOption.RCVTIMEO, SocketSetup.millis(timeout));
            }
            boolean answers = socket.type() == SocketType.REP;
            long received = 0;
            while (count < 0 || received < count) {
                Multipart message = socket.recvMultipart();
                if (message == null) {
                    if (received == 0 || count >= 0) {
                        io.err().println("gannet recv: " + received + " message(s) received, then none within "
                                + Durations.format(timeout));
                        return ExitCode.TIMEOUT;
                    }
                    return ExitCode.OK;
                }
                received++;
                try {
                    io.out().println(Frames.format(frames(message), format, delimiter));
                    io.out().flush();
                    if (answers) {
                        if (reply != null) {
                            socket.send(reply);
                        } else {
                            socket.send(message);
                        }
                    }
                } finally {
                    message.close();
                }
            }
            return ExitCode.OK;
        }
    }

    /** The frames of a message as byte arrays (the message keeps its buffers). */
    static List<byte[]> frames(Multipart message) {
        List<byte[]> out = new ArrayList<>(message.size());
        for (Msg m : message) {
            out.add(m.bytes());
        }
        return out;
    }
}
