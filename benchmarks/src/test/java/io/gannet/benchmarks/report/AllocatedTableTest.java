package io.gannet.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AllocatedTableTest {

    private static JmhSuite.Row row(String api, String transport, double median, Double alloc) {
        Map<String, String> params = new TreeMap<>();
        params.put("api", api);
        params.put("transport", transport);
        params.put("size", "64");
        Spread score = Spread.of(List.of(median - 1, median, median + 1));
        return new JmhSuite.Row("e2e", "AllocatedPushPull.pull", params, score, null, median, alloc);
    }

    @Test
    void putsBothGannetPathsBesideJeromqWithTheirRatios() {
        List<JmhSuite.Row> rows = List.of(
                row("pooled", "inproc", 30.0, 0.0),
                row("bytes", "inproc", 20.0, 150.0),
                row("jeromq", "inproc", 10.0, 120.0),
                row("pooled", "tcp", 8.0, 0.0));
        StringBuilder md = new StringBuilder();
        AllocatedTable.append(md, rows);
        String page = md.toString();
        assertTrue(page.startsWith("## PUSH/PULL as applications send"), page);
        assertTrue(page.contains("| inproc | 64 | 30.0 [29.0–31.0] | 20.0 [19.0–21.0] | 10.0 [9.00–11.0] | 3.00× | 2.00× "
                + "| 0.0 | 150 | 120 |\n"), page);
        assertTrue(page.contains("| tcp | 64 | 8.00 [7.00–9.00] | – | – | – | – | 0.0 | – | – |\n"), page);
        assertEquals(2 + 1, page.lines().filter(l -> l.startsWith("| ")).count(), "the header and two lines");
    }

    @Test
    void addsNothingWhenTheBenchmarkDidNotRun() {
        StringBuilder md = new StringBuilder();
        AllocatedTable.append(md, List.of());
        assertEquals("", md.toString());
    }
}
