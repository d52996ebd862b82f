package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** LINGER on connecting sockets: delivery after close, and a context close that never hangs. */
class LingerTest {
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void messagesSentBeforeTheConnectionExistsAreDeliveredAfterClose() throws Exception {
        String ep = "tcp://127.0.0.1:" + freePort();
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(SocketOption.RECONNECT_IVL, 20);
            push.connect(ep);
            push.send("queued before any peer");
            // Closed long before the peer exists: the socket keeps connecting while it lingers.
            push.close();
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(ep);
                try (Msg m = pull.recv(Duration.ofSeconds(10))) {
                    assertNotNull(m, "the lingering socket delivered once the peer appeared");
                    assertEquals("queued before any peer", m.string());
                }
            }
        }
    }

    @Test
    void contextCloseDoesNotWaitForAPeerThatNeverComes() throws Exception {
        String ep = "tcp://127.0.0.1:" + freePort();
        long start = System.nanoTime();
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.connect(ep);
            for (int i = 0; i < 10; i++) {
                push.send("nobody will read this");
            }
            // LINGER is -1 (forever) and nobody listens: libzmq's zmq_ctx_term would hang here.
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 30_000, "Context.close() returned (after " + ms + " ms)");
    }
}
