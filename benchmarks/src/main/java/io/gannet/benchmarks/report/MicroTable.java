package io.gannet.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Micro benchmarks" section of the report: one line per micro benchmark and parameter
 * set, Gannet beside its JeroMQ twin (the same parameters but {@code lib}), in nanoseconds
 * per operation, with the bytes each allocates per operation. Benchmarks without a twin
 * (no {@code lib} parameter) fill the Gannet columns only. One thread.
 */
final class MicroTable {
    private static final String SUITE = "micro";

    private MicroTable() {
    }

    /** Whether {@code rows} hold any micro benchmark result. */
    static boolean present(List<JmhSuite.Row> rows) {
        for (JmhSuite.Row r : rows) {
            if (SUITE.equals(r.suite)) {
                return true;
            }
        }
        return false;
    }

    /** Appends the section to {@code md}; nothing when there are no micro results. */
    static void append(StringBuilder md, List<JmhSuite.Row> rows) {
        // Key: benchmark and parameters other than lib; value: {Gannet, JeroMQ}. Run order kept.
        Map<String, JmhSuite.Row[]> twins = new LinkedHashMap<>();
        for (JmhSuite.Row r : rows) {
            if (!SUITE.equals(r.suite)) {
                continue;
            }
            JmhSuite.Row[] pair = twins.computeIfAbsent(r.benchmark + " | " + params(r), k -> new JmhSuite.Row[2]);
            pair["jeromq".equals(r.param("lib")) ? 1 : 0] = r;
        }
        if (twins.isEmpty()) {
            return;
        }
        md.append("## Micro benchmarks (JMH, nanoseconds per operation)\n\n")
                .append("One component at a time, with no socket around it (see \"How to read this\"). Median of the "
                        + "measurement iterations, [min–max]; ratios below 1 mean Gannet is faster. Alloc: bytes "
                        + "allocated per operation (`gc.alloc.rate.norm`, median of the iterations).\n\n")
                .append("| benchmark | params | Gannet (ns) | JeroMQ (ns) | Gannet/JeroMQ | alloc Gannet | alloc JeroMQ |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, JmhSuite.Row[]> e : twins.entrySet()) {
            JmhSuite.Row g = e.getValue()[0];
            JmhSuite.Row j = e.getValue()[1];
            JmhSuite.Row any = g != null ? g : j;
            String p = params(any);
            md.append("| ").append(any.benchmark).append(" | ").append(p.isEmpty() ? "–" : p).append(" | ")
                    .append(cell(g)).append(" | ").append(cell(j)).append(" | ")
                    .append(Spread.ratio(g == null ? null : g.score, j == null ? null : j.score)).append(" | ")
                    .append(ReportWriter.alloc(g)).append(" | ").append(ReportWriter.alloc(j)).append(" |\n");
        }
        md.append('\n');
    }

    /** The parameters but {@code lib}, {@code size=64, subscriptions=100}, in name order. */
    private static String params(JmhSuite.Row r) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : r.params.entrySet()) {
            if (e.getKey().equals("lib")) {
                continue;
            }
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    private static String cell(JmhSuite.Row r) {
        return r == null || r.score == null ? "–" : r.score.cell();
    }
}
