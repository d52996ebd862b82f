package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ipc:// (Unix domain sockets) and IPv6 tcp. */
class IpcAndIpv6Test {

    @TempDir
    Path dir;

    @Test
    void pushPullOverIpcBothOrders() throws Exception {
        String ep = "ipc://" + dir.resolve("a.sock");
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind(ep);
            assertEquals(ep, pull.lastEndpoint());
            push.connect(ep);
            // More than the high-water marks hold: the sender blocks until the reader catches up.
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    push.send("m" + i);
                }
            });
            sender.start();
            for (int i = 0; i < 10_000; i++) {
                assertEquals("m" + i, TestSupport.recv(pull));
            }
            sender.join();
        }
        String late = "ipc://" + dir.resolve("late.sock");
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            push.set(SocketOption.RECONNECT_IVL, 20);
            push.connect(late);
            push.send("queued");
            pull.bind(late);
            assertEquals("queued", TestSupport.recv(pull));
        }
    }

    @Test
    void staleSocketFileIsReplacedAndRemovedOnUnbind() throws Exception {
        Path path = dir.resolve("stale.sock");
        // A socket file left behind by a process that died.
        try (ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            old.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path));
        String ep = "ipc://" + path;
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind(ep);
            push.connect(ep);
            push.send("fresh");
            assertEquals("fresh", TestSupport.recv(pull));
            pull.unbind(ep);
            assertFalse(Files.exists(path), "socket file removed on unbind");
        }
    }

    @Test
    void ipcWildcardBindsAFreshPathThatCloseRemoves() throws Exception {
        Path bound;
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("ipc://*");
            String ep = pull.lastEndpoint();
            assertTrue(ep.startsWith("ipc://") && !ep.equals("ipc://*"), ep);
            bound = Path.of(ep.substring("ipc://".length()));
            assertTrue(Files.exists(bound));
            push.connect(ep);
            push.send("x");
            assertEquals("x", TestSupport.recv(pull));
        }
        assertFalse(Files.exists(bound), "socket file removed on close");
        assertFalse(Files.exists(bound.getParent()), "temporary directory removed on close");
    }

    @Test
    void pushPullOverIpv6Loopback() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(SocketOption.IPV6, true);
            push.set(SocketOption.IPV6, true);
            pull.bind("tcp://[::1]:*");
            String ep = pull.lastEndpoint();
            assertTrue(ep.matches("tcp://\\[::1\\]:\\d+"), ep);
            push.connect(ep);
            push.send("over v6");
            assertEquals("over v6", TestSupport.recv(pull));
        }
    }

    @Test
    void wildcardBindAcceptsLoopbackConnections() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://*:*");
            String ep = pull.lastEndpoint();
            assertTrue(ep.startsWith("tcp://0.0.0.0:"), ep);
            push.connect("tcp://localhost:" + TestSupport.port(ep));
            push.send("via localhost");
            assertEquals("via localhost", TestSupport.recv(pull));
        }
    }
}
