package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketOption;
import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.internal.zmtp.ProtocolError;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The traffic-wrapping path of {@link io.gannet.internal.zmtp.mechanism.Mechanism} (what
 * CURVE uses), proved through the real engine with {@link XorWrappingMechanism}: the
 * handshake goes out plain, every frame after it wrapped both ways (messages, multipart,
 * SUBSCRIBE, PING/PONG), and a frame that does not unwrap ends the connection as a protocol
 * error.
 */
class ZmtpEngineWrappingTest {

    private static byte[] wrapped(String text, int flags) {
        return Wire.frame(XorWrappingMechanism.wrap(Wire.ascii(text), flags), false, false);
    }

    private static byte[] wrappedCommand(String name, byte[] data) {
        return Wire.frame(XorWrappingMechanism.wrap(Wire.commandBody(name, data), XorWrappingMechanism.COMMAND),
                false, false);
    }

    /** The wrapper frame as sent: one frame without MORE; its content unwrapped. */
    private static String unwrap(Wire.Frame f) {
        assertFalse(f.more(), "a wrapper is sent as one frame");
        byte[] b = f.body();
        StringBuilder s = new StringBuilder();
        s.append(b[0] == XorWrappingMechanism.COMMAND ? "cmd:" : b[0] == XorWrappingMechanism.MORE ? "more:" : "last:");
        for (int i = 1; i < b.length; i++) {
            s.append((char) ((b[i] ^ XorWrappingMechanism.KEY) & 0xFF));
        }
        return s.toString();
    }

    @Test
    void theHandshakeIsPlainAndMessagesAreWrappedBothWays() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.DEALER, XorWrappingMechanism::new)) {
            List<Wire.Frame> ready = h.handshakeAs("ROUTER");
            assertEquals("READY", ready.get(0).name(), "our READY is not wrapped");

            h.feed(wrapped("", XorWrappingMechanism.MORE), wrapped("a", XorWrappingMechanism.MORE), wrapped("b", 0),
                    wrapped("single", 0));
            assertEquals(List.of(List.of("", "a", "b"), List.of("single")), h.receiveAll());

            h.send("x", "y");
            List<Wire.Frame> out = h.writtenFrames();
            assertEquals(List.of("more:x", "last:y"), out.stream().map(ZmtpEngineWrappingTest::unwrap).toList());
        }
    }

    @Test
    void wrappedFramesMayAlsoComeAsCommandFrames() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, XorWrappingMechanism::new)) {
            h.handshakeAs("PUSH");
            h.feed(Wire.frame(XorWrappingMechanism.wrap(Wire.ascii("in a command frame"), 0), false, true));
            assertEquals(List.of(List.of("in a command frame")), h.receiveAll());
        }
    }

    @Test
    void subscriptionsAreWrappedCommandsBothWays() {
        try (EngineHarness sub = EngineHarness.zmtp(SocketType.SUB, XorWrappingMechanism::new);
                EngineHarness pub = EngineHarness.zmtp(SocketType.PUB, XorWrappingMechanism::new)) {
            sub.handshakeAs("PUB");
            sub.send("\u0001topic");
            assertEquals(List.of("cmd:\u0009SUBSCRIBEtopic"),
                    sub.writtenFrames().stream().map(ZmtpEngineWrappingTest::unwrap).toList());

            pub.handshakeAs("SUB");
            pub.feed(wrappedCommand("SUBSCRIBE", Wire.ascii("topic")), wrappedCommand("CANCEL", Wire.ascii("topic")));
            assertEquals(List.of(List.of("\u0001topic"), List.of("\u0000topic")), pub.receiveAll());
        }
    }

    @Test
    void pingsAndPongsAreWrapped() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, XorWrappingMechanism::new,
                SocketOption.HEARTBEAT_IVL, 100)) {
            h.handshakeAs("PUSH");
            h.feed(wrappedCommand("PING", new byte[] {0, 0, 'k'}));
            assertEquals(List.of("cmd:\u0004PONGk"), h.writtenFrames().stream().map(ZmtpEngineWrappingTest::unwrap).toList());
            h.advance(100);
            List<String> ping = h.writtenFrames().stream().map(ZmtpEngineWrappingTest::unwrap).toList();
            assertEquals(1, ping.size());
            assertTrue(ping.get(0).startsWith("cmd:\u0004PING"), ping.toString());
            assertNull(h.stop);
        }
    }

    @Test
    void aFrameThatDoesNotUnwrapClosesTheConnectionAsAProtocolError() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, XorWrappingMechanism::new)) {
            h.handshakeAs("PUSH");
            h.feed(wrapped("first", XorWrappingMechanism.MORE),
                    Wire.frame(new byte[] {9, 1, 2}, false, false), wrapped("never", 0));
            EngineHarness.Stop stop = h.stopped();
            assertTrue(stop.handshaked());
            // libzmq reports a CURVE MESSAGE that does not open as HANDSHAKE_FAILED_PROTOCOL,
            // even after the handshake, then the disconnect; Gannet does the same.
            assertEquals(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, stop.event());
            assertTrue(stop.protocolError(), "no reconnect to a peer that breaks the protocol");
            assertEquals(ProtocolError.MALFORMED_MESSAGE.zmqCode(), stop.value());
            assertEquals("a wrapper that does not unwrap", stop.detail());
            assertTrue(h.channel.isClosed());
            assertEquals(List.of(), h.receiveAll(), "the half-delivered message never reaches the socket");
            assertEquals(1, h.lost);
        }
    }

    @Test
    void anEmptyWrapperIsRefusedToo() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, XorWrappingMechanism::new)) {
            h.handshakeAs("PUSH");
            h.feed(Wire.frame(new byte[0], false, false));
            assertTrue(h.stopped().protocolError());
            assertArrayEquals(new byte[0], h.written());
        }
    }
}
