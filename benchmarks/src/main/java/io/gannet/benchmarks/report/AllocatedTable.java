package io.gannet.benchmarks.report;

import java.util.List;

/**
 * The "As applications send" section of the report ({@code e2e.AllocatedPushPull}): a new
 * message per send, made by the sender and disposed of by the receiver on another thread,
 * for Gannet's zero-copy path ({@code pooled}), its copying path ({@code bytes}) and JeroMQ,
 * with each Gannet path's ratio to JeroMQ and the bytes each allocates per message.
 */
final class AllocatedTable {
    private static final String BENCH = "AllocatedPushPull";

    private AllocatedTable() {
    }

    /** Appends the section to {@code md}; nothing when the benchmark did not run. */
    static void append(StringBuilder md, List<JmhSuite.Row> rows) {
        StringBuilder table = new StringBuilder();
        for (String t : new String[] {"inproc", "ipc", "tcp"}) {
            for (String size : new String[] {"1", "64", "1024", "65536"}) {
                JmhSuite.Row pooled = find(rows, "pooled", t, size);
                JmhSuite.Row bytes = find(rows, "bytes", t, size);
                JmhSuite.Row jeromq = find(rows, "jeromq", t, size);
                if (pooled == null && bytes == null && jeromq == null) {
                    continue;
                }
                table.append("| ").append(t).append(" | ").append(size).append(" | ").append(cell(pooled))
                        .append(" | ").append(cell(bytes)).append(" | ").append(cell(jeromq)).append(" | ")
                        .append(Spread.ratio(score(pooled), score(jeromq))).append(" | ")
                        .append(Spread.ratio(score(bytes), score(jeromq))).append(" | ")
                        .append(ReportWriter.alloc(pooled)).append(" | ").append(ReportWriter.alloc(bytes))
                        .append(" | ").append(ReportWriter.alloc(jeromq)).append(" |\n");
            }
        }
        if (table.length() == 0) {
            return;
        }
        md.append("## PUSH/PULL as applications send (JMH, messages/s, a new message per send)\n\n")
                .append("The sender makes every message and the receiver disposes of it, on another thread. "
                        + "Pooled: `send(context.alloc().directBuffer(n).writeBytes(payload))` and `recv(msg)` into "
                        + "one reused `Msg` (the zero-copy path the guide recommends); bytes: `send(byte[])` and "
                        + "`recvBytes()`, a copy at each end; JeroMQ: `send(byte[])` and `recv()`. Median of the "
                        + "measurement iterations, [min–max]. Alloc: bytes allocated per message by all threads.\n\n")
                .append("| transport | size (B) | Gannet pooled | Gannet bytes | JeroMQ | pooled/JeroMQ | bytes/JeroMQ "
                        + "| alloc pooled | alloc bytes | alloc JeroMQ |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                .append(table).append('\n');
    }

    private static JmhSuite.Row find(List<JmhSuite.Row> rows, String api, String transport, String size) {
        for (JmhSuite.Row r : rows) {
            if (r.benchmark.startsWith(BENCH) && api.equals(r.param("api")) && transport.equals(r.param("transport"))
                    && size.equals(r.param("size"))) {
                return r;
            }
        }
        return null;
    }

    private static String cell(JmhSuite.Row r) {
        return r == null || r.score == null ? "–" : r.score.cell();
    }

    private static Spread score(JmhSuite.Row r) {
        return r == null ? null : r.score;
    }
}
