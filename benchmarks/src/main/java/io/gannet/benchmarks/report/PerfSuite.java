package io.gannet.benchmarks.report;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the libzmq-compatible perf tools as pairs of processes (local side first, then the
 * remote side) for libzmq (our C programs), Gannet and JeroMQ (the Java tools), and parses
 * the lines they all print. Each pair gets a fresh endpoint: a free loopback port, or a
 * fresh ipc path. A pair that fails or times out is recorded as missing, never retried.
 */
final class PerfSuite {
    /** One implementation of the tools: how to start {@code tool} with arguments. */
    interface Tools {
        List<String> command(String tool, String endpoint, int size, int count, int warmup);
    }

    private static final Pattern THROUGHPUT = Pattern.compile("mean throughput: (\\d+) \\[msg/s\\]");
    private static final Pattern LATENCY = Pattern.compile("average latency: ([0-9.]+) \\[us\\]");
    private static final Pattern P50 = Pattern.compile("p50 roundtrip: ([0-9.]+) \\[us\\]");
    private static final Pattern P99 = Pattern.compile("p99 roundtrip: ([0-9.]+) \\[us\\]");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path workDir;
    private int sequence;

    PerfSuite(Path workDir) {
        this.workDir = workDir;
    }

    /** libzmq tools built by compare.sh into {@code dir}. */
    static Tools libzmq(Path dir) {
        return (tool, endpoint, size, count, warmup) -> List.of(dir.resolve(tool).toString(), endpoint,
                Integer.toString(size), Integer.toString(count), Integer.toString(warmup));
    }

    /**
     * The Java tools from {@code jar}, for {@code lib} (gannet or jeromq). Gannet runs the
     * {@code byte[]} path an application writes ({@code send(byte[])}, {@code recvBytes()}),
     * as JeroMQ's tools do and as libzmq's build a message per send; not the zero-copy path
     * that JMH measures.
     */
    static Tools java(Path jar, String lib) {
        return (tool, endpoint, size, count, warmup) -> {
            String cls = "io.gannet.benchmarks.perf." + ("local_thr".equals(tool) ? "LocalThr"
                    : "remote_thr".equals(tool) ? "RemoteThr" : "local_lat".equals(tool) ? "LocalLat" : "RemoteLat");
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dgannet.perf.lib=" + lib, "-Dgannet.perf.path=bytes", "-cp", jar.toString(), cls, endpoint,
                    Integer.toString(size), Integer.toString(count), Integer.toString(warmup));
        };
    }

    /** Messages per second from one local_thr/remote_thr pair, or null if it failed. */
    Double throughput(Tools tools, String transport, int size, int count, int warmup, StringBuilder log) {
        String out = runPair(tools, "local_thr", "remote_thr", true, transport, size, count, warmup, log);
        Matcher m = out == null ? null : THROUGHPUT.matcher(out);
        return m != null && m.find() ? Double.valueOf(m.group(1)) : null;
    }

    /**
     * From one local_lat/remote_lat pair, in microseconds: the one-way latency (half the mean
     * round trip), the round trip's p50 and its p99; or null if the pair failed.
     */
    double[] latency(Tools tools, String transport, int size, int count, int warmup, StringBuilder log) {
        String out = runPair(tools, "local_lat", "remote_lat", false, transport, size, count, warmup, log);
        if (out == null) {
            return null;
        }
        Matcher mean = LATENCY.matcher(out);
        Matcher p50 = P50.matcher(out);
        Matcher p99 = P99.matcher(out);
        if (!mean.find() || !p50.find() || !p99.find()) {
            log.append("no latency figures in the output of remote_lat\n");
            return null;
        }
        return new double[] {Double.parseDouble(mean.group(1)), Double.parseDouble(p50.group(1)),
            Double.parseDouble(p99.group(1))};
    }

    /**
     * Runs a pair, and once more on a fresh endpoint if it failed: JeroMQ's {@code ipc://} is
     * TCP on a port derived from the path's hash, which is sometimes taken.
     */
    private String runPair(Tools tools, String localTool, String remoteTool, boolean reportFromLocal,
            String transport, int size, int count, int warmup, StringBuilder log) {
        String out = runPairOnce(tools, localTool, remoteTool, reportFromLocal, transport, size, count, warmup, log);
        if (out == null) {
            log.append("    (tried again on a fresh endpoint)\n");
            out = runPairOnce(tools, localTool, remoteTool, reportFromLocal, transport, size, count, warmup, log);
        }
        return out;
    }

    private String runPairOnce(Tools tools, String localTool, String remoteTool, boolean reportFromLocal,
            String transport, int size, int count, int warmup, StringBuilder log) {
        String endpoint;
        try {
            endpoint = endpoint(transport);
        } catch (IOException e) {
            log.append("cannot make an endpoint: ").append(e).append('\n');
            return null;
        }
        Process local = null;
        Process remote = null;
        try {
            Path localOut = workDir.resolve("perf-" + sequence + "-local.txt");
            Path remoteOut = workDir.resolve("perf-" + sequence + "-remote.txt");
            local = new ProcessBuilder(tools.command(localTool, endpoint, size, count, warmup))
                    .redirectErrorStream(true).redirectOutput(localOut.toFile()).start();
            remote = new ProcessBuilder(tools.command(remoteTool, endpoint, size, count, warmup))
                    .redirectErrorStream(true).redirectOutput(remoteOut.toFile()).start();
            boolean done = awaitBoth(local, remote);
            String out = Files.readString(reportFromLocal ? localOut : remoteOut, StandardCharsets.UTF_8);
            if (!done || local.exitValue() != 0 || remote.exitValue() != 0) {
                log.append(done ? "failed" : "timed out").append(": ")
                        .append(String.join(" ", tools.command(localTool, endpoint, size, count, warmup)))
                        .append('\n')
                        .append(tail(Files.readString(localOut, StandardCharsets.UTF_8)))
                        .append(tail(Files.readString(remoteOut, StandardCharsets.UTF_8)));
                return null;
            }
            return out;
        } catch (IOException e) {
            log.append("cannot run ").append(localTool).append(": ").append(e).append('\n');
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            destroy(local);
            destroy(remote);
        }
    }

    /**
     * Waits for both processes; false on timeout. A side that fails (say, its bind is
     * refused) ends the other at once instead of leaving it waiting for the timeout.
     */
    private static boolean awaitBoth(Process local, Process remote) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (local.isAlive() || remote.isAlive()) {
            if (failed(local) || failed(remote)) {
                destroy(local);
                destroy(remote);
                local.waitFor();
                remote.waitFor();
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Process running = local.isAlive() ? local : remote;
            running.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    private static boolean failed(Process p) {
        return !p.isAlive() && p.exitValue() != 0;
    }

    private String endpoint(String transport) throws IOException {
        sequence++;
        if ("ipc".equals(transport)) {
            Path path = workDir.resolve("perf-" + sequence + ".ipc");
            Files.deleteIfExists(path);
            return "ipc://" + path;
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + probe.getLocalPort();
        }
    }

    /** The line that says what went wrong (an exception or error line), else the first line. */
    private static String tail(String text) {
        String[] lines = text.split("\n");
        for (String line : lines) {
            if (line.contains("Exception") || line.contains("rror")) {
                return "    " + line.trim() + "\n";
            }
        }
        return lines.length == 0 || lines[0].isBlank() ? "" : "    " + lines[0].trim() + "\n";
    }

    private static void destroy(Process p) {
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
    }

    /** Repeats a measurement {@code reps} times and keeps the successful values. */
    static List<Double> repeat(int reps, Supplier<Double> run) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            Double v = run.get();
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }
}
