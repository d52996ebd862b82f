package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.internal.zmtp.Greeting;
import io.gannet.internal.zmtp.Metadata;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.gannet.internal.zmtp.ProtocolError;

/** The ZMTP engine's handshakes, driven from bytes in memory: greeting, NULL, PLAIN client, refusals. */
class ZmtpEngineHandshakeTest {

    @Test
    void greetsWithElevenBytesThenTheRestOnceThePeersVersionIsKnown() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL)) {
            h.start();
            byte[] first = h.written();
            assertEquals(Greeting.VERSION_DETECT_SIZE, first.length, "only the version-detection part at first");
            assertEquals((byte) 0xFF, first[0]);
            assertEquals(3, first[10]);

            h.feed(Arrays.copyOf(Wire.greeting("NULL"), 11));
            byte[] rest = h.written();
            assertEquals(Greeting.SIZE - 11, rest.length, "the rest of the greeting, and no READY before the peer's mechanism");
            assertEquals("NULL", new String(rest, 1, 4, StandardCharsets.US_ASCII));

            h.feed(Arrays.copyOfRange(Wire.greeting("NULL"), 11, 64));
            List<Wire.Frame> frames = Wire.frames(h.written());
            assertEquals(1, frames.size());
            assertEquals("READY", frames.get(0).name());
            assertEquals(0, h.handshakes, "not done before the peer's READY");
            assertFalse(h.engine.isActive());
        }
    }

    @Test
    void nullHandshakeAnnouncesTypeAndIdentityAndLearnsThePeers() throws Exception {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.DEALER, SocketOption.ROUTING_ID, "me".getBytes())) {
            h.start();
            h.feed(Wire.greeting("NULL"), Wire.ready("Socket-Type", "ROUTER", "Identity", "peer-id"));
            List<Wire.Frame> frames = h.writtenFrames();
            assertEquals(1, frames.size());
            Metadata ours = Metadata.parse(Unpooled.wrappedBuffer(frames.get(0).data()), 0,
                    frames.get(0).data().length, ProtocolError.MALFORMED_READY);
            assertEquals("DEALER", ours.getString(Metadata.SOCKET_TYPE));
            assertEquals("me", ours.getString(Metadata.IDENTITY));
            assertEquals(1, h.handshakes);
            assertTrue(h.engine.isActive());
            assertEquals(SocketType.ROUTER, h.engine.peerType());
            assertArrayEquals("peer-id".getBytes(), h.engine.peerIdentity());
            assertNull(h.stop);
        }
    }

    @Test
    void everyByteInItsOwnReadStillHandshakesAndDelivers() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL)) {
            h.channel.readChunk = 1;
            h.start();
            h.feed(Wire.greeting("NULL"), Wire.ready("Socket-Type", "PUSH"), Wire.message("a", "b".repeat(300)));
            assertEquals(List.of(List.of("a", "b".repeat(300))), h.receiveAll());
        }
    }

    @Test
    void plainClientSendsHelloThenInitiateAndIsReadyAfterTheServersReady() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.REQ, SocketOption.PLAIN_USERNAME, "admin".getBytes(),
                SocketOption.PLAIN_PASSWORD, "secret".getBytes())) {
            h.start();
            h.feed(Wire.greeting(3, 1, "PLAIN", true));
            List<Wire.Frame> hello = h.writtenFrames();
            assertEquals(1, hello.size());
            assertEquals("HELLO", hello.get(0).name());
            assertArrayEquals(Wire.concat(new byte[] {5}, "admin".getBytes(), new byte[] {6}, "secret".getBytes()),
                    hello.get(0).data());

            h.feed(Wire.command("WELCOME", new byte[0]));
            List<Wire.Frame> initiate = h.writtenFrames();
            assertEquals("INITIATE", initiate.get(0).name());
            assertEquals(0, h.handshakes);

            h.feed(Wire.ready("Socket-Type", "REP"));
            assertEquals(1, h.handshakes);
            assertEquals(SocketType.REP, h.engine.peerType());
            h.send("hello");
            assertEquals("hello", h.writtenFrames().get(0).text());
        }
    }

    @Test
    void plainClientRefusedByTheServersErrorIsAnAuthFailure() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.REQ, SocketOption.PLAIN_USERNAME, "admin".getBytes())) {
            h.start();
            h.feed(Wire.greeting(3, 1, "PLAIN", true));
            h.writtenFrames();
            h.feed(Wire.command("ERROR", Wire.concat(new byte[] {3}, "400".getBytes())));
            EngineHarness.Stop stop = h.stopped();
            assertFalse(stop.handshaked());
            assertEquals(SocketEvent.HANDSHAKE_FAILED_AUTH, stop.event());
            assertEquals(400, stop.value());
            assertTrue(stop.protocolError(), "libzmq does not reconnect after a failed handshake");
            assertTrue(h.channel.isClosed());
        }
    }

    @Test
    void aSocketClosingDuringTheHandshakeDropsTheConnection() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL)) {
            h.refuse = true;
            h.start();
            h.feed(Wire.greeting("NULL"), Wire.ready("Socket-Type", "PUSH"));
            assertEquals(1, h.handshakes);
            EngineHarness.Stop stop = h.stopped();
            assertTrue(stop.handshaked());
            assertTrue(h.channel.isClosed());
        }
    }

    @Test
    void aZmtp30PeerIsServedWithoutPings() {
        try (EngineHarness h = EngineHarness.zmtp(SocketType.PULL, SocketOption.HEARTBEAT_IVL, 100)) {
            h.start();
            h.feed(Wire.greeting(3, 0, "NULL", false), Wire.ready("Socket-Type", "PUSH"));
            h.writtenFrames();
            h.advance(1000);
            assertEquals(List.of(), h.writtenFrames(), "no PING to a 3.0 peer");
            assertNull(h.stop);
        }
    }
}
