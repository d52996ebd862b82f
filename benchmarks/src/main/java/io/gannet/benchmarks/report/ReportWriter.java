package io.gannet.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code docs/performance.md} and its charts from JMH rows and perf-tool results:
 * medians with their spread, Gannet/JeroMQ and Gannet/libzmq ratios, bytes allocated per
 * message, the micro benchmarks ({@link MicroTable}), and the machine and command that
 * produced them.
 */
final class ReportWriter {
    private static final String[] TRANSPORTS = {"inproc", "ipc", "tcp"};
    private static final int[] SIZES = {1, 64, 1024, 65536};
    /** Everything after this line of the page is written by hand and kept when it is regenerated. */
    static final String HAND_WRITTEN = "<!-- Generated above; written by hand below (kept when the page is regenerated). -->\n";

    private final List<JmhSuite.Row> rows;
    private final PerfResults perf;
    private final StringBuilder md = new StringBuilder();

    ReportWriter(List<JmhSuite.Row> rows, PerfResults perf) {
        this.rows = rows;
        this.perf = perf;
    }

    /**
     * Writes the page to {@code page} and the PNGs beside it in a directory named after the
     * page ({@code performance.md} -> {@code performance/}), so that runs on several JDKs can
     * each keep their own page and charts.
     */
    void write(Path page, List<String> header, String failures) throws IOException {
        String dirName = page.getFileName().toString().replaceFirst("\\.md$", "");
        Path chartDir = page.resolveSibling(dirName);
        Files.createDirectories(chartDir);
        md.append("# Gannet performance\n\n");
        for (String line : header) {
            md.append(line).append('\n');
        }
        md.append('\n');
        pushPull();
        boolean tp = chart(chartDir.resolve("throughput.png"), "PushPullThroughput", "PUSH/PULL throughput",
                "messages/s", false);
        boolean lat = chart(chartDir.resolve("latency.png"), "ReqRepLatency", "REQ/REP round trip, p50",
                "microseconds", true);
        if (tp) {
            md.append("![PUSH/PULL throughput vs message size](" + dirName + "/throughput.png)\n\n");
        }
        reqRep();
        if (lat) {
            md.append("![REQ/REP round-trip p50 vs message size](" + dirName + "/latency.png)\n\n");
        }
        AllocatedTable.append(md, rows);
        fanout();
        perfTools();
        MicroTable.append(md, rows);
        notes();
        if (!failures.isEmpty()) {
            md.append("## What did not run\n\n```\n").append(failures).append("```\n");
        }
        md.append(handWrittenPart(page));
        Files.writeString(page, md.toString(), StandardCharsets.UTF_8);
    }

    /**
     * What follows {@link #HAND_WRITTEN} in the existing page (the goals met and missed,
     * written from the figures by a person), kept as is; a new page gets the marker alone.
     */
    static String handWrittenPart(Path page) throws IOException {
        String kept = "";
        if (Files.exists(page)) {
            String old = Files.readString(page, StandardCharsets.UTF_8);
            int at = old.indexOf(HAND_WRITTEN);
            if (at >= 0) {
                kept = old.substring(at + HAND_WRITTEN.length());
            }
        }
        return "\n" + HAND_WRITTEN + kept;
    }

    private JmhSuite.Row find(String bench, String lib, String transport, String size) {
        for (JmhSuite.Row r : rows) {
            if (r.benchmark.startsWith(bench) && eq(lib, r.param("lib")) && eq(transport, r.param("transport"))
                    && eq(size, r.param("size"))) {
                return r;
            }
        }
        return null;
    }

    private static boolean eq(String want, String have) {
        return want == null || want.equals(have);
    }

    private static String cell(JmhSuite.Row r) {
        return r == null || r.score == null ? "–" : r.score.cell();
    }

    /** The alloc column of every JMH table. */
    static String alloc(JmhSuite.Row r) {
        if (r == null || r.allocPerOp == null) {
            return "–";
        }
        // One decimal below 10 B, so that "under one byte" can be read off the table.
        return String.format(Locale.ROOT, r.allocPerOp < 10 ? "%.1f" : "%.0f", r.allocPerOp);
    }

    private static Spread score(JmhSuite.Row r) {
        return r == null ? null : r.score;
    }

