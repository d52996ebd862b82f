package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketOption;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw (STREAM) engine from bytes in memory: no greeting, reads as messages, back-pressure, the end. */
class RawEngineTest {

    @Test
    void isOpenAtOnceAndEachReadBecomesOneMessage() {
        try (EngineHarness h = EngineHarness.raw()) {
            h.start();
            assertEquals(1, h.handshakes);
            assertTrue(h.engine.isActive());
            assertNull(h.engine.peerType());
            assertEquals(0, h.written().length, "no greeting");
            h.channel.readChunk = 4;
            h.feed(Wire.ascii("GET / HTTP"));
            assertEquals(List.of(List.of("GET "), List.of("/ HT"), List.of("TP")), h.receiveAll());
        }
    }

    @Test
    void writesMessagesAsTheyAre() {
        try (EngineHarness h = EngineHarness.raw()) {
            h.start();
            h.send("hello ");
            h.send("z".repeat(5000));
            assertEquals("hello " + "z".repeat(5000), new String(h.written()));
        }
    }

    @Test
    void aFullPipeStopsReadingUntilTheSocketReads() {
        try (EngineHarness h = EngineHarness.raw(SocketOption.RCVHWM, 2)) {
            h.start();
            h.channel.readChunk = 1;
            h.channel.feed(Wire.ascii("abcdefghij"));
            h.pump();
            assertFalse(h.channel.readInterest());
            StringBuilder got = new StringBuilder();
            for (List<String> m : h.receiveAll()) {
                got.append(m.get(0));
            }
            assertEquals("abcdefghij", got.toString());
        }
    }

    @Test
    void thePeerClosingEndsTheConnectionAfterWhatItSent() {
        try (EngineHarness h = EngineHarness.raw()) {
            h.start();
            h.feed(Wire.ascii("last words"));
            h.feedEof();
            EngineHarness.Stop stop = h.stopped();
            assertTrue(stop.handshaked());
            assertNull(stop.event());
            assertFalse(stop.protocolError());
            assertEquals(List.of(List.of("last words")), h.receiveAll());
        }
    }

    @Test
    void aFailedWriteEndsTheConnection() {
        try (EngineHarness h = EngineHarness.raw()) {
            h.start();
            h.channel.writeFailure = new IOException("reset");
            h.send("x");
            assertTrue(h.stopped().detail().contains("reset"));
            assertTrue(h.channel.isClosed());
        }
    }

    @Test
    void messagesTakenButNotWrittenWhenTheConnectionFailsAreCounted() {
        try (EngineHarness h = EngineHarness.raw()) {
            h.start();
            h.channel.writeRoom = 3;
            h.send("first");
            h.channel.writeFailure = new IOException("reset");
            h.channel.writeRoom = Long.MAX_VALUE;
            h.pump();
            assertTrue(h.stopped().detail().contains("reset"));
            assertEquals(1, h.lost, "the message was taken from the pipe and only part of it written");
        }
    }

    @Test
    void aClosingSocketRefusesTheConnection() {
        try (EngineHarness h = EngineHarness.raw()) {
            h.refuse = true;
            h.start();
            assertTrue(h.channel.isClosed());
            assertTrue(h.stopped().detail().contains("closing"));
        }
    }
}
