package io.gannet.benchmarks.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the end-to-end, baseline and micro JMH benchmarks in forked JVMs with the GC profiler and
 * turns each result into a {@link Row}: the median and spread of the per-iteration scores
 * (for sampled latency: of the per-iteration p50 and p99) and the bytes allocated per
 * operation. Benchmarks that fail (a transport not there yet) are simply absent.
 */
final class JmhSuite {
    /** One benchmark with one set of parameters. */
    static final class Row {
        /** The benchmark's package under {@code io.gannet.benchmarks}: e2e, baseline or micro. */
        final String suite;
        /** Class and method, {@code PushPullThroughput.pull}. */
        final String benchmark;
        final Map<String, String> params;
        final Spread score;
        final Spread p99;
        final double mean;
        final Double allocPerOp;

        Row(String suite, String benchmark, Map<String, String> params, Spread score, Spread p99, double mean,
                Double allocPerOp) {
            this.suite = suite;
            this.benchmark = benchmark;
            this.params = params;
            this.score = score;
            this.p99 = p99;
            this.mean = mean;
            this.allocPerOp = allocPerOp;
        }

        String param(String name) {
            return params.get(name);
        }
    }

    /** Settings of one JMH run. */
    static final class Settings {
        int forks = 1;
        int warmupIterations = 2;
        int warmupSeconds = 1;
        int iterations = 3;
        int iterationSeconds = 1;
        String include = "io.gannet.benchmarks.(e2e|baseline|micro)..*";
        String resultFile;
        /** Parameter overrides, {@code name=v1,v2;name2=v3}; empty for the benchmarks' own. */
        String params = "";
    }

    private JmhSuite() {
    }

    /** Runs JMH with {@code s} and returns one row per benchmark and parameter set. */
    static List<Row> run(Settings s) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(s.include)
                .forks(s.forks)
                .warmupIterations(s.warmupIterations)
                .warmupTime(TimeValue.seconds(s.warmupSeconds))
                .measurementIterations(s.iterations)
                .measurementTime(TimeValue.seconds(s.iterationSeconds))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(false);
        for (String p : s.params.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                options.param(p.substring(0, eq).trim(), p.substring(eq + 1).trim().split(","));
            }
        }
        if (s.resultFile != null) {
            options.result(s.resultFile).resultFormat(ResultFormatType.JSON);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            rows.add(toRow(r));
        }
        return rows;
    }

    private static Row toRow(RunResult r) {
        String full = r.getParams().getBenchmark();
        int classStart = full.lastIndexOf('.', full.lastIndexOf('.') - 1);
        String name = full.substring(classStart + 1);
        String suite = full.substring(full.lastIndexOf('.', classStart - 1) + 1, classStart);
        Map<String, String> params = new TreeMap<>();
        for (String key : r.getParams().getParamsKeys()) {
            params.put(key, r.getParams().getParam(key));
        }
        boolean sampled = r.getParams().getMode() == Mode.SampleTime;
        List<Double> scores = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> allocs = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult it : b.getIterationResults()) {
                Result<?> itAlloc = it.getSecondaryResults().get("gc.alloc.rate.norm");
                if (itAlloc != null) {
                    allocs.add(itAlloc.getScore());
                }
                if (sampled) {
                    scores.add(it.getPrimaryResult().getStatistics().getPercentile(50));
                    p99s.add(it.getPrimaryResult().getStatistics().getPercentile(99));
                } else {
                    scores.add(it.getPrimaryResult().getScore());
                }
            }
        }
        // The median, like the scores: JMH's mean charges the last iteration with what the
        // trial's tear-down allocates (closing the sockets and the context, ~150 KB), which
        // at 50 k messages/s reads as several bytes per message.
        Spread alloc = Spread.of(allocs);
        return new Row(suite, name, params, Spread.of(scores), sampled ? Spread.of(p99s) : null,
                r.getPrimaryResult().getScore(), alloc == null ? null : alloc.median);
    }
}