    private void pushPull() {
        md.append("## PUSH/PULL throughput (JMH, messages/s)\n\n")
                .append("Median of the measurement iterations, [min–max] in brackets. Alloc: bytes allocated "
                        + "per message by all threads (`-prof gc`, `gc.alloc.rate.norm`, median of the iterations).\n\n")
                .append("| transport | size (B) | Gannet | JeroMQ | Gannet/JeroMQ | alloc Gannet | alloc JeroMQ |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String t : TRANSPORTS) {
            for (int size : SIZES) {
                JmhSuite.Row g = find("PushPullThroughput", "gannet", t, Integer.toString(size));
                JmhSuite.Row j = find("PushPullThroughput", "jeromq", t, Integer.toString(size));
                if (g == null && j == null) {
                    continue;
                }
                md.append("| ").append(t).append(" | ").append(size).append(" | ").append(cell(g)).append(" | ")
                        .append(cell(j)).append(" | ").append(Spread.ratio(score(g), score(j))).append(" | ")
                        .append(alloc(g)).append(" | ").append(alloc(j)).append(" |\n");
            }
        }
        boolean any = false;
        for (int size : SIZES) {
            JmhSuite.Row b = find("SocketChannelBaseline", null, null, Integer.toString(size));
            if (b != null) {
                if (!any) {
                    md.append("\nBaseline, plain `SocketChannel` over loopback carrying the same ZMTP-framed bytes "
                            + "(no library), messages/s:\n\n| size (B) | SocketChannel | Gannet tcp / baseline |\n"
                            + "|---:|---:|---:|\n");
                    any = true;
                }
                JmhSuite.Row g = find("PushPullThroughput", "gannet", "tcp", Integer.toString(size));
                md.append("| ").append(size).append(" | ").append(cell(b)).append(" | ")
                        .append(Spread.ratio(score(g), score(b))).append(" |\n");
            }
        }
        md.append('\n');
    }

    private void reqRep() {
        md.append("## REQ/REP latency (JMH SampleTime, microseconds)\n\n")
                .append("Round trip p50 and p99 (median over iterations, [min–max]); one-way = mean round "
                        + "trip / 2, as libzmq's `remote_lat` prints. Ratios below 1 mean Gannet is faster.\n\n")
                .append("| transport | size (B) | Gannet p50 | Gannet p99 | JeroMQ p50 | JeroMQ p99 | p50 Gannet/JeroMQ "
                        + "| one-way Gannet | one-way JeroMQ | alloc Gannet | alloc JeroMQ |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String t : TRANSPORTS) {
            for (int size : SIZES) {
                JmhSuite.Row g = find("ReqRepLatency", "gannet", t, Integer.toString(size));
                JmhSuite.Row j = find("ReqRepLatency", "jeromq", t, Integer.toString(size));
                if (g == null && j == null) {
                    continue;
                }
                md.append("| ").append(t).append(" | ").append(size).append(" | ").append(cell(g)).append(" | ")
                        .append(p99(g)).append(" | ").append(cell(j)).append(" | ").append(p99(j)).append(" | ")
                        .append(Spread.ratio(score(g), score(j))).append(" | ").append(half(g)).append(" | ")
                        .append(half(j)).append(" | ").append(alloc(g)).append(" | ").append(alloc(j)).append(" |\n");
            }
        }
        md.append('\n');
    }

    private static String p99(JmhSuite.Row r) {
        return r == null || r.p99 == null ? "–" : r.p99.cell();
    }

    private static String half(JmhSuite.Row r) {
        return r == null ? "–" : String.format(Locale.ROOT, "%.2f", r.mean / 2);
    }

    private void fanout() {
        if (find("PubSubFanout", null, null, null) == null) {
            return; // not in this run (--jmh-include left it out)
        }
        md.append("## PUB/SUB fan-out (JMH, messages/s published, every subscriber receives each)\n\n")
                .append("| transport | subscribers | size (B) | Gannet | JeroMQ | Gannet/JeroMQ | alloc Gannet | "
                        + "alloc JeroMQ |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JmhSuite.Row g : rows) {
            if (!g.benchmark.startsWith("PubSubFanout") || !"jeromq".equals(g.param("lib"))) {
                continue;
            }
            JmhSuite.Row j = g;
            JmhSuite.Row gan = null;
            for (JmhSuite.Row r : rows) {
                if (r.benchmark.equals(j.benchmark) && "gannet".equals(r.param("lib"))
                        && r.param("transport").equals(j.param("transport"))
                        && r.param("subscribers").equals(j.param("subscribers")) && r.param("size").equals(j.param("size"))) {
                    gan = r;
                }
            }
            md.append("| ").append(j.param("transport")).append(" | ").append(j.param("subscribers")).append(" | ")
                    .append(j.param("size")).append(" | ").append(cell(gan)).append(" | ").append(cell(j))
                    .append(" | ").append(Spread.ratio(score(gan), score(j))).append(" | ").append(alloc(gan))
                    .append(" | ").append(alloc(j)).append(" |\n");
        }
        md.append('\n');
    }

