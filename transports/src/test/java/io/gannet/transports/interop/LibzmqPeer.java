package io.gannet.transports.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import io.gannet.SocketType;

/**
 * One real libzmq socket in a child process: {@code /usr/bin/python3 zmq_peer.py args...}
 * (Debian's python3-zmq, libzmq 4.3.4), seen through its line protocol on stdout.
 *
 * <p>A reader thread collects stdout lines; {@link #awaitLine} takes the first pending
 * line that starts with the wanted token(s) and leaves the others (monitor
 * {@code EVENT} lines, say) for later calls. An {@code ERROR} line or an early exit fails
 * any wait at once, with the peer's command line, transcript and stderr in the message.
 * Failures are {@link AssertionError}s: a broken peer is a failed test.
 *
 * <p>Threads: the test thread drives the peer; two daemon threads read stdout and stderr.
 * {@link #close()} kills the process (and any children) if it still runs, and waits.
 */
public final class LibzmqPeer implements AutoCloseable {
    /** The interpreter that has python3-zmq; the one on PATH may not. */
    public static final String PYTHON = "/usr/bin/python3";

    private static final String SCRIPT_RESOURCE = "/interop/zmq_peer.py";
    private static final int STDERR_LIMIT = 64 * 1024;
    private static final Map<String, Path> SCRIPTS = new HashMap<>();

    private final List<String> command;
    private final Process process;
    private final Writer stdin;
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock; written by the reader threads, read by the test thread.
    private final List<String> transcript = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private boolean stdoutClosed;
    private List<String> readyEndpoints;

    private LibzmqPeer(String scriptResource, List<String> args) {
        command = new ArrayList<>(List.of(PYTHON, "-u", "-B", script(scriptResource).toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot start the libzmq peer " + command + ": " + e, e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdoutReader = reader(process.getInputStream(), true);
        stderrReader = reader(process.getErrorStream(), false);
    }

    /** Starts a peer with raw {@code zmq_peer.py} arguments. */
    public static LibzmqPeer start(List<String> args) {
        return new LibzmqPeer(SCRIPT_RESOURCE, args);
    }

    /** Starts a peer with raw {@code zmq_peer.py} arguments. */
    public static LibzmqPeer start(String... args) {
        return new LibzmqPeer(SCRIPT_RESOURCE, Arrays.asList(args));
    }

    /**
     * Starts another peer script from the test resources (e.g. {@code /interop/closing_sender.py})
     * that speaks the same stdout conventions: protocol lines, {@code ERROR <text>} on failure.
     */
    public static LibzmqPeer startScript(String scriptResource, List<String> args) {
        return new LibzmqPeer(scriptResource, args);
    }

    /** A command-line builder for a peer with one socket of {@code type}. */
    public static PeerSpec builder(SocketType type) {
        return new PeerSpec(type, null);
    }

    /** Waits for {@code READY} and returns the first endpoint (a resolved one for {@code tcp://host:*}). */
    public String awaitReady(Duration timeout) {
        return readyEndpoints(timeout).get(0);
    }

    /** Waits for {@code READY} and returns all endpoints in command-line order. */
    public List<String> readyEndpoints(Duration timeout) {
        if (readyEndpoints == null) {
            String line = awaitLine("READY", timeout);
            readyEndpoints = List.of(line.substring("READY".length()).trim().split(" "));
        }
        return readyEndpoints;
    }

    /**
     * Takes the first pending line whose leading tokens equal {@code prefix}
     * ({@code "SUB"} matches {@code "SUB 41"}, not {@code "SUBSCRIBED 41"}).
     */
    public String awaitLine(String prefix, Duration timeout) {
        return awaitLine(startsWith(prefix), "'" + prefix + "'", timeout, false);
    }

    /**
     * Takes the first pending line starting with {@code prefix} like {@link #awaitLine}, or
     * returns null at once if there is none yet; still fails on {@code ERROR} or an early exit.
     */
    public String pollLine(String prefix) {
        return awaitLine(startsWith(prefix), "'" + prefix + "'", Duration.ZERO, true);
    }

    private static Predicate<String> startsWith(String prefix) {
        return line -> line.equals(prefix) || line.startsWith(prefix + " ");
    }

    /** Takes {@code n} lines starting with {@code prefix}, in order. */
    public List<String> awaitLines(String prefix, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(awaitLine(prefix, Duration.ofNanos(deadline - System.nanoTime())));
        }
        return lines;
    }

    /**
     * Waits for {@code DONE} and a zero exit status, and returns the summary.
     * Fails on {@code ERROR}, a non-zero exit or a timeout, showing the peer's stderr.
     */
    public PeerSummary awaitDone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PeerSummary summary = PeerSummary.parse(awaitLine("DONE", timeout));
        try {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw failure("printed DONE but did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for exit");
        }
        if (process.exitValue() != 0) {
            throw failure("exited with status " + process.exitValue() + " after DONE");
        }
        return summary;
    }

