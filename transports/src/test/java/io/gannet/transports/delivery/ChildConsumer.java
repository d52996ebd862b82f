package io.gannet.transports.delivery;

import io.gannet.Context;
import io.gannet.patterns.delivery.Consumer;
import io.gannet.patterns.delivery.Delivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.util.concurrent.CountDownLatch;

/**
 * A consumer in a JVM of its own, for tests that kill it with SIGKILL: it prints
 * {@code P <id> <deliveryCount>} for each delivery it processes, before it acks it, so the
 * parent's books hold everything a consumer may have done before it died.
 *
 * <p>usage: ChildConsumer ENDPOINT...
 */
public final class ChildConsumer {
    private ChildConsumer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        try (Context ctx = new Context();
                Consumer c = Consumer.builder(ctx).prefetch(64)
                        .heartbeat(Duration.ofMillis(100), Duration.ofMillis(500)).build()) {
            for (String endpoint : args) {
                c.connect(endpoint);
            }
            out.println("STARTED");
            while (true) {
                Delivery d = c.receive(Duration.ofSeconds(1));
                if (d != null) {
                    out.println("P " + d.id() + " " + d.deliveryCount());
                    if (out.checkError()) {
                        // The parent's books did not get the line (PrintStream hides the error): never ack unrecorded work.
                        System.exit(3);
                    }
                    d.ack();
                }
            }
        }
    }

    /** Starts a child JVM running this class with the test's own class and module path. */
    static Process start(List<String> endpoints) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        String modulePath = System.getProperty("jdk.module.path", "");
        cmd.add(System.getProperty("java.class.path") + (modulePath.isEmpty() ? "" : File.pathSeparator + modulePath));
        cmd.add(ChildConsumer.class.getName());
        cmd.addAll(endpoints);
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads a child's {@code P} lines into {@code ledger} until its stdout ends (it died); counts {@code started} down when it is up. */
    static Thread reader(Process child, Ledger ledger, CountDownLatch started) {
        Thread t = new Thread(() -> {
            try (InputStream in = child.getInputStream();
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    int space = line.lastIndexOf(' ');
                    if (line.startsWith("P ") && space > 2) {
                        try {
                            ledger.processed(line.substring(2, space), Integer.parseInt(line.substring(space + 1)));
                            continue;
                        } catch (NumberFormatException e) {
                            // Reported below with the other unexpected lines.
                        }
                    }
                    if (line.equals("STARTED")) {
                        started.countDown();
                    } else {
                        System.err.println("child consumer said: " + line);
                    }
                }
            } catch (IOException e) {
                // The child is gone; what it printed has been read.
            }
        }, "child-consumer-reader");
        t.start();
        return t;
    }
}