    private void perfTools() {
        if (perf.isEmpty()) {
            return;
        }
        md.append("## libzmq-style perf tools (separate processes)\n\n")
                .append("`local_thr`/`remote_thr` and `local_lat`/`remote_lat` with the same arguments for all three: "
                        + "libzmq through our C programs (`benchmarks/src/main/c`), Gannet and JeroMQ through "
                        + "`io.gannet.benchmarks.perf.*`. Each run first exchanges an untimed warm-up (the "
                        + "optional fourth argument, the same for all three), so the Java libraries are measured "
                        + "JIT-compiled. Each builds its messages as an application does: libzmq a "
                        + "`zmq_msg_init_size` per send and `zmq_msg_recv` into one message; JeroMQ `send(byte[])` "
                        + "(wraps the array) and `recv()` (a new array); Gannet `send(byte[])` (copies the array "
                        + "into a pooled buffer, the ZeroMQ contract) and `recvBytes()` (a new array). No process "
                        + "is pinned to a CPU. Latency: one-way = half the mean round trip (libzmq's figure), and "
                        + "the round trip's p50 and p99. Median of the runs, [min–max].\n\n")
                .append("| test | transport | size (B) | Gannet | JeroMQ | libzmq | Gannet/JeroMQ | Gannet/libzmq |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (String kind : new String[] {"thr", "lat", "lat50", "lat99"}) {
            for (String t : new String[] {"tcp", "ipc"}) {
                for (int size : SIZES) {
                    Spread g = perf.get("gannet", t, kind, size);
                    Spread j = perf.get("jeromq", t, kind, size);
                    Spread z = perf.get("libzmq", t, kind, size);
                    if (g == null && j == null && z == null) {
                        continue;
                    }
                    md.append("| ").append(perfTest(kind))
                            .append(" | ").append(t).append(" | ").append(size).append(" | ")
                            .append(g == null ? "–" : g.cell()).append(" | ").append(j == null ? "–" : j.cell())
                            .append(" | ").append(z == null ? "–" : z.cell()).append(" | ")
                            .append(Spread.ratio(g, j)).append(" | ").append(Spread.ratio(g, z)).append(" |\n");
                }
            }
        }
        md.append('\n');
    }

    private static String perfTest(String kind) {
        switch (kind) {
            case "thr": return "throughput (msg/s)";
            case "lat": return "one-way latency (µs)";
            case "lat50": return "round trip p50 (µs)";
            default: return "round trip p99 (µs)";
        }
    }

    private void notes() {
        md.append("## How to read this\n\n")
                .append("- Throughput: a background thread sends as fast as the socket takes messages; the measured "
                        + "thread receives batches of 1000 (one JMH op = one message), like `local_thr`.\n")
                .append("- Latency: the measured thread is the REQ client; a background REP echoes each request.\n")
                .append("- Fan-out: one invocation publishes 1000 messages and waits until every subscriber "
                        + "(one thread each) has received all of them.\n")
                .append("- JeroMQ 0.6.0 has no Unix domain sockets: its `ipc://` is emulated over loopback TCP, "
                        + "so its ipc rows measure TCP. Gannet and libzmq use real Unix domain sockets.\n")
                .append("- In the PUSH/PULL, REQ/REP and fan-out tables both libraries send one constant payload "
                        + "without copying it per message: JeroMQ wraps the `byte[]`, Gannet sends one read-only, "
                        + "unreleasable direct `ByteBuf` holding it; Gannet receives into a reused `Msg`, JeroMQ into "
                        + "a new `byte[]`. That measures the messaging path alone. \"As applications send\" makes a "
                        + "new message per send instead, so it also measures the allocator, across two threads.\n");
        if (MicroTable.present(rows)) {
            md.append("- Micro benchmarks (`io.gannet.benchmarks.micro`) time one component alone, each beside the "
                    + "JeroMQ class that does the same job: `FrameCodec` encodes one ZMTP frame into a reused buffer "
                    + "and decodes frames from one buffer holding 1000; `PipeWriteRead` writes, flushes and reads one "
                    + "message through a pipe on one thread (`roundTrip`) and between two threads (`transfer`: "
                    + "average time per operation of writer and reader, i.e. per message crossing); "
                    + "`SubscriptionMatch` matches a 64-byte message that hits or just misses against 1, 100 or "
                    + "10,000 subscriptions, in the subscriber's filter (`sub*`) and the publisher's per-pipe table "
                    + "(`xpub*`); `MsgLifecycle` creates and releases a message (`reuse` has no JeroMQ twin: JeroMQ "
                    + "makes a new `Msg` per message). Each class's Javadoc says exactly what its twin does.\n");
        }
        md.append("- A \"–\" means that benchmark failed or was not run (see the end of the page).\n\n");
    }

    private boolean chart(Path file, String bench, String title, String yLabel, boolean latency) throws IOException {
        LineChart c = new LineChart(title, "message size (bytes)", yLabel);
        for (String lib : new String[] {"gannet", "jeromq"}) {
            for (String t : TRANSPORTS) {
                List<double[]> pts = new ArrayList<>();
                for (int size : SIZES) {
                    JmhSuite.Row r = find(bench, lib, t, Integer.toString(size));
                    if (r != null && r.score != null) {
                        pts.add(new double[] {size, r.score.median});
                    }
                }
                c.series(("gannet".equals(lib) ? "Gannet " : "JeroMQ ") + t, pts, !"gannet".equals(lib));
            }
        }
        String kind = latency ? "lat" : "thr";
        for (String t : new String[] {"tcp", "ipc"}) {
            List<double[]> pts = new ArrayList<>();
            for (int size : SIZES) {
                Spread z = perf.get("libzmq", t, kind, size);
                if (z != null) {
                    // remote_lat prints one-way latency; the chart shows round trips.
                    pts.add(new double[] {size, latency ? z.median * 2 : z.median});
                }
            }
            c.series("libzmq " + t + " (perf tool)", pts, true);
        }
        if (c.isEmpty()) {
            return false;
        }
        c.write(file);
        return true;
    }
}