    /** Writes one line to the peer's stdin ({@code go}, {@code stop}, or a {@code lines}-mode command). */
    public void writeLine(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw failure("cannot write '" + line + "' to stdin: " + e);
        }
    }

    /** Releases a peer started with {@code --await-go}. */
    public void go() {
        writeLine("go");
    }

    /** Ends a mode that waits for messages without a count (echo, sub, xpub, xsub). */
    public void stop() {
        writeLine("stop");
    }

    /**
     * Lines mode: sends one command and returns its answer line
     * ({@code SENT}, {@code MSG ...}, {@code TIMEOUT}, {@code OK ...}, {@code VALUE ...} or {@code FAIL ...}).
     */
    public String command(String line, Duration timeout) {
        writeLine(line);
        return awaitLine(LibzmqPeer::isAnswer, "an answer to '" + line + "'", timeout, false);
    }

    /** Lines mode: sends one multipart message; fails if the peer answers {@code FAIL}. */
    public void send(Duration timeout, byte[]... frames) {
        StringBuilder line = new StringBuilder("send");
        for (byte[] frame : frames) {
            line.append(' ').append(PeerMessages.hex(frame));
        }
        String answer = command(line.toString(), timeout);
        if (!answer.equals("SENT")) {
            throw failure("send failed: " + answer);
        }
    }

    /** Lines mode: receives one message, or returns null if none arrives within {@code wait}. */
    public List<byte[]> recv(Duration wait) {
        String answer = command("recv " + wait.toMillis(), wait.plusSeconds(10));
        if (answer.equals("TIMEOUT")) {
            return null;
        }
        if (!answer.startsWith("MSG ")) {
            throw failure("recv failed: " + answer);
        }
        List<byte[]> frames = new ArrayList<>();
        for (String token : answer.substring(4).split(" ")) {
            frames.add(PeerMessages.unhex(token));
        }
        return frames;
    }

    /** Freezes the whole peer process (SIGSTOP): not even libzmq's I/O thread runs. */
    public void suspend() {
        signal("-STOP");
    }

    /** Thaws a {@link #suspend() suspended} peer (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** Every stdout line so far, including the ones already taken. */
    public List<String> transcript() {
        lock.lock();
        try {
            return List.copyOf(transcript);
        } finally {
            lock.unlock();
        }
    }

    /** The command line, stdout transcript and stderr, for failure messages. */
    public String describe() {
        lock.lock();
        try {
            return "libzmq peer " + String.join(" ", command.subList(3, command.size()))
                    + "\n  stdout: " + String.join("\n          ", transcript)
                    + "\n  stderr: " + stderr.toString().strip().replace("\n", "\n          ");
        } finally {
            lock.unlock();
        }
    }

    /** Kills the peer (and any children) if it still runs, and waits for it and its readers. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            stdoutReader.join(5000);
            stderrReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            stdin.close();
        } catch (IOException ignored) {
            // The process is gone; a broken pipe on close says nothing new.
        }
    }

    private static boolean isAnswer(String line) {
        for (String answer : new String[] {"SENT", "MSG", "TIMEOUT", "OK", "VALUE", "FAIL"}) {
            if (line.equals(answer) || line.startsWith(answer + " ")) {
                return true;
            }
        }
        return false;
    }

    private String awaitLine(Predicate<String> wanted, String what, Duration timeout, boolean nullOnTimeout) {
        String problem;
        long left = timeout.toNanos();
        lock.lock();
        try {
            search:
            while (true) {
                for (int i = 0; i < pending.size(); i++) {
                    String line = pending.get(i);
                    if (line.equals("ERROR") || line.startsWith("ERROR ")) {
                        problem = "reported " + line + " while waiting for " + what;
                        break search;
                    }
                    if (wanted.test(line)) {
                        return pending.remove(i);
                    }
                }
                if (stdoutClosed) {
                    problem = "exited before printing " + what;
                    break;
                }
                if (left <= 0) {
                    if (nullOnTimeout) {
                        return null;
                    }
                    problem = "printed no " + what + " within " + timeout;
                    break;
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "was interrupted while waiting for " + what;
        } finally {
            lock.unlock();
        }
        // Built outside the lock: failure() may wait for the stderr reader, which needs it.
        throw failure(problem);
    }

    private AssertionError failure(String what) {
        try {
            // A peer that printed ERROR is on its way out: show its exit status and let
            // the readers drain its last output into the message.
            if (process.waitFor(what.contains("ERROR") ? 1000 : 0, TimeUnit.MILLISECONDS)) {
                stderrReader.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String status = process.isAlive() ? "running" : "exit status " + process.exitValue();
        return new AssertionError("libzmq peer " + what + " (" + status + ")\n" + describe());
    }

    private Thread reader(InputStream stream, boolean stdout) {
        Thread thread = new Thread(() -> pump(stream, stdout),
                "libzmq-peer-" + process.pid() + (stdout ? "-stdout" : "-stderr"));
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void pump(InputStream stream, boolean stdout) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lock.lock();
                try {
                    if (stdout) {
                        transcript.add(line);
                        pending.add(line);
                        changed.signalAll();
                    } else if (stderr.length() < STDERR_LIMIT) {
                        stderr.append(line).append('\n');
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // The stream closes when the process is killed; what was read is kept.
        } finally {
            if (stdout) {
                lock.lock();
                try {
                    stdoutClosed = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw failure("could not be sent " + signal);
            }
        } catch (IOException e) {
            throw failure("could not be sent " + signal + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while sending " + signal);
        }
    }

    /** The default peer script, {@code zmq_peer.py}. */
    static Path script() {
        return script(SCRIPT_RESOURCE);
    }

    /** A peer script: straight from target/test-classes, or copied out of a jar once. */
    static synchronized Path script(String resource) {
        Path script = SCRIPTS.get(resource);
        if (script == null) {
            URL url = LibzmqPeer.class.getResource(resource);
            if (url == null) {
                throw new AssertionError("test resource " + resource + " is missing from the class path");
            }
            try {
                if ("file".equals(url.getProtocol())) {
                    script = Path.of(url.toURI());
                } else {
                    Path copy = Files.createTempFile("gannet_peer", ".py");
                    copy.toFile().deleteOnExit();
                    try (InputStream in = url.openStream()) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                    script = copy;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            SCRIPTS.put(resource, script);
        }
        return script;
    }
}
