package io.gannet.transports.delivery;

import io.gannet.Context;
import io.gannet.patterns.delivery.FsyncPolicy;
import io.gannet.patterns.delivery.Message;
import io.gannet.patterns.delivery.Producer;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A producer with a durable outbox in a JVM of its own, for a test that kills it with SIGKILL.
 * It publishes messages {@code m-FROM} to {@code m-(TO-1)} to a consumer that bound ENDPOINT,
 * prints {@code A <i>} when the publish of message i has returned and {@code F <i>} when a
 * {@link Producer#flush()} after it has returned (everything up to i is in the file), and
 * {@code DONE} once every message is confirmed.
 *
 * <p>usage: ChildProducer FILE ENDPOINT FROM TO
 */
public final class ChildProducer {
    private static final int FLUSH_EVERY = 100;

    private ChildProducer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int from = Integer.parseInt(args[2]);
        int to = Integer.parseInt(args[3]);
        try (Context ctx = new Context();
                Producer p = Producer.builder(ctx).name("durable").durableOutbox(Path.of(args[0]), FsyncPolicy.OS)
                        .heartbeat(Duration.ofMillis(100), Duration.ofMillis(500)).build()) {
            out.println("R " + p.recovered());
            p.connect(args[1]);
            for (int i = from; i < to; i++) {
                try {
                    p.publish(Message.of(("body-" + i).getBytes(StandardCharsets.UTF_8)).withId("m-" + i));
                } catch (IllegalArgumentException recoveredAlready) {
                    // The killed run stored it (and the file kept it) before it could say so: it is in the outbox.
                }
                out.println("A " + i);
                if ((i + 1) % FLUSH_EVERY == 0 || i == to - 1) {
                    p.flush();
                    out.println("F " + i);
                }
            }
            if (!p.awaitConfirms(Duration.ofSeconds(120))) {
                out.println("UNCONFIRMED " + p.stats());
                System.exit(2);
            }
            out.println("DONE");
        }
    }

    /** Starts a child JVM running this class with the test's own class and module path. */
    static Process start(Path file, String endpoint, int from, int to) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        String modulePath = System.getProperty("jdk.module.path", "");
        cmd.add(System.getProperty("java.class.path") + (modulePath.isEmpty() ? "" : File.pathSeparator + modulePath));
        cmd.add(ChildProducer.class.getName());
        cmd.addAll(List.of(file.toString(), endpoint, Integer.toString(from), Integer.toString(to)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
