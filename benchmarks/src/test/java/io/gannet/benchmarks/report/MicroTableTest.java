package io.gannet.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroTableTest {

    private static JmhSuite.Row row(String suite, String benchmark, String lib, String param, String value,
            double median, Double alloc) {
        Map<String, String> params = new TreeMap<>();
        if (lib != null) {
            params.put("lib", lib);
        }
        if (param != null) {
            params.put(param, value);
        }
        Spread score = Spread.of(List.of(median - 1, median, median + 1));
        return new JmhSuite.Row(suite, benchmark, params, score, null, median, alloc);
    }

    @Test
    void pairsEachGannetResultWithItsJeromqTwin() {
        List<JmhSuite.Row> rows = List.of(
                row("micro", "FrameCodec.encode", "gannet", "size", "64", 10.0, 0.0),
                row("micro", "FrameCodec.encode", "jeromq", "size", "64", 20.0, 48.0),
                row("micro", "FrameCodec.encode", "gannet", "size", "1024", 30.0, 0.0),
                row("micro", "MsgLifecycle.reuse", null, "size", "64", 15.0, 0.0),
                row("micro", "PipeWriteRead.transfer", "jeromq", null, null, 40.0, null));
        StringBuilder md = new StringBuilder();
        MicroTable.append(md, rows);
        String page = md.toString();
        assertTrue(page.startsWith("## Micro benchmarks"), page);
        assertTrue(page.contains("| FrameCodec.encode | size=64 | 10.0 [9.00–11.0] | 20.0 [19.0–21.0] | 0.50× | 0.0 | 48 |\n"),
                page);
        assertTrue(page.contains("| FrameCodec.encode | size=1024 | 30.0 [29.0–31.0] | – | – | 0.0 | – |\n"), page);
        assertTrue(page.contains("| MsgLifecycle.reuse | size=64 | 15.0 [14.0–16.0] | – | – | 0.0 | – |\n"), page);
        assertTrue(page.contains("| PipeWriteRead.transfer | – | – | 40.0 [39.0–41.0] | – | – | – |\n"), page);
        long tableLines = page.lines().filter(l -> l.startsWith("| ")).count();
        assertEquals(1 + 4, tableLines, "the header and one line per benchmark and parameter set");
    }

    @Test
    void pageGetsTheSectionAndItsNoteOnlyWithMicroResults(@TempDir Path dir) throws Exception {
        List<JmhSuite.Row> rows = new ArrayList<>();
        rows.add(row("e2e", "PushPullThroughput.pull", "gannet", "size", "64", 1e6, 0.0));
        Path without = dir.resolve("without.md");
        new ReportWriter(rows, new PerfResults()).write(without, List.of("header"), "");
        String plain = Files.readString(without);
        assertFalse(plain.contains("Micro benchmarks"), plain);
        assertFalse(plain.contains("io.gannet.benchmarks.micro"), plain);

        rows.add(row("micro", "SubscriptionMatch.subHit", "gannet", "subscriptions", "100", 12.0, 0.0));
        Path with = dir.resolve("with.md");
        new ReportWriter(rows, new PerfResults()).write(with, List.of("header"), "");
        String page = Files.readString(with);
        assertTrue(page.contains("| SubscriptionMatch.subHit | subscriptions=100 | 12.0 [11.0–13.0] | – |"), page);
        assertTrue(page.contains("- Micro benchmarks (`io.gannet.benchmarks.micro`)"), page);
        assertTrue(page.indexOf("## Micro benchmarks") < page.indexOf("## How to read this"), page);
    }
}
