package io.gannet.cli;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.auth.Authenticator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code gannet send}: sends the message given as arguments (one frame per argument), or one
 * message per line of standard input. A REQ socket waits for each reply and prints it.
 */
final class SendCommand implements Command {
    private static final Set<String> VALUED = union(SocketSetup.VALUED,
            Set.of("count", "format", "delimiter", "timeout", "delay"));

    static final String HELP = ""
            + "usage: gannet send [options] [FRAME...]\n"
            + "\n"
            + "Sends one message made of the FRAME arguments (--count times), or, without FRAME\n"
            + "arguments, one message per line of standard input. A REQ socket waits for each\n"
            + "reply and prints it on standard output.\n"
            + "\n"
            + "options:\n"
            + SocketSetup.help(SocketSetup.SENDERS)
            + "  --count N             send the message N times; with stdin, stop after N lines\n"
            + "  --format F            how FRAMEs and lines are written: text (default), hex, json\n"
            + "  --delimiter D         separates frames within a line (default TAB)\n"
            + "  --timeout DURATION    give up when a message cannot be sent (or a reply does\n"
            + "                        not arrive) within DURATION (default: wait)\n"
            + "  --delay DURATION      wait before the first message (lets PUB subscribers join)\n"
            + "\n"
            + "DURATION is a number with a unit: " + Durations.EXAMPLES + ".\n"
            + "\n"
            + "examples:\n"
            + "  gannet send --connect tcp://127.0.0.1:5557 hello\n"
            + "  gannet send --type req --connect tcp://127.0.0.1:5555 Hello\n"
            + "  printf 'weather\\t21C\\n' | gannet send --type pub --bind tcp://*:5556 --delay 500ms\n";

    @Override
    public String name() {
        return "send";
    }

    @Override
    public String summary() {
        return "send messages to any ZeroMQ peer (arguments or stdin lines)";
    }

    @Override
    public int run(String[] tokens, Io io) throws Exception {
        Args args = Args.parse("gannet send", tokens, VALUED, SocketSetup.FLAGS);
        if (args.help()) {
            io.out().print(HELP);
            return ExitCode.OK;
        }
        Frames.Format format = args.choice("format", Frames.Format.class, Frames.Format.TEXT);
        String delimiter = args.get("delimiter", "\t");
        long count = args.number("count", -1, 1);
        Duration timeout = args.duration("timeout", null);
        Duration delay = args.duration("delay", Duration.ZERO);
        List<byte[]> fixed = args.positional().isEmpty() ? null : argumentFrames(args.positional(), format);

        SecuritySetup.validate(args);
        Socket socket = null;
        Authenticator auth = null;
        int status;
        // The context's close is where --linger (the socket's LINGER) is spent: it returns once
        // every message is delivered, or LINGER ran out and the rest was dropped and counted.
        // The authenticator is closed after it, so peers still joining then are still checked.
        try (Context ctx = new Context()) {
            auth = SecuritySetup.authenticator(ctx, args);
            socket = SocketSetup.open(ctx, args, SocketType.PUSH, SocketSetup.SENDERS);
            status = sendAll(socket, fixed, count, format, delimiter, timeout, delay, io);
        } finally {
            if (auth != null) {
                auth.close();
            }
        }
        long dropped = socket.droppedMessages();
        if (dropped > 0 && status == ExitCode.OK) {
            io.err().println("gannet send: " + dropped + " message(s) not delivered within --linger "
                    + args.get("linger", "2s") + " (no peer took them); they were dropped");
            return ExitCode.NOT_DELIVERED;
        }
        return status;
    }

    private static int sendAll(Socket socket, List<byte[]> fixed, long count, Frames.Format format,
                               String delimiter, Duration timeout, Duration delay, Io io) throws Exception {
        try (socket) {
            if (timeout != null) {
                socket.set(SocketOption.SNDTIMEO, SocketSetup.millis(timeout));
                socket.set(SocketOption.RCVTIMEO, SocketSetup.millis(timeout));
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            boolean waitsForReply = socket.type() == SocketType.REQ;
            if (fixed != null) {
                for (long i = 0, n = count < 0 ? 1 : count; i < n; i++) {
                    int status = sendOne(socket, fixed, waitsForReply, format, delimiter, timeout, io);
                    if (status != ExitCode.OK) {
                        return status;
                    }
                }
                return ExitCode.OK;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            long sent = 0;
            String line;
            while ((count < 0 || sent < count) && (line = lines.readLine()) != null) {
                int status = sendOne(socket, Frames.parse(line, format, delimiter), waitsForReply, format,
                        delimiter, timeout, io);
                if (status != ExitCode.OK) {
                    return status;
                }
                sent++;
            }
            return ExitCode.OK;
        }
    }

    private static List<byte[]> argumentFrames(List<String> words, Frames.Format format) {
        if (format == Frames.Format.JSON) {
            return Frames.parse(String.join(" ", words), format, "");
        }
        List<byte[]> frames = new ArrayList<>();
        for (String w : words) {
            frames.addAll(Frames.parse(w, format, ""));
        }
        return frames;
    }

    private static int sendOne(Socket socket, List<byte[]> frames, boolean waitsForReply, Frames.Format format,
                               String delimiter, Duration timeout, Io io) {
        Multipart message = new Multipart();
        for (byte[] f : frames) {
            message.add(f);
        }
        if (!socket.send(message)) {
            message.close();
            io.err().println("gannet send: could not send within " + Durations.format(timeout) + " (is a peer connected and reading?)");
            return ExitCode.TIMEOUT;
        }
        if (waitsForReply) {
            try (Multipart reply = socket.recvMultipart()) {
                if (reply == null) {
                    io.err().println("gannet send: no reply within " + Durations.format(timeout));
                    return ExitCode.TIMEOUT;
                }
                io.out().println(Frames.format(RecvCommand.frames(reply), format, delimiter));
                io.out().flush();
            }
        }
        return ExitCode.OK;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
