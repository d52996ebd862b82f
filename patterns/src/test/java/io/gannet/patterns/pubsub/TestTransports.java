package io.gannet.patterns.pubsub;

import io.gannet.Socket;
import io.gannet.testing.TestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The transports the pub-sub behaviour tests run over. To run them over another transport,
 * add its scheme to {@link #schemes()} (and the transports module to the test class path).
 */
final class TestTransports {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestTransports() {
    }

    /** Source for {@code @MethodSource("io.gannet.patterns.pubsub.TestTransports#schemes")}. */
    static Stream<String> schemes() {
        return TestSupport.TRANSPORTS.stream();
    }

    /** Binds {@code s} to a fresh endpoint of {@code scheme}; returns the endpoint to connect to. */
    static String bind(Socket s, String scheme) {
        switch (scheme) {
            case "inproc":
                s.bind("inproc://pubsub-" + NEXT.incrementAndGet());
                break;
            case "tcp":
                s.bind("tcp://127.0.0.1:*");
                break;
            case "ipc":
                try {
                    Path dir = Files.createTempDirectory("gannet-pubsub");
                    dir.toFile().deleteOnExit();
                    s.bind("ipc://" + dir.resolve("s").toAbsolutePath());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                break;
            default:
                throw new IllegalArgumentException(scheme);
        }
        return s.lastEndpoint();
    }

    /**
     * How many messages a transport may hold beyond the high-water marks (kernel buffers); a
     * slow subscriber may receive that many more than the marks allow before drops show.
     */
    static int bufferedBeyondHwm(String scheme) {
        return scheme.equals("inproc") ? 0 : 10_000;
    }
}
