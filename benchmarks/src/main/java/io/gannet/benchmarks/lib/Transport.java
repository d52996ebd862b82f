package io.gannet.benchmarks.lib;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transports a benchmark can run over, with the helpers that make fresh endpoints:
 * a unique {@code inproc} name and an {@code ipc} path in a fresh temporary directory.
 * Ephemeral tcp ports are library specific and live in each {@link BenchSocket}.
 */
public enum Transport {
    INPROC, IPC, TCP;

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Parses a JMH parameter value ({@code inproc}, {@code ipc}, {@code tcp}). */
    public static Transport of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** A name no other benchmark socket in this JVM uses. */
    public static String uniqueName() {
        return "gannet-bench-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    /** {@code inproc://<unique>}. */
    public static String inprocEndpoint() {
        return "inproc://" + uniqueName();
    }

    /**
     * {@code ipc://<fresh temp dir>/<unique>.ipc}. The directory is deleted when the JVM
     * exits; the socket file goes with it.
     */
    public static String ipcEndpoint() {
        try {
            Path dir = Files.createTempDirectory("gannet-bench");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve(uniqueName() + ".ipc");
            file.toFile().deleteOnExit();
            return "ipc://" + file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for ipc", e);
        }
    }
}
