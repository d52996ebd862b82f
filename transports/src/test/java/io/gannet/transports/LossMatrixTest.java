package io.gannet.transports;

import io.gannet.Context;
import io.gannet.transports.interop.ClosingPeer;
import io.gannet.transports.interop.GannetClosingPeer;
import io.gannet.transports.interop.LossPattern;
import io.gannet.transports.interop.LossPayload;
import io.gannet.transports.interop.LossRounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loss matrix with Gannet on both sides: a Gannet peer sends N messages (or answers N
 * requests) and closes with LINGER 5000; the receiving Gannet socket must get all N, whole
 * and in order. Over tcp and ipc the peer lives in its own {@link Context} per round, closed
 * after its socket (that close waits for LINGER's flush); over inproc it shares the test's
 * context and closes its socket right after sending. Both sides take turns binding. The
 * libzmq counterpart is {@code LossMatrixInteropTest}; {@link LossRounds} has the rules.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LossMatrixTest {
    /** Which side binds. */
    enum Gannet { CONNECTS, BINDS }

    private static int inprocNames;
    private Path ipcDir;

    @BeforeEach
    void ipcDirectory() throws IOException {
        // Short, under /tmp: a Unix socket path must fit in 107 bytes.
        ipcDir = Files.createTempDirectory(Path.of("/tmp"), "gnt");
    }

    @AfterEach
    void removeIpcDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(ipcDir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Gannet side : Gannet.values()) {
            for (LossPattern pattern : LossPattern.values()) {
                for (String transport : new String[] {"tcp", "ipc", "inproc"}) {
                    for (LossPayload payload : LossPayload.values()) {
                        cases.add(Arguments.of(side, pattern, transport, payload));
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "gannet {0} {1} {2} {3}")
    @MethodSource("cases")
    void everyMessageOfAClosingGannetPeerArrives(Gannet side, LossPattern pattern, String transport, LossPayload payload) {
        IntFunction<String> endpoints = endpoints(transport);
        boolean inproc = "inproc".equals(transport);
        try (Context ctx = new Context()) {
            // The peer is closed (its round threads joined) before the context it may share.
            try (ClosingPeer peer = new GannetClosingPeer(inproc ? ctx : null, pattern, payload,
                    side == Gannet.CONNECTS ? endpoints : null)) {
                LossRounds.assertNothingLost(ctx, pattern, payload, peer, side == Gannet.BINDS ? endpoints : null);
            }
        }
    }

    private IntFunction<String> endpoints(String transport) {
        switch (transport) {
            case "tcp":
                return r -> "tcp://127.0.0.1:*";
            case "ipc":
                return r -> "ipc://" + ipcDir.resolve("loss-" + r);
            default:
                int name = nextInprocName();
                return r -> "inproc://loss-" + name + "-" + r;
        }
    }

    private static synchronized int nextInprocName() {
        return inprocNames++;
    }
}
