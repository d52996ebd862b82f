package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PING/PONG, HEARTBEAT_TIMEOUT and the peer's TTL, on a manual clock: no sleeps, no thread. */
class ZmtpEngineHeartbeatTest {

    private static EngineHarness pinging(int ivl, int timeout, int ttl) {
        return EngineHarness.zmtp(SocketType.PULL, SocketOption.HEARTBEAT_IVL, ivl,
                SocketOption.HEARTBEAT_TIMEOUT, timeout, SocketOption.HEARTBEAT_TTL, ttl);
    }

    @Test
    void pingsEveryIntervalWithOurTtlAndAnEmptyContext() {
        try (EngineHarness h = pinging(100, 0, 2500)) {
            h.handshakeAs("PUSH");
            h.advance(99);
            assertEquals(List.of(), h.writtenFrames(), "not before HEARTBEAT_IVL");
            h.advance(1);
            List<Wire.Frame> frames = h.writtenFrames();
            assertEquals(1, frames.size());
            assertEquals("PING", frames.get(0).name());
            assertArrayEquals(new byte[] {0, 25}, frames.get(0).data(), "TTL 2500 ms in deciseconds, no context");
            h.advance(100);
            assertEquals("PING", h.writtenFrames().get(0).name());
            assertNull(h.stop, "no timeout without HEARTBEAT_TIMEOUT");
        }
    }

    @Test
    void silenceAfterAPingPastHeartbeatTimeoutDropsTheConnection() {
        try (EngineHarness h = pinging(100, 50, 0)) {
            h.handshakeAs("PUSH");
            h.advance(100);
            h.advance(49);
            assertNull(h.stop);
            h.advance(1);
            EngineHarness.Stop stop = h.stopped();
            assertTrue(stop.handshaked());
            assertNull(stop.event(), "a drop after the handshake: DISCONNECTED alone");
            assertFalse(stop.protocolError(), "silence is not a protocol error: reconnect");
            assertTrue(stop.detail().contains("HEARTBEAT_TIMEOUT"), stop.detail());
            assertTrue(h.channel.isClosed());
        }
    }

    @Test
    void anyInputAfterThePingKeepsTheConnection() {
        try (EngineHarness h = pinging(100, 50, 0)) {
            h.handshakeAs("PUSH");
            h.advance(100);
            h.advance(10);
            h.feed(Wire.command("PONG", new byte[0]));
            h.advance(40);
            assertNull(h.stop, "a PONG came");
            h.advance(60); // the next PING at 200
            h.advance(10);
            h.feed(Wire.message("data counts as life too"));
            h.advance(45);
            assertNull(h.stop);
            assertEquals(1, h.receiveAll().size());
        }
    }

    @Test
    void answersAPingWithAPongCarryingItsContext() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL)) {
            h.handshakeAs("PUSH");
            h.feed(Wire.ping(0, new byte[] {'c', 't', 'x'}));
            List<Wire.Frame> frames = h.writtenFrames();
            assertEquals(1, frames.size());
            assertEquals("PONG", frames.get(0).name());
            assertArrayEquals(new byte[] {'c', 't', 'x'}, frames.get(0).data());
            h.advance(3_600_000);
            assertNull(h.stop, "a TTL of 0 promises nothing");
        }
    }

    @Test
    void aPeerSilentPastTheTtlOfItsPingIsDropped() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL)) {
            h.handshakeAs("PUSH");
            h.feed(Wire.ping(10, new byte[0])); // 1 s
            h.advance(600);
            h.feed(Wire.message("alive"));
            h.advance(600);
            assertNull(h.stop, "input within the TTL moves it on");
            h.advance(1000);
            EngineHarness.Stop stop = h.stopped();
            assertTrue(stop.handshaked());
            assertFalse(stop.protocolError());
            assertTrue(stop.detail().contains("TTL"), stop.detail());
        }
    }

    @Test
    void notReadingAtRcvhwmIsNotThePeersSilence() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, SocketOption.RCVHWM, 1,
                SocketOption.HEARTBEAT_IVL, 100, SocketOption.HEARTBEAT_TIMEOUT, 50)) {
            h.handshakeAs("PUSH");
            h.feed(Wire.ping(10, new byte[0]));
            for (int i = 0; i < 20; i++) {
                h.channel.feed(Wire.message("m" + i));
            }
            h.pump();
            assertFalse(h.channel.readInterest(), "reading stopped at RCVHWM");
            h.advance(5000);
            assertNull(h.stop, "neither HEARTBEAT_TIMEOUT nor the peer's TTL counts our own pause");
            assertEquals(20, h.receiveAll().size(), "everything arrives once the socket reads");
        }
    }

    @Test
    void noTimerOutlivesTheConnection() {
        try (EngineHarness h = pinging(100, 50, 1000)) {
            h.handshakeAs("PUSH");
            h.feed(Wire.ping(10, new byte[0]));
            assertEquals("PONG", h.writtenFrames().get(0).name());
            h.engine.close();
            h.advance(10_000);
            assertNull(h.stop, "close() tells the owner nothing, and no timer fires after it");
            assertEquals(0, h.written().length);
        }
    }
}
