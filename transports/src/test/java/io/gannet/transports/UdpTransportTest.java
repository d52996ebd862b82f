package io.gannet.transports;

import static io.gannet.transports.TestSupport.await;
import static io.gannet.transports.TestSupport.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * {@code udp://} over loopback: a PUB that connects sends each message as one datagram to
 * the SUB that binds, which filters by topic; what cannot be carried is dropped and counted.
 */
class UdpTransportTest {

    /** A PUB connected to {@code endpoint}, once its endpoint has subscribed it to everything. */
    private static Socket connectedPub(Context ctx, String endpoint) throws InterruptedException {
        Socket pub = ctx.socket(SocketType.PUB);
        try (Monitor m = pub.monitor(EnumSet.of(SocketEvent.CONNECTED))) {
            pub.connect(endpoint);
            expect(m, SocketEvent.CONNECTED);
        }
        return pub;
    }

    private static Socket boundSub(Context ctx, String topic) {
        Socket sub = ctx.socket(SocketType.SUB);
        sub.set(SocketOption.RCVTIMEO, 10_000);
        sub.set(SocketOption.SUBSCRIBE, topic.getBytes());
        sub.bind("udp://127.0.0.1:*");
        return sub;
    }

    @Test
    void pubToSubDeliversMatchingMessagesAndReportsTheBoundPort() throws Exception {
        try (Context ctx = new Context(); Socket sub = boundSub(ctx, "A")) {
            String ep = sub.lastEndpoint();
            assertTrue(ep.matches("udp://127\\.0\\.0\\.1:\\d+"), ep);
            try (Socket pub = connectedPub(ctx, ep)) {
                for (int i = 0; i < 20; i++) {
                    assertTrue(pub.send((i % 2 == 0 ? "A" : "B") + i));
                }
                for (int i = 0; i < 20; i += 2) {
                    assertEquals("A" + i, sub.recvString(), "B messages are filtered out by the SUB");
                }
                assertEquals(0, pub.droppedMessages());
            }
        }
    }

    @Test
    void aMultipartMessageTravelsWholeInOneDatagram() throws Exception {
        try (Context ctx = new Context(); Socket sub = boundSub(ctx, "");
             Socket pub = connectedPub(ctx, sub.lastEndpoint())) {
            byte[] big = new byte[40_000]; // a long frame (8-byte size) beside short ones
            big[39_999] = 7;
            pub.send(new Multipart().add("topic").add(new byte[0]).add(big));
            try (Multipart m = sub.recvMultipart(0)) {
                assertEquals(3, m.size());
                assertEquals("topic", m.get(0).string());
                assertEquals(0, m.get(1).size());
                assertEquals(40_000, m.get(2).size());
                assertEquals(7, m.get(2).data().getByte(39_999));
            }
        }
    }

    @Test
    void aMessageLargerThanADatagramIsDroppedAndCountedAndTheNextOneGoes() throws Exception {
        try (Context ctx = new Context(); Socket sub = boundSub(ctx, "");
             Socket pub = connectedPub(ctx, sub.lastEndpoint());
             Monitor drops = pub.monitor(EnumSet.of(SocketEvent.MESSAGES_DROPPED))) {
            assertTrue(pub.send(new byte[70_000]), "accepted: the loss is found on the I/O thread");
            assertTrue(pub.send("after"));
            MonitorEvent e = expect(drops, SocketEvent.MESSAGES_DROPPED);
            assertEquals(1, e.value());
            assertTrue(e.detail().contains("larger than a datagram"), e.detail());
            assertEquals(1, pub.droppedMessages());
            assertEquals("after", sub.recvString());
        }
    }

    @Test
    void aMalformedDatagramIsDroppedAndCountedByTheReceiver() throws Exception {
        try (Context ctx = new Context(); Socket sub = boundSub(ctx, "");
             DatagramChannel raw = DatagramChannel.open()) {
            String ep = sub.lastEndpoint();
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", TestSupport.port(ep));
            raw.send(ByteBuffer.wrap(new byte[] {0, 5, 'x'}), to); // says 5 bytes, has 1
            raw.send(ByteBuffer.wrap(new byte[] {0, 2, 'o', 'k'}), to);
            assertEquals("ok", sub.recvString());
            await("the malformed datagram is counted", () -> sub.droppedMessages() == 1);
        }
    }

    @Test
    void onlyAPubConnectsAndOnlyASubBinds() throws Exception {
        try (Context ctx = new Context(); Socket sub = boundSub(ctx, "");
             Socket pub = ctx.socket(SocketType.PUB); Socket push = ctx.socket(SocketType.PUSH)) {
            GannetException e = assertThrows(GannetException.class, () -> pub.bind("udp://127.0.0.1:*"));
            assertEquals(ErrorCode.ENOTSUP, e.code());
            e = assertThrows(GannetException.class, () -> push.connect(sub.lastEndpoint()));
            assertEquals(ErrorCode.ENOTSUP, e.code());
            assertTrue(e.getMessage().contains("PUB connects"), e.getMessage());
        }
    }

    @Test
    void unbindStopsReceivingAndFreesThePort() throws Exception {
        try (Context ctx = new Context(); Socket sub = boundSub(ctx, "")) {
            String ep = sub.lastEndpoint();
            sub.unbind(ep);
            try (Socket again = ctx.socket(SocketType.SUB)) {
                again.bind(ep); // the port is free again
                assertEquals(ep, again.lastEndpoint());
            }
            GannetException e = assertThrows(GannetException.class, () -> sub.unbind(ep));
            assertEquals(ErrorCode.ENOENT, e.code());
            assertFalse(sub.isClosed());
        }
    }

    @Test
    void aSecondBindOfOnePortIsRefused() {
        try (Context ctx = new Context(); Socket sub = boundSub(ctx, ""); Socket other = ctx.socket(SocketType.SUB)) {
            GannetException e = assertThrows(GannetException.class, () -> other.bind(sub.lastEndpoint()));
            assertEquals(ErrorCode.EADDRINUSE, e.code());
        }
    }
}
