package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.GannetException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** RECONNECT_STOP: when a connecting socket gives an endpoint up, as libzmq's flags say. */
class ReconnectStopTest {

    @Test
    void aRefusedConnectIsRetriedWithTheReasonByDefault() throws Exception {
        String ep = "tcp://127.0.0.1:" + TestSupport.freePort();
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            Monitor m = push.monitor(EnumSet.allOf(SocketEvent.class));
            push.set(SocketOption.RECONNECT_IVL, 10).connect(ep);
            MonitorEvent retried = TestSupport.expect(m, SocketEvent.CONNECT_RETRIED);
            assertTrue(retried.detail().contains("refused"), retried.toString());
            TestSupport.expect(m, SocketEvent.CONNECT_RETRIED); // and again
        }
    }

    @Test
    void connRefusedStopsAndLetsTheQueueGo() throws Exception {
        String ep = "tcp://127.0.0.1:" + TestSupport.freePort();
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            Monitor m = push.monitor(EnumSet.of(SocketEvent.CONNECT_RETRIED, SocketEvent.CLOSED));
            push.set(SocketOption.RECONNECT_IVL, 10)
                    .set(SocketOption.RECONNECT_STOP, SocketOption.RECONNECT_STOP_CONN_REFUSED)
                    .connect(ep);
            MonitorEvent first = m.next(TestSupport.TIMEOUT);
            assertEquals(SocketEvent.CLOSED, first.event(), "no retry before giving up: " + first);
            assertTrue(first.detail().contains("RECONNECT_STOP_CONN_REFUSED"), first.toString());
            // The endpoint's queue is gone: a PUSH without peers cannot send.
            TestSupport.await("the pipe to end", () -> !push.send("x", Socket.DONTWAIT));
        }
    }

    @Test
    void handshakeFailedStopsAfterANonZmtpPeerHangsUp() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open();
             Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Monitor m = push.monitor(EnumSet.of(SocketEvent.CONNECT_RETRIED, SocketEvent.CLOSED,
                    SocketEvent.HANDSHAKE_SUCCEEDED));
            push.set(SocketOption.RECONNECT_IVL, 10)
                    .set(SocketOption.RECONNECT_STOP, SocketOption.RECONNECT_STOP_HANDSHAKE_FAILED)
                    .connect("tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort());
            try (SocketChannel notZmtp = server.accept()) {
                // closed at once: no greeting
            }
            MonitorEvent first = m.next(TestSupport.TIMEOUT);
            assertEquals(SocketEvent.CLOSED, first.event(), first.toString());
            assertTrue(first.detail().contains("RECONNECT_STOP_HANDSHAKE_FAILED"), first.toString());
            TestSupport.await("the pipe to end", () -> !push.send("x", Socket.DONTWAIT));
        }
    }

    @Test
    void afterDisconnectQueuedMessagesWaitForNoNewConnection() throws Exception {
        int port = TestSupport.freePort();
        String ep = "tcp://127.0.0.1:" + port;
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL);
             Socket sentinel = ctx.socket(SocketType.PUSH)) {
            Monitor m = push.monitor(EnumSet.of(SocketEvent.CLOSED));
            push.set(SocketOption.RECONNECT_IVL, 10)
                    .set(SocketOption.RECONNECT_STOP, SocketOption.RECONNECT_STOP_AFTER_DISCONNECT)
                    .connect(ep);
            assertTrue(push.send("queued"));
            push.disconnect(ep);
            MonitorEvent closed = TestSupport.expect(m, SocketEvent.CLOSED);
            assertTrue(closed.detail().contains("RECONNECT_STOP_AFTER_DISCONNECT"), closed.toString());

            // Without the flag the lingering session would connect and deliver "queued" now.
            pull.bind(ep);
            sentinel.connect(ep);
            sentinel.send("sentinel");
            assertEquals("sentinel", TestSupport.recv(pull));
            assertNull(pull.recv(Duration.ofMillis(200)), "the disconnected endpoint delivered");
        }
    }

    @Test
    void withoutTheFlagALingeringDisconnectStillDelivers() throws Exception {
        int port = TestSupport.freePort();
        String ep = "tcp://127.0.0.1:" + port;
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            push.set(SocketOption.RECONNECT_IVL, 10).connect(ep);
            assertTrue(push.send("queued"));
            push.disconnect(ep);
            pull.bind(ep);
            assertEquals("queued", TestSupport.recv(pull));
        }
    }

    @Test
    void unknownFlagsAreRefused() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThrows(GannetException.class, () -> push.set(SocketOption.RECONNECT_STOP, 8));
            push.set(SocketOption.RECONNECT_STOP, 7);
            assertEquals(7, push.get(SocketOption.RECONNECT_STOP));
        }
    }
}
