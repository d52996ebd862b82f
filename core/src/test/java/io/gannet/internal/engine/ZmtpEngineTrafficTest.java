package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages, subscriptions and back-pressure through a ZMTP engine, from bytes in memory. */
class ZmtpEngineTrafficTest {

    @Test
    void deliversSingleAndMultipartMessagesInOrder() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL)) {
            h.handshakeAs("PUSH");
            h.feed(Wire.message("one"), Wire.message("a", "b", "c"), Wire.message("x".repeat(5000)));
            assertEquals(List.of(List.of("one"), List.of("a", "b", "c"), List.of("x".repeat(5000))), h.receiveAll());
        }
    }

    @Test
    void aLargeBodySplitAcrossReadsArrivesWhole() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL)) {
            h.handshakeAs("PUSH");
            h.channel.readChunk = 7000;
            String big = "y".repeat(200_000);
            h.feed(Wire.message(big, "tail"));
            assertEquals(List.of(List.of(big, "tail")), h.receiveAll());
        }
    }

    @Test
    void sendsWhatTheSocketQueuesWithTheRightFlags() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PUSH)) {
            h.handshakeAs("PULL");
            h.send("a", "b");
            h.send("z".repeat(3000));
            List<Wire.Frame> frames = h.writtenFrames();
            assertEquals(3, frames.size());
            assertTrue(frames.get(0).more());
            assertEquals("a", frames.get(0).text());
            assertFalse(frames.get(1).more());
            assertEquals("z".repeat(3000), frames.get(2).text());
        }
    }

    @Test
    void aFullPipeStopsReadingAndResumesWhenTheSocketReads() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, SocketOption.RCVHWM, 4)) {
            h.handshakeAs("PUSH");
            String pad = "p".repeat(3000);
            for (int i = 0; i < 50; i++) {
                h.channel.feed(Wire.message("m" + i, pad));
            }
            h.pump();
            assertFalse(h.channel.readInterest(), "RCVHWM reached: reading is off");
            assertTrue(h.channel.unread() > 0, "the rest waits in the peer's buffer");
            List<List<String>> got = h.receiveAll();
            for (int i = 0; i < 50; i++) {
                assertEquals(List.of("m" + i, pad), got.get(i));
            }
            assertEquals(50, got.size());
            assertTrue(h.channel.readInterest(), "reading is on again");
            assertNull(h.stop);
        }
    }

    @Test
    void aFullChannelKeepsOutputUntilItHasRoom() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PUSH)) {
            h.handshakeAs("PULL");
            h.channel.writeRoom = 10;
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add("message " + i);
                h.send("message " + i);
            }
            assertTrue(h.channel.writeInterest(), "waiting for the channel");
            h.channel.writeRoom = Long.MAX_VALUE;
            h.pump();
            assertFalse(h.channel.writeInterest(), "idle again");
            List<String> got = new ArrayList<>();
            for (Wire.Frame f : h.writtenFrames()) {
                got.add(f.text());
            }
            assertEquals(sent, got);
        }
    }

    @Test
    void aFailedWriteDropsTheConnectionAndCountsWhatWasTakenButNotWritten() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PUSH)) {
            h.handshakeAs("PULL");
            h.channel.writeRoom = 3;
            h.send("first");
            h.channel.writeFailure = new IOException("connection reset");
            h.channel.writeRoom = Long.MAX_VALUE;
            h.pump();
            EngineHarness.Stop stop = h.stopped();
            assertTrue(stop.handshaked());
            assertFalse(stop.protocolError());
            assertTrue(stop.detail().contains("connection reset"), stop.detail());
            assertEquals(1, h.lost, "the half-written message is counted");
        }
    }

    @Test
    void whatThePeerSentBeforeAFailedWriteIsStillDelivered() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.DEALER)) {
            h.handshakeAs("ROUTER");
            h.channel.writeFailure = new IOException("broken pipe");
            h.channel.feed(Wire.message("", "reply"));
            h.channel.feedEof();
            h.send("request");
            assertTrue(h.channel.isClosed());
            assertEquals(List.of(List.of("", "reply")), h.receiveAll());
        }
    }

    @Test
    void subscriptionsGoUpstreamAsCommandsAndArriveAsMessages() {
        try (EngineHarness sub = EngineHarness.zmtp(SocketType.SUB);
                EngineHarness pub = EngineHarness.zmtp(SocketType.PUB)) {
            sub.handshakeAs("PUB");
            sub.send("\u0001news");
            sub.send("\u0000news");
            List<Wire.Frame> frames = sub.writtenFrames();
            assertEquals("SUBSCRIBE", frames.get(0).name());
            assertEquals("news", new String(frames.get(0).data()));
            assertEquals("CANCEL", frames.get(1).name());

            pub.handshakeAs("SUB");
            pub.feed(Wire.command("SUBSCRIBE", Wire.ascii("news")), Wire.command("CANCEL", Wire.ascii("news")));
            assertEquals(List.of(List.of("\u0001news"), List.of("\u0000news")), pub.receiveAll());
        }
    }

    @Test
    void aZmtp30PeerGetsSubscriptionsAsMessages() {
        try (EngineHarness sub = EngineHarness.zmtp(SocketType.SUB)) {
            sub.start();
            sub.feed(Wire.greeting(3, 0, "NULL", false), Wire.ready("Socket-Type", "PUB"));
            sub.writtenFrames();
            sub.send("\u0001news");
            List<Wire.Frame> frames = sub.writtenFrames();
            assertFalse(frames.get(0).command());
            assertEquals("\u0001news", frames.get(0).text());
        }
    }

    @Test
    void whenTheSocketLetsGoOfThePipeTheEngineDropsWhatArrives() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, SocketOption.RCVHWM, 2)) {
            h.handshakeAs("PUSH");
            h.feed(Wire.message("1"), Wire.message("2"), Wire.message("3"));
            h.engine.pipeGone();
            h.pump();
            h.feed(Wire.message("4"));
            assertNull(h.stop);
            assertTrue(h.engine.isActive());
        }
    }
}
