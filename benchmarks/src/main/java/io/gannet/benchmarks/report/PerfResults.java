package io.gannet.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Perf-tool results keyed by library, transport, kind ({@code thr}, {@code lat} one-way mean,
 * {@code lat50}/{@code lat99} round-trip percentiles) and
 * message size. Filled by {@link Compare}, read by {@link ReportWriter}; one thread.
 */
final class PerfResults {
    /** The libraries, in table order. */
    static final String[] LIBRARIES = {"gannet", "jeromq", "libzmq"};

    private final Map<String, Spread> values = new LinkedHashMap<>();

    void put(String lib, String transport, String kind, int size, Spread value) {
        values.put(key(lib, transport, kind, size), value);
    }

    /** The spread, or null when the tool failed or was not run. */
    Spread get(String lib, String transport, String kind, int size) {
        return values.get(key(lib, transport, kind, size));
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    private static String key(String lib, String transport, String kind, int size) {
        return lib + "/" + transport + "/" + kind + "/" + size;
    }
}
