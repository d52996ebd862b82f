package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.ErrorCommand;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.ReadyCommand;
import io.gannet.internal.zmtp.TestBuffers;
import io.gannet.internal.zmtp.mechanism.Mechanism.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static io.gannet.internal.zmtp.TestBuffers.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NullMechanismTest {

    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    /** Passes every pending command from one mechanism to the other; true if something moved. */
    private boolean pump(Mechanism from, Mechanism to) {
        boolean moved = false;
        for (ByteBuf c = from.nextCommand(alloc); c != null; c = from.nextCommand(alloc)) {
            to.processCommand(c);
            c.release();
            moved = true;
        }
        return moved;
    }

    private void handshake(Mechanism a, Mechanism b) {
        boolean moved = true;
        while (moved) {
            moved = pump(a, b) | pump(b, a);
        }
    }

    @Test
    void dealerAndRouterCompleteHandshakeAndSeeEachOthersMetadata() {
        byte[] id = "worker-1".getBytes(StandardCharsets.US_ASCII);
        NullMechanism dealer = new NullMechanism(new HandshakeConfig(SocketType.DEALER, id,
                Metadata.builder().put("X-Zone", "eu").build()));
        NullMechanism router = new NullMechanism(new HandshakeConfig(SocketType.ROUTER, new byte[0], Metadata.EMPTY));
        assertEquals("NULL", dealer.name());
        assertEquals(Status.HANDSHAKING, router.status());
        assertEquals(Metadata.EMPTY, router.peerMetadata(), "no metadata before READY");
        handshake(dealer, router);
        assertEquals(Status.READY, dealer.status());
        assertEquals(Status.READY, router.status());
        assertEquals(SocketType.DEALER, router.peerSocketType());
        assertArrayEquals(id, router.peerIdentity());
        assertEquals("eu", router.peerMetadata().getString("x-zone"));
        assertEquals(SocketType.ROUTER, dealer.peerSocketType());
        assertArrayEquals(new byte[0], dealer.peerIdentity());
        assertNull(dealer.error());
        assertNull(dealer.nextCommand(alloc), "nothing more to send");
    }

    @Test
    void completesWhenPeerReadyArrivesBeforeOursIsSent() {
        NullMechanism pull = new NullMechanism(HandshakeConfig.of(SocketType.PULL));
        ByteBuf peerReady = ReadyCommand.encode(alloc, Metadata.builder().put("Socket-Type", "PUSH").build());
        assertEquals(Status.HANDSHAKING, pull.processCommand(peerReady));
        peerReady.release();
        ByteBuf ours = pull.nextCommand(alloc);
        assertTrue(CommandName.READY.matches(ours));
        assertEquals(Status.READY, pull.status());
        ours.release();
    }

    @Test
    void incompatibleSocketTypesFailWithClearReasonAndTellThePeer() {
        NullMechanism a = new NullMechanism(HandshakeConfig.of(SocketType.PUSH));
        NullMechanism b = new NullMechanism(HandshakeConfig.of(SocketType.PUSH));
        handshake(a, b);
        assertEquals(Status.ERROR, a.status());
        assertEquals(Status.ERROR, b.status());
        HandshakeError refused = b.error().error() == ProtocolError.INVALID_METADATA ? b.error() : a.error();
        HandshakeError told = refused == b.error() ? a.error() : b.error();
        assertEquals(ProtocolError.INVALID_METADATA, refused.error());
        assertEquals("peer socket type PUSH is incompatible with PUSH", refused.detail());
        assertEquals(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, refused.event());
        assertEquals(0x10000018, refused.eventValue());
        assertEquals(ProtocolError.PEER_ERROR, told.error(), "the refused side hears why through ERROR");
        assertTrue(told.detail().contains("incompatible"));
        assertNull(a.peerSocketType());
    }

    @Test
    void refusalAfterOurReadyWentSendsNoError() {
        NullMechanism push = new NullMechanism(HandshakeConfig.of(SocketType.PUSH));
        push.nextCommand(alloc).release(); // our READY is on its way
        ByteBuf peerReady = ReadyCommand.encode(alloc, Metadata.builder().put("Socket-Type", "PUSH").build());
        assertEquals(Status.ERROR, push.processCommand(peerReady));
        peerReady.release();
        assertEquals(ProtocolError.INVALID_METADATA, push.error().error());
        assertNull(push.nextCommand(alloc), "RFC 37 NULL grammar: no ERROR after a READY");
    }

    @Test
    void readyWithoutSocketTypeIsAcceptedAsLibzmqDoes() {
        NullMechanism rep = new NullMechanism(HandshakeConfig.of(SocketType.REP));
        rep.nextCommand(alloc).release();
        ByteBuf bare = alloc.heapBuffer().writeBytes(hex("05 52 45 41 44 59 01 41 00 00 00 00"));
        assertEquals(Status.READY, rep.processCommand(bare));
        bare.release();
        assertNull(rep.peerSocketType(), "the peer's type stays unknown");
        assertEquals("", rep.peerMetadata().getString("A"));
        assertNull(rep.nextCommand(alloc));
    }

    @Test
    void aFailedMechanismNeverSendsReady() {
        NullMechanism m = new NullMechanism(HandshakeConfig.of(SocketType.ROUTER));
        ByteBuf junk = alloc.heapBuffer().writeBytes(hex("04 50 49 4e 47 00 00"));
        assertEquals(Status.ERROR, m.processCommand(junk));
        junk.release();
        assertNull(m.nextCommand(alloc), "neither READY nor ERROR after a bad first command");
    }

    @Test
    void peerErrorWithZapStatusIsAnAuthFailure() {
        NullMechanism m = new NullMechanism(HandshakeConfig.of(SocketType.REQ));
        ByteBuf error = ErrorCommand.encode(alloc, "400");
        assertEquals(Status.ERROR, m.processCommand(error));
        error.release();
        assertEquals(ProtocolError.AUTH_FAILED, m.error().error());
        assertEquals(SocketEvent.HANDSHAKE_FAILED_AUTH, m.error().event());
        assertEquals(400, m.error().eventValue());
        assertNull(m.nextCommand(alloc), "no ERROR answers an ERROR");
    }

    @Test
    void rejectsBadHandshakeCommands() {
        assertFails("PING during handshake", "04 50 49 4e 47 00 00", ProtocolError.UNEXPECTED_COMMAND);
        assertFails("unknown command", "05 48 45 4c 4c 4f", ProtocolError.UNEXPECTED_COMMAND);
        assertFails("empty body", "", ProtocolError.MALFORMED_COMMAND);
        assertFails("name past end", "09 52 45 41 44 59", ProtocolError.MALFORMED_COMMAND);
        assertFails("READY property past end", "05 52 45 41 44 59 0b 53 6f 63 6b 65 74", ProtocolError.MALFORMED_READY);
        assertFails("unknown socket type", "05 52 45 41 44 59 0b 53 6f 63 6b 65 74 2d 54 79 70 65 00 00 00 06 43 4c 49 45 4e 54",
                ProtocolError.INVALID_METADATA);
        assertFails("ERROR reason past end", "05 45 52 52 4f 52 05 41", ProtocolError.MALFORMED_ERROR);
    }

    private void assertFails(String what, String hexBody, ProtocolError expected) {
        NullMechanism m = new NullMechanism(HandshakeConfig.of(SocketType.DEALER));
        ByteBuf ready = m.nextCommand(alloc);
        ready.release();
        ByteBuf body = alloc.heapBuffer().writeBytes(hex(hexBody));
        assertEquals(Status.ERROR, m.processCommand(body), what);
        body.release();
        assertEquals(expected, m.error().error(), what);
        ByteBuf owed = m.nextCommand(alloc);
        if (owed != null) {
            assertTrue(CommandName.ERROR.matches(owed));
            owed.release();
        }
    }

    @Test
    void rejectsDuplicateReady() {
        NullMechanism m = new NullMechanism(HandshakeConfig.of(SocketType.SUB));
        ByteBuf ready = ReadyCommand.encode(alloc, Metadata.builder().put("Socket-Type", "XPUB").build());
        assertEquals(Status.HANDSHAKING, m.processCommand(ready));
        assertEquals(Status.ERROR, m.processCommand(ready));
        ready.release();
        assertEquals(ProtocolError.UNEXPECTED_COMMAND, m.error().error());
        assertTrue(m.error().detail().contains("second READY"));
    }

    @Test
    void readyFromLibzmqRouterIsAccepted() {
        NullMechanism m = new NullMechanism(HandshakeConfig.of(SocketType.DEALER));
        m.nextCommand(alloc).release();
        ByteBuf ready = alloc.heapBuffer().writeBytes(hex("05 52 45 41 44 59 0b 53 6f 63 6b 65 74 2d 54 79 70 65 00 00 00 06"
                + "52 4f 55 54 45 52 08 49 64 65 6e 74 69 74 79 00 00 00 00"));
        assertEquals(Status.READY, m.processCommand(ready));
        ready.release();
        assertEquals(SocketType.ROUTER, m.peerSocketType());
    }

    @Test
    void trafficHooksAreIdentity() {
        NullMechanism m = new NullMechanism(HandshakeConfig.of(SocketType.PAIR));
        ByteBuf body = alloc.heapBuffer().writeByte(1);
        assertSame(body, m.encode(body, true, alloc));
        boolean[] seen = new boolean[1];
        assertTrue(m.decode(body, true, new FrameHandler() {
            @Override
            public boolean onMessageFrame(ByteBuf b, boolean more) {
                seen[0] = more && b == body;
                b.release();
                return true;
            }

            @Override
            public boolean onCommand(ByteBuf b) {
                b.release();
                return false;
            }
        }));
        assertTrue(seen[0]);
    }

    @Test
    void configRefusesReservedUserPropertiesAndLongIdentity() {
        assertThrows(IllegalArgumentException.class, () -> new HandshakeConfig(SocketType.DEALER, null,
                Metadata.builder().put("socket-type", "PUB").build()));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeConfig(SocketType.DEALER, new byte[256], Metadata.EMPTY));
    }
}
