package io.gannet.transports.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.patterns.delivery.Confirm;
import io.gannet.patterns.delivery.Consumer;
import io.gannet.patterns.delivery.Delivery;
import io.gannet.patterns.delivery.Message;
import io.gannet.patterns.delivery.Producer;
import io.gannet.transports.interop.LibzmqAvailability;
import io.gannet.transports.interop.LibzmqPeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire protocol is simple enough to write from its page: a pyzmq (libzmq) consumer and
 * producer, written from docs/acknowledged-delivery-protocol.md, talk to Gannet's over tcp.
 */
class PythonPeerInteropTest {
    @TempDir
    static Path scripts;

    @BeforeAll
    static void requirePython() {
        LibzmqAvailability.require();
    }

    private static Process python(String script, String... args) throws IOException {
        Path file = scripts.resolve(script);
        if (!Files.exists(file)) {
            try (InputStream in = PythonPeerInteropTest.class.getResourceAsStream("/reliable/" + script)) {
                Files.copy(in, file);
            }
        }
        List<String> command = new ArrayList<>(List.of(LibzmqPeer.PYTHON, "-u", "-B", file.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void aPythonConsumerAcknowledgesGannetsDeliveries() throws Exception {
        pythonConsumer(false);
    }

    @Test
    void aPythonConsumerWithTheBatchFeatureTakesPackedDeliveries() throws Exception {
        pythonConsumer(true);
    }

    private void pythonConsumer(boolean batch) throws Exception {
        try (Context ctx = new Context(); Producer producer = Producer.builder(ctx).name("java").build()) {
            String endpoint = producer.bind("tcp://127.0.0.1:*");
            List<CompletableFuture<Confirm>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(producer.publish(Message.of("m" + i).withHeader("n", Integer.toString(i))));
            }
            Process py = batch ? python("ad_consumer.py", endpoint, "200", "7", "batch")
                    : python("ad_consumer.py", endpoint, "200", "7");
            String granted = null;
            Set<String> got = new HashSet<>();
            String done = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.startsWith("GOT ")) {
                        String[] f = line.split(" ");
                        got.add(f[1]);
                        assertEquals("n=" + f[3].substring(1), f[4], "headers arrive as name/value frames");
                    } else if (line.startsWith("GRANTED")) {
                        granted = line;
                    } else if (line.startsWith("DONE")) {
                        done = line;
                    }
                }
            } finally {
                assertTrue(py.waitFor(60, TimeUnit.SECONDS), "python consumer did not finish");
            }
            assertEquals(0, py.exitValue());
            assertEquals("DONE 200", done);
            assertEquals(200, got.size());
            assertEquals(batch ? "GRANTED 7" : null, granted, "the producer confirms a batch consumer's prefetch");
            for (CompletableFuture<Confirm> f : futures) {
                assertTrue(f.get(10, TimeUnit.SECONDS).acknowledged());
            }
        }
    }

    @Test
    void gannetsConsumerAcknowledgesAPythonProducersDeliveries() throws Exception {
        Process py = python("ad_producer.py", "200");
        try (Context ctx = new Context(); Consumer consumer = Consumer.builder(ctx).prefetch(5).build();
                BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
            String bound = out.readLine();
            assertTrue(bound != null && bound.startsWith("BOUND "), "python producer said " + bound);
            consumer.connect(bound.substring(6));
            Set<String> ids = new HashSet<>();
            while (ids.size() < 200) {
                Delivery d = consumer.receive(Duration.ofSeconds(30));
                assertTrue(d != null, "no delivery from the python producer after " + ids.size());
                assertEquals("body-" + d.id(), d.bodyText());
                assertEquals(d.id().substring(3), d.headers().get("n"));
                ids.add(d.id());
                d.ack();
            }
            assertEquals("CONFIRMED 200", out.readLine());
            assertTrue(py.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, py.exitValue());
            assertTrue(consumer.stats().maxUnsettledPerProducer() <= 5);
        } finally {
            py.destroyForcibly();
        }
    }
}
