package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The monitor API as far as inproc goes (network events come with the transports). */
class MonitorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void closingTheSocketQueuesMonitorStopped() {
        try (Context ctx = new Context()) {
            Socket s = ctx.socket(SocketType.PUSH);
            Monitor m = s.monitor(Set.of(SocketEvent.CONNECTED));
            assertNull(m.poll());
            s.close();
            MonitorEvent e = m.next(WAIT);
            assertNotNull(e);
            assertEquals(SocketEvent.MONITOR_STOPPED, e.event());
            m.close();
        }
    }

    @Test
    void closingTheMonitorQueuesMonitorStopped() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUSH)) {
            Monitor m = s.monitor(Set.of());
            m.close();
            assertEquals(SocketEvent.MONITOR_STOPPED, m.next(WAIT).event());
            assertNull(m.poll());
        }
    }

    @Test
    void incompatibleConnectBeforeBindIsReportedAsAProtocolHandshakeFailure() {
        try (Context ctx = new Context();
             Socket early = ctx.socket(SocketType.PUSH);
             Socket binder = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            early.connect(ep);
            assertTrue(early.send("queued before the bind", Socket.DONTWAIT));
            Monitor m = binder.monitor(Set.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL));
            binder.bind(ep);
            MonitorEvent e = m.next(WAIT);
            assertNotNull(e);
            assertEquals(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, e.event());
            assertEquals(ep, e.endpoint());
            assertTrue(e.detail().contains("PUSH"), e.detail());
            assertFalse(binder.send("x", Socket.DONTWAIT), "the incompatible pipe was dropped");
            // The early connecter learns by its pipe closing: nothing can be sent any more.
            assertFalse(early.send("x", Socket.DONTWAIT));
        }
    }

    @Test
    void libzmqStyleMonitorSendsMonitorStoppedOnAPair() {
        try (Context ctx = new Context(); Socket reader = ctx.socket(SocketType.PAIR)) {
            String ep = TestSupport.inproc();
            Socket s = ctx.socket(SocketType.PUSH);
            s.monitor(ep, EnumSet.allOf(SocketEvent.class));
            reader.connect(ep);
            s.close();
            try (Msg head = reader.recv(WAIT)) {
                assertNotNull(head);
                assertTrue(head.hasMore());
                assertEquals(6, head.size());
                ByteBuffer b = ByteBuffer.wrap(head.bytes()).order(ByteOrder.nativeOrder());
                assertEquals(SocketEvent.MONITOR_STOPPED.code(), b.getShort() & 0xFFFF);
                assertEquals(0, b.getInt());
            }
            try (Msg endpoint = reader.recv(WAIT)) {
                assertFalse(endpoint.hasMore());
                assertEquals("", endpoint.string());
            }
        }
    }

    @Test
    void monitorEndpointsMustBeInproc() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUSH)) {
            GannetException e = Assertions.assertThrows(GannetException.class,
                    () -> s.monitor("tcp://127.0.0.1:5555", Set.of()));
            assertEquals(ErrorCode.EPROTONOSUPPORT, e.code());
        }
    }
}
