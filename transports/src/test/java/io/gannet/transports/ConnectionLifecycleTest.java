package io.gannet.transports;

import static io.gannet.transports.TestSupport.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monitor events, unbind/disconnect, bind errors, MAXMSGSIZE, heartbeats, handshake failures. */
class ConnectionLifecycleTest {

    private static List<SocketEvent> drain(Monitor m, int atLeast) throws InterruptedException {
        List<SocketEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
        while (seen.size() < atLeast && System.nanoTime() < deadline) {
            MonitorEvent e = m.next(Duration.ofMillis(100));
            if (e != null) {
                seen.add(e.event());
            }
        }
        return seen;
    }

    /** Everything reported within {@code window}: for checking that something does not happen. */
    private static List<SocketEvent> during(Monitor m, Duration window) throws InterruptedException {
        List<SocketEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            MonitorEvent e = m.next(Duration.ofNanos(left));
            if (e != null) {
                seen.add(e.event());
            }
        }
        return seen;
    }

    @Test
    void monitorReportsConnectAcceptAndDisconnectInOrder() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            Monitor bindSide = pull.monitor(EnumSet.allOf(SocketEvent.class));
            Monitor connectSide = push.monitor(EnumSet.allOf(SocketEvent.class));
            pull.bind("tcp://127.0.0.1:*");
            push.set(SocketOption.RECONNECT_IVL, 50);
            push.connect(pull.lastEndpoint());
            assertEquals(List.of(SocketEvent.LISTENING, SocketEvent.ACCEPTED, SocketEvent.HANDSHAKE_SUCCEEDED),
                    drain(bindSide, 3));
            List<SocketEvent> c = drain(connectSide, 2);
            // A loopback connect may complete at once or be reported as delayed first.
            c.remove(SocketEvent.CONNECT_DELAYED);
            if (c.size() < 2) {
                c.addAll(drain(connectSide, 1));
            }
            assertEquals(List.of(SocketEvent.CONNECTED, SocketEvent.HANDSHAKE_SUCCEEDED), c);
            pull.set(SocketOption.LINGER, 0);
            pull.close();
            assertEquals(SocketEvent.DISCONNECTED, expect(connectSide, SocketEvent.DISCONNECTED).event());
            MonitorEvent retried = expect(connectSide, SocketEvent.CONNECT_RETRIED);
            assertTrue(retried.value() >= 50, "retry interval " + retried.value());
            MonitorEvent closed = bindSide.next(TestSupport.TIMEOUT);
            assertEquals(SocketEvent.CLOSED, closed.event());
        }
    }

    @Test
    void unbindClosesTheListenerAndItsConnections() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            Monitor m = push.monitor(EnumSet.of(SocketEvent.DISCONNECTED, SocketEvent.HANDSHAKE_SUCCEEDED));
            pull.bind("tcp://127.0.0.1:*");
            String ep = pull.lastEndpoint();
            push.connect(ep);
            expect(m, SocketEvent.HANDSHAKE_SUCCEEDED);
            pull.unbind(ep);
            expect(m, SocketEvent.DISCONNECTED);
            GannetException again = assertThrows(GannetException.class, () -> pull.unbind(ep));
            assertEquals(ErrorCode.ENOENT, again.code());
            // The port is free again at once.
            pull.bind(ep);
            expect(m, SocketEvent.HANDSHAKE_SUCCEEDED);
        }
    }

    @Test
    void disconnectStopsDeliveryAndReconnecting() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            Monitor m = pull.monitor(EnumSet.of(SocketEvent.ACCEPTED, SocketEvent.DISCONNECTED));
            pull.bind("tcp://127.0.0.1:*");
            String ep = pull.lastEndpoint();
            push.connect(ep);
            push.send("before");
            assertEquals("before", TestSupport.recv(pull));
            push.disconnect(ep);
            expect(m, SocketEvent.DISCONNECTED);
            assertTrue(!push.send("after", Socket.DONTWAIT), "no peer left to take the message");
            assertNull(m.next(Duration.ofMillis(300)), "no reconnection after disconnect");
            assertThrows(GannetException.class, () -> push.disconnect(ep));
        }
    }

    @Test
    void bindingABusyPortFailsAtOnce() {
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PULL); Socket b = ctx.socket(SocketType.PULL)) {
            a.bind("tcp://127.0.0.1:*");
            Monitor m = b.monitor(EnumSet.of(SocketEvent.BIND_FAILED));
            GannetException e = assertThrows(GannetException.class, () -> b.bind(a.lastEndpoint()));
            assertEquals(ErrorCode.EADDRINUSE, e.code());
            assertEquals(SocketEvent.BIND_FAILED, m.next(TestSupport.TIMEOUT).event());
        }
    }

    @Test
    void malformedAndUnavailableAddressesFailAtOnce() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PULL)) {
            assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class, () -> s.bind("tcp://127.0.0.1")).code());
            assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class, () -> s.bind("tcp://127.0.0.1:x")).code());
            assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class, () -> s.bind("tcp://127.0.0.1:70000")).code());
            assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class, () -> s.connect("tcp://127.0.0.1:*")).code());
            assertEquals(ErrorCode.EADDRNOTAVAIL,
                    assertThrows(GannetException.class, () -> s.bind("tcp://192.0.2.1:*")).code());
        }
    }

    @Test
    void oversizedMessageClosesTheConnection() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(SocketOption.MAXMSGSIZE, 100L);
            Monitor m = pull.monitor(EnumSet.of(SocketEvent.DISCONNECTED, SocketEvent.HANDSHAKE_SUCCEEDED));
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            push.send(new byte[100]);
            assertEquals(100, pull.recvBytes(0).length);
            push.send(new byte[101]);
            expect(m, SocketEvent.DISCONNECTED);
            assertNull(pull.recv(Duration.ofMillis(200)));
        }
    }

    @Test
    void oversizedFrameFromARawPeerIsRefusedBeforeAllocation() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.MAXMSGSIZE, 1000L);
            pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = new RawZmtpPeer(pull.lastEndpoint())) {
                peer.handshake("PUSH");
                ByteBuffer huge = ByteBuffer.allocate(9).put((byte) 2).putLong(1L << 40);
                peer.write(huge.flip());
                assertTrue(peer.closedByPeerWithin(5000));
            }
        }
    }

    @Test
    void incompatibleSocketTypeFailsTheHandshakeWithoutReconnecting() throws Exception {
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PUSH); Socket b = ctx.socket(SocketType.PUSH)) {
            Monitor m = b.monitor(EnumSet.allOf(SocketEvent.class));
            a.bind("tcp://127.0.0.1:*");
            b.set(SocketOption.RECONNECT_IVL, 20);
            b.set(SocketOption.LINGER, 0);
            b.connect(a.lastEndpoint());
            MonitorEvent failed = expect(m, SocketEvent.HANDSHAKE_FAILED_PROTOCOL);
            assertTrue(failed.detail().contains("PUSH"), failed.detail());
            List<SocketEvent> after = during(m, Duration.ofMillis(300));
            assertTrue(!after.contains(SocketEvent.CONNECT_RETRIED) && !after.contains(SocketEvent.CONNECTED),
                    "no reconnect after a protocol error: " + after);
        }
    }

    @Test
    void silentPeerIsDroppedByHeartbeats() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.HEARTBEAT_IVL, 100);
            pull.set(SocketOption.HEARTBEAT_TIMEOUT, 300);
            pull.set(SocketOption.HEARTBEAT_TTL, 2000);
            Monitor m = pull.monitor(EnumSet.of(SocketEvent.DISCONNECTED));
            pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = new RawZmtpPeer(pull.lastEndpoint())) {
                peer.handshake("PUSH");
                byte[] ping = peer.readFrame();
                assertEquals("PING", new String(ping, 1, 4, StandardCharsets.US_ASCII));
                assertEquals(20, ((ping[5] & 0xFF) << 8) | (ping[6] & 0xFF), "TTL in deciseconds");
                expect(m, SocketEvent.DISCONNECTED);
                assertTrue(peer.closedByPeerWithin(5000));
            }
        }
    }

    @Test
    void pingIsAnsweredWithPongEchoingItsContext() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = new RawZmtpPeer(pull.lastEndpoint())) {
                peer.handshake("PUSH");
                byte[] context = "0123456789abcdefXYZ".getBytes(StandardCharsets.US_ASCII);
                ByteBuffer ping = ByteBuffer.allocate(2 + 5 + 2 + context.length);
                ping.put((byte) 4).put((byte) (5 + 2 + context.length)).put((byte) 4)
                        .put("PING".getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).put(context);
                peer.write(ping.flip());
                byte[] pong = peer.readFrame();
                assertEquals("PONG", new String(pong, 1, 4, StandardCharsets.US_ASCII));
                assertEquals("0123456789abcdef", new String(pong, 5, pong.length - 5, StandardCharsets.US_ASCII));
                // An unknown command is ignored; traffic goes on.
                ByteBuffer unknown = ByteBuffer.allocate(2 + 6).put((byte) 4).put((byte) 6).put((byte) 5)
                        .put("HELLO".getBytes(StandardCharsets.US_ASCII));
                peer.write(unknown.flip());
                peer.write(ByteBuffer.wrap(new byte[] {0, 2, 'o', 'k'}));
                assertEquals("ok", TestSupport.recv(pull));
            }
        }
    }

    @Test
    void garbageInsteadOfAGreetingClosesOnlyThatConnection() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            Monitor m = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL));
            pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = new RawZmtpPeer(pull.lastEndpoint())) {
                peer.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                expect(m, SocketEvent.HANDSHAKE_FAILED_PROTOCOL);
                assertTrue(peer.closedByPeerWithin(5000));
            }
            push.connect(pull.lastEndpoint());
            push.send("still fine");
            assertEquals("still fine", TestSupport.recv(pull));
        }
    }

    @Test
    void silentPeerFailsTheHandshakeAfterHandshakeIvl() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.HANDSHAKE_IVL, 200);
            Monitor m = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_NO_DETAIL));
            pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer peer = new RawZmtpPeer(pull.lastEndpoint())) {
                expect(m, SocketEvent.HANDSHAKE_FAILED_NO_DETAIL);
                assertTrue(peer.closedByPeerWithin(5000));
            }
        }
    }

    @Test
    void reconnectIntervalMinusOneTriesOnce() throws Exception {
        int port = TestSupport.freePort();
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            Monitor m = push.monitor(EnumSet.allOf(SocketEvent.class));
            push.set(SocketOption.RECONNECT_IVL, -1);
            push.set(SocketOption.LINGER, 0);
            push.connect("tcp://127.0.0.1:" + port);
            List<SocketEvent> seen = during(m, Duration.ofMillis(300));
            assertTrue(seen.contains(SocketEvent.CONNECT_DELAYED) || seen.contains(SocketEvent.DISCONNECTED)
                    || seen.contains(SocketEvent.CONNECTED), "one attempt was made: " + seen);
            assertTrue(!seen.contains(SocketEvent.CONNECT_RETRIED), seen.toString());
        }
    }
}
