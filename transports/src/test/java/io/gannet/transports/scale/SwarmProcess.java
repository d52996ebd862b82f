package io.gannet.transports.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ZmtpSwarm} in a child JVM, so that the process under measurement holds only the
 * server's side of each connection: its heap, direct memory, RSS and file descriptors are
 * then the server's alone, and each process needs one descriptor per connection, not two.
 *
 * <p>The child prints one line per phase ({@code handshaken N}, {@code served N},
 * {@code reset}) and takes commands on its standard input ({@code reset}, {@code exit});
 * the parent side is this class's instance. Any failure in the child prints
 * {@code error ...} and ends it.
 */
public final class SwarmProcess implements AutoCloseable {
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SwarmProcess(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        Thread reader = new Thread(this::pump, "swarm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a child JVM that opens {@code count} connections to {@code tcp://host:port} at
     * once and plays {@code role} on each, giving up on a phase after {@code phaseMillis}.
     */
    public static SwarmProcess start(String endpoint, int count, ZmtpSwarm.Role role, long phaseMillis)
            throws IOException {
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(ownClassPath());
        cmd.add(SwarmProcess.class.getName());
        cmd.add(hostPort.substring(0, colon));
        cmd.add(hostPort.substring(colon + 1));
        cmd.add(String.valueOf(count));
        cmd.add(role.name());
        cmd.add(String.valueOf(phaseMillis));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        return new SwarmProcess(pb.start());
    }

    /** Where this class was loaded from (the swarm needs nothing but itself and the JDK). */
    private static String ownClassPath() {
        try {
            return Path.of(SwarmProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("error reading the swarm's output: " + e);
        }
        lines.add("exited");
    }

    /**
     * The next line the child prints that starts with {@code prefix}; skips other lines, and
     * throws with the child's words on an error line, its exit, or the timeout.
     */
    public String await(String prefix, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<String> seen = new ArrayList<>();
        for (;;) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the swarm printed no '" + prefix + "' within " + timeoutMillis
                        + " ms; it printed " + seen);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.add(line);
            if (line.startsWith("error") || line.equals("exited")) {
                throw new IllegalStateException("the swarm failed while waiting for '" + prefix + "': " + seen);
            }
        }
    }

    /** Like {@link #await}, but returns null at once if no such line came yet. */
    public String poll(String prefix) {
        for (String line; (line = lines.poll()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("error") || line.equals("exited")) {
                throw new IllegalStateException("the swarm failed: " + line);
            }
        }
        return null;
    }

    /** The number at the end of a phase line such as {@code served 10000}. */
    public static int count(String line) {
        return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Asks the child to reset every connection at once (SO_LINGER 0). */
    public void reset() throws IOException {
        send("reset");
    }

    private void send(String command) throws IOException {
        commands.write(command + "\n");
        commands.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            try {
                send("exit");
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    // ---- the child ------------------------------------------------------------------------------

    /** Arguments: host, port, connection count, role, phase timeout in milliseconds. */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        int count = Integer.parseInt(args[2]);
        ZmtpSwarm.Role role = ZmtpSwarm.Role.valueOf(args[3]);
        long phaseMillis = Long.parseLong(args[4]);
        try (ZmtpSwarm swarm = new ZmtpSwarm(new InetSocketAddress(args[0], Integer.parseInt(args[1])), count, role);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
            out.println("handshaken " + swarm.awaitHandshakes(phaseMillis));
            out.println("served " + swarm.awaitServed(phaseMillis));
            out.flush();
            String command;
            while ((command = in.readLine()) != null && !command.equals("exit")) {
                if (command.equals("reset")) {
                    swarm.resetAll();
                    out.println("reset");
                    out.flush();
                }
            }
        } catch (IOException | RuntimeException e) {
            out.println("error " + e);
            out.flush();
            System.exit(1);
        }
    }
}
