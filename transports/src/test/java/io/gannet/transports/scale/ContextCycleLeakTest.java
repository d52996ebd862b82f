package io.gannet.transports.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@value #CYCLES} cycles per transport of: a new context, a PULL bound and a PUSH connected,
 * one message through, the context closed with the sockets still open. Afterwards nothing
 * may be left: no Gannet I/O thread and no more live threads than before, no more open file
 * descriptors, no ipc socket file or {@code ipc://*} directory, no growth of direct memory
 * beyond a chunk per allocator arena, and every tenth context and its sockets must be
 * garbage collected (nothing keeps them reachable); a leaked buffer fails the class through Netty's paranoid leak
 * detection ({@code LeakCheckExtension}).
 *
 * <p>ipc cycles bind a fixed path in a temporary directory, and every 100th binds
 * {@code ipc://*} (a fresh directory each: its cost is the file system's, see
 * {@code docs/soak.md}). The per-cycle time is printed.
 */
class ContextCycleLeakTest {
    static final int CYCLES = 10_000;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * Direct memory may grow by one chunk per arena of Netty's pooled allocator (each new
     * I/O thread may be given another arena), never by anything per cycle.
     */
    private static final long DIRECT_SLACK = (long) PooledByteBufAllocator.DEFAULT.metric().numDirectArenas()
            * PooledByteBufAllocator.DEFAULT.metric().chunkSize() + (4L << 20);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp", "ipc"})
    void contextsOpenedUsedAndClosedLeaveNothingBehind(String transport) throws Exception {
        List<Path> ipcPaths = new ArrayList<>();
        List<WeakReference<Object>> tracked = new ArrayList<>();
        cycle(transport, 0, ipcPaths, tracked); // loads classes and opens what the JVM keeps for good
        ProcessStats before = ProcessStats.afterGc();

        long start = System.nanoTime();
        for (int i = 1; i <= CYCLES; i++) {
            cycle(transport, i, ipcPaths, tracked);
        }
        double perCycleMs = (System.nanoTime() - start) / 1e6 / CYCLES;

        await("no Gannet I/O thread", () -> ioThreads() == 0);
        await("live threads back to " + before.threads(), () -> ProcessStats.liveThreads() <= before.threads());
        await("file descriptors back to " + before.fds(), () -> ProcessStats.openFds() <= before.fds());
        for (Path p : ipcPaths) {
            assertTrue(Files.notExists(p), "ipc socket file left: " + p);
            if (p.getParent().getFileName().toString().startsWith("gannet-ipc-")) {
                assertTrue(Files.notExists(p.getParent()), "ipc://* directory left: " + p.getParent());
            }
        }
        ProcessStats after = ProcessStats.afterGc();
        await("closed contexts and their sockets to be garbage", () -> {
            System.gc();
            return tracked.stream().allMatch(r -> r.get() == null);
        });
        System.out.printf("%s: %d context cycles, %.3f ms each; before %s; after %s%n", transport, CYCLES,
                perCycleMs, before, after);
        assertTrue(after.directBytes() <= before.directBytes() + DIRECT_SLACK,
                "direct memory grew from " + before + " to " + after);
        assertEquals(0, ioThreads());
    }

    private void cycle(String transport, int i, List<Path> ipcPaths, List<WeakReference<Object>> tracked)
            throws IOException {
        try (Context ctx = new Context()) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind(endpoint(transport, i));
            String endpoint = pull.lastEndpoint();
            if (transport.equals("ipc") && (i % 100 == 0 || ipcPaths.isEmpty())) {
                ipcPaths.add(Path.of(endpoint.substring("ipc://".length())));
            }
            Socket push = ctx.socket(SocketType.PUSH);
            if (i % 10 == 0) {
                // Nothing may keep a closed context or its sockets reachable.
                tracked.add(new WeakReference<>(ctx));
                tracked.add(new WeakReference<>(pull));
                tracked.add(new WeakReference<>(push));
            }
            push.connect(endpoint);
            push.send("cycle " + i);
            Msg m = pull.recv(WAIT);
            assertNotNull(m, "cycle " + i + " over " + transport + ": no message within " + WAIT);
            m.close();
            // The sockets are left open on purpose: closing the context closes them.
        }
    }

    private String endpoint(String transport, int i) {
        switch (transport) {
            case "inproc":
                return "inproc://cycle";
            case "tcp":
                return "tcp://127.0.0.1:*";
            default:
                return i % 100 == 0 ? "ipc://*" : "ipc://" + dir.resolve("cycle.sock");
        }
    }

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("gannet-io-") && t.isAlive()).count();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + ": " + ProcessStats.now());
            }
            Thread.sleep(5);
        }
    }
}
