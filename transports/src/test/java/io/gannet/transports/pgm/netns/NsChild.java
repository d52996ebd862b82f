package io.gannet.transports.pgm.netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A peer process (python libzmq or a Gannet JVM) run inside a namespace, seen through the
 * line protocol both peers print on stdout: {@code READY}, progress lines, {@code EVENT ...},
 * and last {@code DONE key=value ...} or {@code ERROR text}.
 *
 * <p>Every wait has a deadline; a timeout, an {@code ERROR} line or an early exit fails
 * with an {@link AssertionError} carrying the command, the stdout transcript and stderr.
 * Two daemon threads read stdout and stderr; the test thread drives the child.
 */
public final class NsChild implements AutoCloseable {
    private static final int KEEP_CHARS = 64 * 1024;

    private final String label;
    private final List<String> command;
    private final Process process;
    private final Writer stdin;
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private final List<String> transcript = new ArrayList<>();
    private final List<String> pending = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private boolean stdoutClosed;

    private NsChild(String label, List<String> command) {
        this.label = label;
        this.command = List.copyOf(command);
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start " + label + ": " + command + ": " + e, e);
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdoutReader = reader(process.getInputStream(), true);
        stderrReader = reader(process.getErrorStream(), false);
    }

    static NsChild start(String label, List<String> command) {
        return new NsChild(label, command);
    }

    /** Waits for the first pending line whose first token is {@code token} and takes it. */
    public String awaitLine(String token, Duration timeout) {
        String line = take(token, timeout);
        if (line == null) {
            throw failure("printed no '" + token + "' line within " + timeout);
        }
        return line;
    }

    /** Takes a pending line starting with {@code token}, or null at once if none has come. */
    public String pollLine(String token) {
        return take(token, Duration.ZERO);
    }

    /** Waits for {@code DONE}, then for a zero exit status; returns the DONE line's key=value pairs. */
    public Map<String, String> awaitDone(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line = awaitLine("DONE", timeout);
        try {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw failure("printed DONE but did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted");
        }
        if (process.exitValue() != 0) {
            throw failure("exited with status " + process.exitValue());
        }
        return pairs(line);
    }

    /** The {@code key=value} tokens of a line, in order. */
    public static Map<String, String> pairs(String line) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String token : line.split(" ")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                map.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return map;
    }

    /** Writes a line to the child's stdin ({@code go}, {@code stop}). */
    public void writeLine(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw failure("cannot write '" + line + "': " + e);
        }
    }

    /** The operating-system pid (of the peer itself: {@code ip netns exec} execs it). */
    public long pid() {
        return process.pid();
    }

    /**
     * CPU time used so far (user + system, in clock ticks) read from /proc/&lt;pid&gt;/stat,
     * or -1 once the process is gone.
     */
    public long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Every stdout line so far. */
    public List<String> transcript() {
        lock.lock();
        try {
            return List.copyOf(transcript);
        } finally {
            lock.unlock();
        }
    }

    /** Everything the child wrote to stderr (up to 64 KB). */
    public String stderr() {
        lock.lock();
        try {
            return stderr.toString();
        } finally {
            lock.unlock();
        }
    }

    /** The label, command, transcript (last 60 lines) and stderr, for failure messages. */
    public String describe() {
        lock.lock();
        try {
            List<String> tail = transcript.subList(Math.max(0, transcript.size() - 60), transcript.size());
            return label + ": " + String.join(" ", command)
                    + "\n  stdout" + (tail.size() < transcript.size() ? " (last 60 lines)" : "") + ": "
                    + String.join("\n          ", tail)
                    + "\n  stderr: " + stderr.toString().strip().replace("\n", "\n          ");
        } finally {
            lock.unlock();
        }
    }

    /** An AssertionError naming this child, with its output. */
    public AssertionError failure(String what) {
        try {
            if (process.waitFor(what.contains("ERROR") ? 1000 : 0, TimeUnit.MILLISECONDS)) {
                stderrReader.join(1000);
                stdoutReader.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String status = process.isAlive() ? "running" : "exit status " + process.exitValue();
        return new AssertionError(label + " " + what + " (" + status + ")\n" + describe());
    }

    /** Kills the child if it still runs and waits for it and its readers. */
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
            // The process is gone; a broken pipe says nothing new.
        }
    }

    private String take(String token, Duration timeout) {
        String problem;
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (int i = 0; i < pending.size(); i++) {
                    String line = pending.get(i);
                    if (line.equals(token) || line.startsWith(token + " ")) {
                        return pending.remove(i);
                    }
                }
                problem = pending.stream().filter(l -> l.startsWith("ERROR")).findFirst()
                        .map(l -> "reported " + l).orElse(null);
                if (problem == null && stdoutClosed) {
                    problem = "exited before printing '" + token + "'";
                }
                if (problem != null) {
                    break;
                }
                if (left <= 0) {
                    return null;
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "was interrupted waiting for '" + token + "'";
        } finally {
            lock.unlock();
        }
        throw failure(problem);
    }

    private Thread reader(InputStream stream, boolean stdout) {
        Thread t = new Thread(() -> pump(stream, stdout), label + (stdout ? "-stdout" : "-stderr"));
        t.setDaemon(true);
        t.start();
        return t;
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
                    } else if (stderr.length() < KEEP_CHARS) {
                        stderr.append(line).append('\n');
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // The stream closes when the process dies; what was read is kept.
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
}
