package io.gannet.transports.pgm.netns;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Multipart;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The Gannet side of the multicast tests, run in a JVM of its own inside a namespace: the
 * twin of {@code pgm/epgm_peer.py} (same arguments, same stdout lines, same messages), so a
 * test can swap libzmq for Gannet on either end. A subscriber also prints every monitor
 * event as {@code EVENT <name> <value> <detail>} and ends with {@code dropped=} in DONE.
 *
 * <p>Options are looked up by their libzmq names ({@link SocketOption#byName}), so this
 * class names no option that only the epgm transport brings.
 */
public final class EpgmPeer {
    /**
     * A subscriber prints JOINED after this many hellos (about 200 ms), as epgm_peer.py does:
     * OpenPGM's receiver learns where to send NAKs from the source's SPM, which it asks for
     * (SPMR) after its first data; a packet lost before that is never repaired by libzmq.
     */
    private static final int JOIN_AFTER_HELLOS = 10;

    private final Map<String, String> args;
    private final PrintStream out;
    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);

    private EpgmPeer(Map<String, String> args, PrintStream out) {
        this.args = args;
        this.out = out;
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        try {
            EpgmPeer peer = new EpgmPeer(parse(argv), out);
            peer.readStdin();
            peer.run();
            out.flush();
            System.exit(0);
        } catch (Throwable e) {
            out.println("ERROR " + e.toString().replace('\n', ' '));
            e.printStackTrace();
            out.flush();
            System.exit(1);
        }
    }

    /** {@code mode endpoint --key value --flag ...}; repeated keys (--subscribe) are joined with ','. */
    static Map<String, String> parse(String[] argv) {
        Map<String, String> map = new HashMap<>();
        map.put("mode", argv[0]);
        map.put("endpoint", argv[1]);
        for (int i = 2; i < argv.length; i++) {
            String key = argv[i].substring(2);
            boolean flag = i + 1 >= argv.length || argv[i + 1].startsWith("--");
            String value = flag ? "true" : argv[++i];
            map.merge(key, value, (a, b) -> a + "," + b);
        }
        return map;
    }

    private String arg(String key, String dflt) {
        return args.getOrDefault(key, dflt);
    }

    private int intArg(String key, int dflt) {
        return Integer.parseInt(arg(key, Integer.toString(dflt)));
    }

    private void readStdin() {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.strip().equals("go")) {
                        go.countDown();
                    } else if (line.strip().equals("stop")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // End of input counts as stop.
            }
            stop.countDown();
            go.countDown();
        }, "stdin");
        t.setDaemon(true);
        t.start();
    }

    private void run() throws InterruptedException {
        try (Context ctx = new Context()) {
            if (arg("mode", "").equals("pub")) {
                runPub(ctx);
            } else {
                runSub(ctx);
            }
        }
    }

    private Socket socket(Context ctx, SocketType type) {
        Socket s = ctx.socket(type);
        set(s, "LINGER", intArg("linger-ms", 0));
        set(s, "RATE", intArg("rate", 100_000));
        set(s, "RECOVERY_IVL", intArg("recovery-ivl", 10_000));
        set(s, type == SocketType.PUB ? "SNDHWM" : "RCVHWM", intArg("hwm", 0));
        if (intArg("maxtpdu", 0) > 0) {
            set(s, "MULTICAST_MAXTPDU", intArg("maxtpdu", 0));
        }
        if (intArg("hops", 0) > 0) {
            set(s, "MULTICAST_HOPS", intArg("hops", 0));
        }
        if (intArg("buffer", 0) > 0) {
            set(s, "SNDBUF", intArg("buffer", 0));
            set(s, "RCVBUF", intArg("buffer", 0));
        }
        return s;
    }

    /** Sets an integer-valued option by its libzmq name, whatever its Java number type. */
    @SuppressWarnings("unchecked")
    static void set(Socket s, String name, long value) {
        SocketOption<?> option = SocketOption.byName(name);
        if (option == null) {
            throw new IllegalStateException("this Gannet has no socket option " + name);
        }
        if (option.type() == Long.class) {
            s.set((SocketOption<Long>) option, value);
        } else {
            s.set((SocketOption<Integer>) option, Math.toIntExact(value));
        }
    }

    private void runPub(Context ctx) throws InterruptedException {
        Socket s = socket(ctx, SocketType.PUB);
        s.connect(arg("endpoint", ""));
        String pub = arg("pub-id", "p1");
        List<String> topics = List.of(arg("topics", "").split(",", -1));
        EpgmMessages messages = new EpgmMessages(arg("profile", "mixed"), intArg("multipart-every", 0));
        int count = intArg("count", 1000);
        int progress = intArg("progress", 0);
        long intervalNanos = intArg("interval-us", 0) * 1000L;
        out.println("READY");
        if (args.containsKey("hello")) {
            while (!go.await(20, TimeUnit.MILLISECONDS)) {
                s.send(EpgmMessages.HELLO + pub);
            }
        }
        long started = System.nanoTime();
        for (long seq = 0; seq < count; seq++) {
            if (stop.getCount() == 0) {
                throw new IllegalStateException("stopped after " + seq + " of " + count + " messages");
            }
            List<byte[]> frames = messages.message(topics.get((int) (seq % topics.size())), pub, seq);
            if (!s.send(Multipart.of(frames.toArray(new byte[0][])))) {
                throw new IllegalStateException("send of message " + seq + " refused");
            }
            if (progress > 0 && (seq + 1) % progress == 0) {
                out.println("SENT " + (seq + 1));
            }
            if (intervalNanos > 0) {
                long until = started + (seq + 1) * intervalNanos;
                for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            }
        }
        out.println("SENT-ALL " + count);
        stop.await((long) (Double.parseDouble(arg("max-seconds", "170")) * 1000), TimeUnit.MILLISECONDS);
        long dropped = s.droppedMessages();
        s.close();
        out.println("DONE sent=" + count + " dropped=" + dropped);
    }

    private void runSub(Context ctx) throws InterruptedException {
        if (args.containsKey("late")) {
            // Up and warm, but not yet a member: the test says when to connect (mid-stream).
            out.println("STARTED");
            go.await();
        }
        Socket s = socket(ctx, SocketType.SUB);
        EpgmMessages messages = new EpgmMessages(arg("profile", "mixed"), intArg("multipart-every", 0));
        List<String> subscriptions = args.containsKey("subscribe")
                ? List.of(arg("subscribe", "").split(",", -1)) : List.of();
        EpgmStreams streams = new EpgmStreams(messages, List.of(arg("topics", "").split(",", -1)), subscriptions,
                List.of(arg("pubs", "p1").split(",")), intArg("count", 1000), args.containsKey("late"), out::println);
        for (String topic : subscriptions.isEmpty() ? List.of("") : subscriptions) {
            s.subscribe(topic);
        }
        s.subscribe(EpgmMessages.HELLO);
        s.set(SocketOption.RCVTIMEO, 100);
        Monitor monitor = s.monitor(EnumSet.allOf(SocketEvent.class));
        s.connect(arg("endpoint", ""));
        out.println("READY");
        Map<String, Integer> hellos = new HashMap<>();
        int progress = intArg("progress", 0);
        long idleNanos = intArg("idle-ms", 15_000) * 1_000_000L;
        long deadline = System.nanoTime() + (long) (Double.parseDouble(arg("max-seconds", "170")) * 1e9);
        long lastMessage = 0;
        List<byte[]> frames = new ArrayList<>();
        while (stop.getCount() > 0 && System.nanoTime() < deadline) {
            printEvents(monitor);
            if (!receive(s, frames)) {
                if (lastMessage != 0 && System.nanoTime() - lastMessage > idleNanos) {
                    break;
                }
                continue;
            }
            String head = new String(frames.get(0), 0, Math.min(frames.get(0).length, 40), StandardCharsets.ISO_8859_1);
            if (head.startsWith(EpgmMessages.HELLO)) {
                String pub = head.substring(EpgmMessages.HELLO.length());
                if (hellos.merge(pub, 1, Integer::sum) == JOIN_AFTER_HELLOS) {
                    out.println("JOINED " + pub);
                }
                continue;
            }
            lastMessage = System.nanoTime();
            streams.check(frames);
            if (progress > 0 && streams.received % progress == 0 && streams.received > 0) {
                out.println("RECV " + streams.received);
            }
            if (streams.complete()) {
                break;
            }
        }
        printEvents(monitor);
        long dropped = s.droppedMessages();
        s.close();
        monitor.close();
        out.println("DONE " + String.join(" ", streams.summary()) + " dropped=" + dropped);
    }

    /** Receives one whole message into {@code frames}; false if none came within RCVTIMEO. */
    private static boolean receive(Socket s, List<byte[]> frames) {
        frames.clear();
        Msg msg = new Msg();
        try {
            if (!s.recv(msg, 0)) {
                return false;
            }
            frames.add(msg.bytes());
            while (msg.hasMore()) {
                if (!s.recv(msg, 0)) {
                    throw new IllegalStateException("message ended after " + frames.size() + " frames");
                }
                frames.add(msg.bytes());
            }
            return true;
        } finally {
            msg.close();
        }
    }

    private void printEvents(Monitor monitor) {
        for (MonitorEvent e = monitor.poll(); e != null; e = monitor.poll()) {
            out.println("EVENT " + e.event().name() + " " + e.value() + " "
                    + String.valueOf(e.detail()).replace(' ', '_') + " " + e.endpoint());
        }
    }
}
