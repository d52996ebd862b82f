package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.ErrorCommand;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.ReadyCommand;
import io.gannet.internal.zmtp.TestBuffers;
import io.gannet.internal.zmtp.mechanism.Mechanism.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class PlainClientMechanismTest {
    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    private PlainClientMechanism client() {
        return new PlainClientMechanism(HandshakeConfig.of(SocketType.REQ),
                "admin".getBytes(StandardCharsets.US_ASCII), "secret".getBytes(StandardCharsets.US_ASCII));
    }

    private Status feed(Mechanism m, ByteBuf body) {
        try {
            return m.processCommand(body);
        } finally {
            body.release();
        }
    }

    private ByteBuf bytes(int... b) {
        ByteBuf buf = alloc.buffer(b.length);
        for (int x : b) {
            buf.writeByte(x);
        }
        return buf;
    }

    private ByteBuf command(String name, String data) {
        byte[] d = data.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf body = Commands.allocate(alloc, Commands.name(name), d.length);
        return body.writeBytes(d);
    }

    private String take(Mechanism m) {
        ByteBuf c = m.nextCommand(alloc);
        try {
            return c == null ? null : c.toString(StandardCharsets.ISO_8859_1);
        } finally {
            if (c != null) {
                c.release();
            }
        }
    }

    private void toReadyWait(PlainClientMechanism m) {
        take(m);
        assertSame(Status.HANDSHAKING, feed(m, command("WELCOME", "")));
        take(m);
    }

    @Test
    void sendsHelloThenInitiateAndBecomesReadyOnReady() {
        PlainClientMechanism m = client();
        assertEquals("PLAIN", m.name());
        assertEquals("\u0005HELLO\u0005admin\u0006secret", take(m));
        assertNull(take(m), "nothing before WELCOME");
        assertSame(Status.HANDSHAKING, feed(m, command("WELCOME", "")));
        String initiate = take(m);
        assertEquals("\u0008INITIATE", initiate.substring(0, 9));
        assertEquals("Socket-Type", initiate.substring(10, 21));
        assertSame(Status.READY, feed(m, ReadyCommand.encode(alloc, Metadata.builder().put(Metadata.SOCKET_TYPE, "REP").build())));
        assertEquals(SocketType.REP, m.peerSocketType());
        assertNull(take(m));
    }

    @Test
    void anErrorWithAZapStatusIsAnAuthFailure() {
        PlainClientMechanism m = client();
        take(m);
        assertSame(Status.ERROR, feed(m, ErrorCommand.encode(alloc, "400")));
        assertEquals(SocketEvent.HANDSHAKE_FAILED_AUTH, m.error().event());
        assertEquals(400, m.error().eventValue());
        assertNull(take(m), "a client owes no ERROR");
    }

    @Test
    void libzmq43sMisspeltErrorIsAnAuthFailureToo() {
        PlainClientMechanism m = client();
        take(m);
        // what libzmq 4.3.4 sends: 0x5E "RROR" 0x03 "400"
        assertSame(Status.ERROR, feed(m, bytes(0x5E, 'R', 'R', 'O', 'R', 3, '4', '0', '0')));
        assertEquals(SocketEvent.HANDSHAKE_FAILED_AUTH, m.error().event());
        assertEquals(300, feedQuirkAfterWelcome("300"));
    }

    private long feedQuirkAfterWelcome(String status) {
        PlainClientMechanism m = client();
        toReadyWait(m);
        feed(m, bytes(0x5E, 'R', 'R', 'O', 'R', 3, status.charAt(0), status.charAt(1), status.charAt(2)));
        return m.error().eventValue();
    }

    @Test
    void aWelcomeWithDataIsMalformed() {
        PlainClientMechanism m = client();
        take(m);
        assertSame(Status.ERROR, feed(m, command("WELCOME", "x")));
        assertEquals(ProtocolError.MALFORMED_WELCOME, m.error().error());
    }

    @Test
    void commandsOutOfOrderAreUnexpected() {
        PlainClientMechanism early = client();
        take(early);
        assertSame(Status.ERROR, feed(early, ReadyCommand.encode(alloc, Metadata.builder().put(Metadata.SOCKET_TYPE, "REP").build())));
        assertEquals(ProtocolError.UNEXPECTED_COMMAND, early.error().error());

        PlainClientMechanism twice = client();
        toReadyWait(twice);
        assertSame(Status.ERROR, feed(twice, command("WELCOME", "")));
        assertEquals(ProtocolError.UNEXPECTED_COMMAND, twice.error().error());

        PlainClientMechanism hello = client();
        take(hello);
        assertSame(Status.ERROR, feed(hello, command("HELLO", "\u0001u\u0001p")));
        assertEquals(ProtocolError.UNEXPECTED_COMMAND, hello.error().error());
    }

    @Test
    void malformedBodiesFailWithoutThrowing() {
        PlainClientMechanism empty = client();
        take(empty);
        assertSame(Status.ERROR, feed(empty, bytes()));
        assertEquals(ProtocolError.MALFORMED_COMMAND, empty.error().error());

        PlainClientMechanism shortName = client();
        take(shortName);
        assertSame(Status.ERROR, feed(shortName, bytes(9, 'W')));

        PlainClientMechanism badError = client();
        take(badError);
        assertSame(Status.ERROR, feed(badError, command("ERROR", "\u0009ab")));
        assertEquals(ProtocolError.MALFORMED_ERROR, badError.error().error());
    }

    @Test
    void anIncompatibleServerIsRefused() {
        PlainClientMechanism m = client();
        toReadyWait(m);
        assertSame(Status.ERROR, feed(m, ReadyCommand.encode(alloc, Metadata.builder().put(Metadata.SOCKET_TYPE, "PUB").build())));
        assertEquals(ProtocolError.INVALID_METADATA, m.error().error());
    }

    @Test
    void securityConfigChoosesPlainOnlyWithAUserName() {
        HandshakeConfig h = HandshakeConfig.of(SocketType.REQ);
        assertEquals("NULL", SecurityConfig.of(null, null).mechanismName());
        assertEquals("NULL", SecurityConfig.of(null, new byte[]{1}).newMechanism(h).name());
        SecurityConfig plain = SecurityConfig.of(new byte[]{'u'}, null);
        assertEquals("PLAIN", plain.mechanismName());
        Mechanism m = plain.newMechanism(h);
        assertEquals("\u0005HELLO\u0001u\u0000", take(m));
    }
}
