package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ContextClosedException;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Proxy;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in proxy over a PULL -> PUSH streamer: producer PUSH -> [PULL frontend | proxy |
 * PUSH backend] -> worker PULL. (ROUTER/DEALER and XSUB/XPUB proxies come with those types.)
 */
class ProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Context ctx;
    private Socket producer;
    private Socket frontend;
    private Socket backend;
    private Socket worker;
    private final AtomicReference<Throwable> proxyThrew = new AtomicReference<>();

    @BeforeEach
    void streamer() {
        ctx = new Context();
        frontend = ctx.socket(SocketType.PULL);
        backend = ctx.socket(SocketType.PUSH);
        String in = TestSupport.inproc();
        String out = TestSupport.inproc();
        frontend.bind(in);
        backend.bind(out);
        producer = ctx.socket(SocketType.PUSH);
        producer.connect(in);
        worker = ctx.socket(SocketType.PULL);
        worker.connect(out);
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    private Thread startProxy(Socket capture, Socket control) {
        return TestSupport.start("proxy", () -> {
            try {
                Proxy.start(frontend, backend, capture, control);
            } catch (Throwable e) {
                proxyThrew.set(e);
            }
        });
    }

    /** A control PAIR for the proxy and the test's end of it. */
    private Socket[] controlPair() {
        String ep = TestSupport.inproc();
        Socket proxySide = ctx.socket(SocketType.PAIR);
        proxySide.bind(ep);
        Socket ours = ctx.socket(SocketType.PAIR);
        ours.connect(ep);
        return new Socket[] {proxySide, ours};
    }

    private List<String> recvStrings(Socket s) {
        s.set(SocketOption.RCVTIMEO, 5000);
        Multipart m = s.recvMultipart();
        if (m == null) {
            throw new AssertionError("nothing arrived; the proxy threw " + proxyThrew.get(), proxyThrew.get());
        }
        try (m) {
            return m.strings();
        }
    }

    @Test
    void movesWholeMessagesUntilTheContextCloses() throws Exception {
        Thread proxy = startProxy(null, null);
        for (int i = 0; i < 200; i++) {
            assertTrue(producer.send(Multipart.of("m" + i, "part two", "part three")));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(List.of("m" + i, "part two", "part three"), recvStrings(worker));
        }
        ctx.close();
        TestSupport.join(proxy);
        assertInstanceOf(ContextClosedException.class, proxyThrew.get(), "zmq_proxy's ETERM");
    }

    @Test
    void captureGetsACopyOfEveryFrame() throws Exception {
        String capEp = TestSupport.inproc();
        Socket capture = ctx.socket(SocketType.PUSH);
        capture.bind(capEp);
        Socket tap = ctx.socket(SocketType.PULL);
        tap.connect(capEp);
        startProxy(capture, null);
        producer.send(Multipart.of("a", "b"));
        producer.send("c");
        assertEquals(List.of("a", "b"), recvStrings(worker));
        assertEquals(List.of("c"), recvStrings(worker));
        try (Msg m = tap.recv(WAIT)) {
            assertEquals("a", m.string());
            assertTrue(m.hasMore());
        }
        try (Msg m = tap.recv(WAIT)) {
            assertEquals("b", m.string());
            assertFalse(m.hasMore());
        }
        assertEquals(List.of("c"), recvStrings(tap));
    }

    @Test
    void pauseStopsTheFlowAndResumeRestartsIt() throws Exception {
        Socket[] control = controlPair();
        Thread proxy = startProxy(null, control[0]);
        control[1].send("PAUSE");
        statistics(control[1]); // answered after PAUSE took effect: commands run in order
        producer.send("while paused");
        assertNull(worker.recv(Duration.ofMillis(100)), "nothing moves while paused");
        control[1].send("RESUME");
        assertEquals(List.of("while paused"), recvStrings(worker));
        control[1].send("TERMINATE");
        TestSupport.join(proxy);
        assertNull(proxyThrew.get(), "TERMINATE returns normally");
    }

    @Test
    void statisticsCountMessagesAndBytesPerSide() throws Exception {
        Socket[] control = controlPair();
        Thread proxy = startProxy(null, control[0]);
        producer.send(Multipart.of("abc", "de"));
        producer.send("fghij");
        producer.send("");
        assertEquals(List.of("abc", "de"), recvStrings(worker));
        assertEquals(List.of("fghij"), recvStrings(worker));
        assertEquals(List.of(""), recvStrings(worker));
        long[] stats = statistics(control[1]);
        // frontend in: 3 messages, 10 bytes; frontend out: none; backend in: none; backend out: 3, 10.
        assertArrayEquals(new long[] {3, 10, 0, 0, 0, 0, 3, 10}, stats);
        control[1].send("TERMINATE");
        TestSupport.join(proxy);
        assertNull(proxyThrew.get());
    }

    @Test
    void aFullBackendDoesNotBlockTheControlSocket() throws Exception {
        worker.close(); // the backend has no peer: nothing can leave
        Socket[] control = controlPair();
        Thread proxy = startProxy(null, control[0]);
        producer.send(Multipart.of("held", "by the proxy"));
        producer.send("queued");
        assertArrayEquals(new long[8], statistics(control[1]), "nothing was passed on");
        control[1].send("TERMINATE");
        TestSupport.join(proxy);
        assertNull(proxyThrew.get(), "the held message was dropped, not waited for");
    }

    @Test
    void aHeldMessageGoesOnceTheBackendHasRoom() throws Exception {
        worker.close();
        Socket[] control = controlPair();
        startProxy(null, control[0]);
        producer.send(Multipart.of("late", "but whole"));
        statistics(control[1]);
        Socket lateWorker = ctx.socket(SocketType.PULL);
        lateWorker.connect(backend.lastEndpoint());
        assertEquals(List.of("late", "but whole"), recvStrings(lateWorker));
    }

    @Test
    void frontendAndBackendMustDiffer() {
        assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class,
                () -> Proxy.start(frontend, frontend, null)).code());
        assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class,
                () -> Proxy.start(null, backend, null)).code());
    }

    /** Sends STATISTICS and decodes the eight native-order 64-bit counters. */
    private static long[] statistics(Socket control) {
        control.send("STATISTICS");
        long[] out = new long[8];
        for (int i = 0; i < 8; i++) {
            try (Msg m = control.recv(WAIT)) {
                assertEquals(8, m.size());
                assertEquals(i < 7, m.hasMore());
                out[i] = ByteBuffer.wrap(m.bytes()).order(ByteOrder.nativeOrder()).getLong();
            }
        }
        return out;
    }
}
