package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages queued on a binding socket for a peer that goes away are dropped with that peer's
 * queue, as in libzmq, but never silently: the socket counts them and its monitor says how
 * many and why.
 */
class DepartedPeerQueueTest {
    private static final int BODY = 64 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void messagesQueuedForAPeerThatLeftAreCounted(String transport) throws Exception {
        Path dir = Files.createTempDirectory("gannet-departed");
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(SocketOption.SNDHWM, 10);
            push.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve("s.ipc"));
            Monitor monitor = push.monitor(EnumSet.of(SocketEvent.HANDSHAKE_SUCCEEDED, SocketEvent.MESSAGES_DROPPED));
            long accepted = 0;
            try (RawZmtpPeer pull = new RawZmtpPeer(push.lastEndpoint())) {
                pull.handshake("PULL");
                TestSupport.expect(monitor, SocketEvent.HANDSHAKE_SUCCEEDED);
                // The peer reads nothing: socket buffers fill, then the queue up to SNDHWM.
                byte[] body = new byte[BODY];
                long refusedSince = System.nanoTime();
                while (System.nanoTime() - refusedSince < 200_000_000L) {
                    if (push.send(body, Socket.DONTWAIT)) {
                        accepted++;
                        refusedSince = System.nanoTime();
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
            // One event for the queue, one for what the connection had taken but not written.
            MonitorEvent first = TestSupport.expect(monitor, SocketEvent.MESSAGES_DROPPED);
            assertTrue(first.detail().contains("queued for a peer") || first.detail().contains("before they were written"),
                    first.detail());
            long[] reported = {first.value()};
            TestSupport.await("MESSAGES_DROPPED events adding up to droppedMessages()", () -> {
                MonitorEvent e;
                while ((e = monitor.poll()) != null) {
                    if (e.event() == SocketEvent.MESSAGES_DROPPED) {
                        reported[0] += e.value();
                    }
                }
                return reported[0] == push.droppedMessages();
            });
            assertTrue(reported[0] >= 1 && reported[0] <= accepted, "dropped " + reported[0] + " of " + accepted + " accepted");
        } finally {
            Files.deleteIfExists(dir.resolve("s.ipc"));
            Files.deleteIfExists(dir);
        }
    }
}
