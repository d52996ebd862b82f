package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two real engines wired back to back in memory, every byte delivered in its own read:
 * greeting, handshake, subscriptions and messages, heartbeats, and the wrapping path, each
 * engine speaking only to the other.
 */
class ZmtpLoopbackTest {

    /** Moves what each engine wrote to the other until neither writes more. */
    private static void exchange(EngineHarness a, EngineHarness b) {
        exchange(a, b, 0);
    }

    /** As {@link #exchange(EngineHarness, EngineHarness)}, the bytes taking {@code latencyMs} on each crossing. */
    private static void exchange(EngineHarness a, EngineHarness b, long latencyMs) {
        for (int i = 0; i < 10_000; i++) {
            byte[] fromA = a.written();
            byte[] fromB = b.written();
            if (fromA.length == 0 && fromB.length == 0) {
                return;
            }
            a.advance(latencyMs);
            b.advance(latencyMs);
            b.feed(fromA);
            a.feed(fromB);
        }
        throw new AssertionError("the engines never went quiet");
    }

    private static void connect(EngineHarness a, EngineHarness b) {
        a.channel.readChunk = 1;
        b.channel.readChunk = 1;
        a.start();
        b.start();
        exchange(a, b);
        assertEquals(1, a.handshakes);
        assertEquals(1, b.handshakes);
    }

    @Test
    void publisherAndSubscriberHandshakeThenExchangeSubscriptionsAndMessages() {
        try (EngineHarness pub = EngineHarness.zmtp(SocketType.PUB); EngineHarness sub = EngineHarness.zmtp(SocketType.SUB)) {
            connect(pub, sub);
            assertEquals(SocketType.PUB, sub.engine.peerType());
            assertEquals(SocketType.SUB, pub.engine.peerType());

            sub.send("\u0001news");
            exchange(pub, sub);
            assertEquals(List.of(List.of("\u0001news")), pub.receiveAll(), "SUBSCRIBE became a subscription message");

            pub.send("news", "x".repeat(300));
            exchange(pub, sub);
            assertEquals(List.of(List.of("news", "x".repeat(300))), sub.receiveAll());
        }
    }

    @Test
    void heartbeatsKeepAQuietConnectionUp() {
        try (EngineHarness a = EngineHarness.zmtp(SocketType.DEALER, SocketOption.HEARTBEAT_IVL, 100,
                SocketOption.HEARTBEAT_TIMEOUT, 50);
                EngineHarness b = EngineHarness.zmtp(SocketType.ROUTER, SocketOption.HEARTBEAT_IVL, 100,
                        SocketOption.HEARTBEAT_TIMEOUT, 50, SocketOption.HEARTBEAT_TTL, 1000)) {
            connect(a, b);
            for (int i = 0; i < 30; i++) {
                a.advance(25);
                b.advance(25);
                exchange(a, b, 1);
            }
            assertNull(a.stop, "every PING was answered");
            assertNull(b.stop);
            a.advance(100); // a pings; b no longer answers
            a.advance(50);
            assertTrue(a.stopped().detail().contains("HEARTBEAT_TIMEOUT"));
        }
    }

    @Test
    void twoWrappingEnginesUnderstandEachOther() {
        try (EngineHarness a = EngineHarness.zmtp(SocketType.PUSH, XorWrappingMechanism::new);
                EngineHarness b = EngineHarness.zmtp(SocketType.PULL, XorWrappingMechanism::new)) {
            connect(a, b);
            a.send("multi", "part");
            a.send("y".repeat(10_000));
            exchange(a, b);
            assertEquals(List.of(List.of("multi", "part"), List.of("y".repeat(10_000))), b.receiveAll());
        }
    }
}
