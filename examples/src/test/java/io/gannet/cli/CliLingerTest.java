package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code send --linger}: delivery to a receiver that starts after the sender, and exit 6 when none does. */
class CliLingerTest {
    @TempDir
    Path dir;

    private String endpoint(String transport) throws Exception {
        if (transport.equals("ipc")) {
            return "ipc://" + dir.resolve("x.ipc");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void sendDeliversToAReceiverThatStartsWhileItLingers(String transport) throws Exception {
        String ep = endpoint(transport);
        AtomicReference<CliRun> sent = new AtomicReference<>();
        Thread sender = new Thread(() -> sent.set(CliRun.of("send", "--connect", ep, "--linger", "5s", "hello")));
        sender.start();
        awaitParked(sender);
        CliRun recv = CliRun.of("recv", "--bind", ep, "--count", "1", "--timeout", "10s");
        assertEquals(ExitCode.OK, recv.status(), recv.toString());
        assertEquals("hello\n", recv.out().replace("\r\n", "\n"), recv.toString());
        sender.join(30_000);
        assertEquals(ExitCode.OK, sent.get().status(), sent.get().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void sendSaysSoWhenNoPeerTookTheMessagesWithinLinger(String transport) throws Exception {
        CliRun r = CliRun.of("send", "--connect", endpoint(transport), "--linger", "100ms", "--count", "2", "lost");
        assertEquals(ExitCode.NOT_DELIVERED, r.status(), r.toString());
        assertTrue(r.err().contains("2 message(s) not delivered within --linger 100ms"), r.toString());
    }

    /** Waits until the sender is parked: its message is queued and it waits in the context's close. */
    private static void awaitParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (!t.isAlive() || System.nanoTime() > deadline) {
                fail("the sender did not wait for a receiver");
            }
            Thread.sleep(5);
        }
    }
}
