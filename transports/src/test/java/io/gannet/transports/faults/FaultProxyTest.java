package io.gannet.transports.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import io.gannet.Context;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import org.junit.jupiter.api.Test;
import java.net.InetAddress;
import java.net.SocketTimeoutException;

/** The fault proxy does what it is told: forward, cut, reset, stall, refuse. */
class FaultProxyTest {
    private static Socket connect(FaultProxy proxy) throws IOException {
        String ep = proxy.endpoint();
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1))));
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void forwardsCutsAndResets() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                FaultProxy proxy = new FaultProxy("tcp://127.0.0.1:" + target.getLocalPort())) {
            try (Socket client = connect(proxy); Socket server = target.accept()) {
                client.getOutputStream().write(42);
                assertEquals(42, server.getInputStream().read());
                proxy.cut();
                assertEquals(-1, client.getInputStream().read(), "a cut ends the connection with a FIN");
            }
            try (Socket client = connect(proxy); Socket server = target.accept()) {
                server.getOutputStream().write(7);
                assertEquals(7, client.getInputStream().read());
                proxy.reset();
                InputStream in = client.getInputStream();
                assertThrows(IOException.class, () -> {
                    // A reset shows as ECONNRESET on read (or at the latest on the next write).
                    in.read();
                    client.getOutputStream().write(new byte[64 * 1024]);
                });
            }
            assertEquals(2, proxy.cuts());
        }
    }

    @Test
    void aStallHoldsTrafficUntilLifted() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                FaultProxy proxy = new FaultProxy("tcp://127.0.0.1:" + target.getLocalPort());
                Socket client = connect(proxy); Socket server = target.accept()) {
            proxy.stall(true);
            client.getOutputStream().write(1);
            server.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> server.getInputStream().read());
            proxy.stall(false);
            server.setSoTimeout(10_000);
            assertEquals(1, server.getInputStream().read());
        }
    }

    @Test
    void gannetReconnectsThroughTheProxyAfterACutAndNotWhileRefused() throws Exception {
        try (Context ctx = new Context(); io.gannet.Socket pull = ctx.socket(SocketType.PULL); // NOPMD: java.net.Socket is imported
                io.gannet.Socket push = ctx.socket(SocketType.PUSH)) { // NOPMD: as above
            pull.set(SocketOption.RCVTIMEO, 10_000);
            pull.bind("tcp://127.0.0.1:*");
            push.set(SocketOption.LINGER, 0); // "refused" stays queued: do not wait for it at close
            try (FaultProxy proxy = new FaultProxy(pull.lastEndpoint())) {
                push.connect(proxy.endpoint());
                push.send("before");
                assertEquals("before", pull.recvString());
                proxy.cut();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (proxy.accepted() < 2) {
                    assertTrue(System.nanoTime() < deadline, "no reconnection through the proxy");
                    Thread.sleep(5);
                }
                push.send("after");
                assertEquals("after", pull.recvString());
                proxy.refuse(true);
                proxy.cut();
                pull.set(SocketOption.RCVTIMEO, 300);
                push.send("refused", io.gannet.Socket.DONTWAIT); // NOPMD: as above
                assertNull(pull.recvString(), "nothing passes while the proxy refuses connections");
                assertEquals(2, proxy.accepted());
            }
        }
    }
}
