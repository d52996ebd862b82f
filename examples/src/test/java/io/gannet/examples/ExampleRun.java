package io.gannet.examples;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs an example's {@code main} as a user would and returns what it printed (not echoed: a failing assertion shows it). */
final class ExampleRun {
    /** An example must finish by itself; this only stops a hung one failing the whole build. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    interface Main {
        void main(String[] args) throws Exception;
    }

    private ExampleRun() {
    }

    static String output(Main main, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(LIMIT, () -> main.main(args));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        return out;
    }

    /** A unique inproc endpoint per test, so tests never share names. */
    static String inproc(String name) {
        return "inproc://" + name + "-" + System.nanoTime();
    }
}
