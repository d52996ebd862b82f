package io.gannet.benchmarks.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A median with its spread (minimum and maximum) over repeated measurements: JMH iterations
 * or repeated perf-tool runs. Immutable.
 */
final class Spread {
    final double median;
    final double min;
    final double max;
    final int samples;

    private Spread(double median, double min, double max, int samples) {
        this.median = median;
        this.min = min;
        this.max = max;
        this.samples = samples;
    }

    /** The spread of {@code values}, or null when there are none. */
    static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        Arrays.sort(v);
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Spread(median, v[0], v[n - 1], n);
    }

    /** "1.23 M [1.20–1.25]" style text for a table cell. */
    String cell() {
        return human(median) + " [" + human(min) + "–" + human(max) + "]";
    }

    /** A number with k/M/G suffixes and three significant digits. */
    static String human(double x) {
        double a = Math.abs(x);
        if (a >= 1e9) {
            return sig(x / 1e9) + " G";
        } else if (a >= 1e6) {
            return sig(x / 1e6) + " M";
        } else if (a >= 1e4) {
            return sig(x / 1e3) + " k";
        }
        return sig(x);
    }

    private static String sig(double x) {
        double a = Math.abs(x);
        String fmt = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, fmt, x);
    }

    /** "a / b" as text ("0.84×"), or "–" when either side is missing. */
    static String ratio(Spread a, Spread b) {
        if (a == null || b == null || b.median == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", a.median / b.median);
    }
}
