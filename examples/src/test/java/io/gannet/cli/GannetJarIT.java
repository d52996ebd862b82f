package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged {@code target/gannet.jar} as users do ({@code java -jar}): proves the jar
 * is self-contained and that the ServiceLoader registrations of every module were merged.
 */
class GannetJarIT {
    private static final Path JAR = Path.of("target", "gannet.jar");

    private static String[] run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gannet did not finish");
        return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8)};
    }

    @Test
    void jarRunsTheToolWithoutAClassPath() throws Exception {
        assertTrue(Files.exists(JAR), JAR + " missing: run 'mvn package' first");
        String[] r = run("--help");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("usage: gannet COMMAND"), r[1]);
    }

    @Test
    void jarPrintsItsVersionAndNothingOnStderr() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");    // as the gannet script does
        }
        cmd.addAll(List.of("-jar", JAR.toString(), "--version"));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gannet did not finish");
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.matches("gannet \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out);
        // The jar ships slf4j-simple: no "No SLF4J providers were found" warning, nor any other.
        assertEquals("", err);
    }

    @Test
    void jarFindsTheSocketTypesThroughServiceLoader() throws Exception {
        String[] r = run("perf", "thr", "--endpoint", "inproc://jar", "--count", "1000");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("message count: 1000"), r[1]);
    }

    @Test
    void jarRunsTheDemoOverTcp() throws Exception {
        String[] r = run("demo", "--duration", "200ms");
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("tasks through the pipeline"), r[1]);
    }

    @Test
    void jarRunsAnExampleFromTheClassPath() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toString(), "io.gannet.examples.ProtobufMessages", "inproc://orders", "10");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("received 10 orders"), out);
    }
}
