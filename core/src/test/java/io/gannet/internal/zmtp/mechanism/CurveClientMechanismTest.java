package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.internal.crypto.CryptoBox;
import io.gannet.internal.crypto.X25519;
import io.gannet.internal.zmtp.Commands;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.TestBuffers;
import io.gannet.internal.zmtp.mechanism.Mechanism.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CURVE client against a server played by the test with {@link CryptoBox}: the whole
 * handshake, MESSAGE unwrapping, and the refusals (bad sizes, boxes that do not open,
 * replayed nonces, commands out of order). Interop with libzmq is CurveClientInteropTest's.
 */
class CurveClientMechanismTest {
    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();
    private final byte[] serverSecret = X25519.newSecretKey();
    private final byte[] serverPublic = X25519.publicKey(serverSecret);
    private final byte[] serverShortSecret = X25519.newSecretKey();
    private final byte[] clientSecret = X25519.newSecretKey();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    private CurveClientMechanism client() {
        return new CurveClientMechanism(HandshakeConfig.of(SocketType.DEALER), serverPublic,
                X25519.publicKey(clientSecret), clientSecret);
    }

    private byte[] take(Mechanism m) {
        ByteBuf c = m.nextCommand(alloc);
        try {
            return TestBuffers.bytes(c);
        } finally {
            c.release();
        }
    }

    private Status feed(Mechanism m, ByteBuf body) {
        try {
            return m.processCommand(body);
        } finally {
            body.release();
        }
    }

    private static byte[] nonce(String prefix, byte[] rest) {
        byte[] n = new byte[24];
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(p, 0, n, 0, p.length);
        System.arraycopy(rest, 0, n, p.length, rest.length);
        return n;
    }

    private static byte[] shortNonce(long n) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (n >>> (56 - 8 * i));
        }
        return b;
    }

    /** The server's WELCOME for a HELLO (whose C' is at bytes 80..112). */
    private ByteBuf welcome(byte[] hello, byte[] sealingServerSecret) {
        byte[] clientShort = Arrays.copyOfRange(hello, 80, 112);
        byte[] plain = new byte[128];
        System.arraycopy(X25519.publicKey(serverShortSecret), 0, plain, 0, 32);
        byte[] n16 = new byte[16];
        byte[] box = CryptoBox.seal(CryptoBox.beforenm(clientShort, sealingServerSecret), nonce("WELCOME-", n16), plain);
        ByteBuf body = Commands.allocate(alloc, Commands.name("WELCOME"), 16 + box.length);
        return body.writeBytes(n16).writeBytes(box);
    }

    private byte[] sessionKey(byte[] hello) {
        return CryptoBox.beforenm(Arrays.copyOfRange(hello, 80, 112), serverShortSecret);
    }

    private ByteBuf boxed(String name, String noncePrefix, long n, byte[] key, byte[] plain) {
        byte[] box = CryptoBox.seal(key, nonce(noncePrefix, shortNonce(n)), plain);
        ByteBuf body = Commands.allocate(alloc, Commands.name(name), 8 + box.length);
        return body.writeLong(n).writeBytes(box);
    }

    private byte[] readyMetadata() {
        Metadata md = Metadata.builder().put(Metadata.SOCKET_TYPE, "ROUTER").build();
        ByteBuf b = alloc.buffer();
        md.writeTo(b);
        try {
            return TestBuffers.bytes(b);
        } finally {
            b.release();
        }
    }

    @Test
    void completesTheHandshakeAndUnwrapsMessagesInNonceOrderOnly() {
        CurveClientMechanism m = client();
        byte[] hello = take(m);
        assertEquals(200, hello.length);
        assertSame(Status.HANDSHAKING, feed(m, welcome(hello, serverSecret)));
        byte[] initiate = take(m);
        assertEquals("INITIATE", new String(initiate, 1, 8, StandardCharsets.US_ASCII));
        byte[] key = sessionKey(hello);
        assertSame(Status.READY, feed(m, boxed("READY", "CurveZMQREADY---", 1, key, readyMetadata())));
        assertEquals(SocketType.ROUTER, m.peerSocketType());

        List<String> got = new ArrayList<>();
        FrameHandler out = new FrameHandler() {
            @Override
            public boolean onMessageFrame(ByteBuf body, boolean more) {
                got.add(body.toString(StandardCharsets.US_ASCII) + (more ? "+" : ""));
                body.release();
                return true;
            }

            @Override
            public boolean onCommand(ByteBuf body) {
                got.add("cmd:" + body.toString(StandardCharsets.US_ASCII));
                body.release();
                return true;
            }
        };
        assertTrue(m.decode(boxed("MESSAGE", "CurveZMQMESSAGES", 2, key, "\u0001hi".getBytes(StandardCharsets.US_ASCII)), false, out));
        assertTrue(m.decode(boxed("MESSAGE", "CurveZMQMESSAGES", 5, key, "\u0002\u0004PING".getBytes(StandardCharsets.US_ASCII)), false, out));
        assertEquals(List.of("hi+", "cmd:\u0004PING"), got);

        assertFalse(m.decode(boxed("MESSAGE", "CurveZMQMESSAGES", 5, key, "\u0000again".getBytes(StandardCharsets.US_ASCII)), false, out));
        assertEquals(ProtocolError.INVALID_SEQUENCE, m.error().error());
        assertEquals(2, got.size(), "the replay delivered nothing");
    }

    @Test
    void ourMessagesOpenWithTheServersKeyAndCountUp() {
        CurveClientMechanism m = client();
        byte[] hello = take(m);
        feed(m, welcome(hello, serverSecret));
        take(m);
        byte[] key = sessionKey(hello);
        feed(m, boxed("READY", "CurveZMQREADY---", 1, key, readyMetadata()));
        ByteBuf a = m.encode(alloc.buffer().writeBytes(new byte[] {'x'}), true, alloc);
        ByteBuf b = m.encodeCommand(alloc.buffer().writeBytes(new byte[] {4, 'P', 'O', 'N', 'G'}), alloc);
        byte[] wa = TestBuffers.bytes(a);
        byte[] wb = TestBuffers.bytes(b);
        a.release();
        b.release();
        long na = Unpooled.wrappedBuffer(wa).getLong(8);
        long nb = Unpooled.wrappedBuffer(wb).getLong(8);
        assertEquals(na + 1, nb);
        byte[] pa = CryptoBox.open(key, nonce("CurveZMQMESSAGEC", shortNonce(na)), Arrays.copyOfRange(wa, 16, wa.length));
        assertEquals("\u0001x", new String(pa, StandardCharsets.US_ASCII));
        byte[] pb = CryptoBox.open(key, nonce("CurveZMQMESSAGEC", shortNonce(nb)), Arrays.copyOfRange(wb, 16, wb.length));
        assertEquals(2, pb[0], "COMMAND flag");
    }

    @Test
    void aWelcomeFromTheWrongServerDoesNotOpen() {
        CurveClientMechanism m = client();
        byte[] hello = take(m);
        assertSame(Status.ERROR, feed(m, welcome(hello, X25519.newSecretKey())));
        assertEquals(ProtocolError.CRYPTOGRAPHIC, m.error().error());
        assertEquals(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, m.error().event());
    }

    @Test
    void aWelcomeOfTheWrongSizeIsMalformed() {
        CurveClientMechanism m = client();
        take(m);
        ByteBuf body = Commands.allocate(alloc, Commands.name("WELCOME"), 10).writeZero(10);
        assertSame(Status.ERROR, feed(m, body));
        assertEquals(ProtocolError.MALFORMED_WELCOME, m.error().error());
    }

    @Test
    void aReadyThatDoesNotOpenOrComesEarlyIsRefused() {
        CurveClientMechanism early = client();
        take(early);
        assertSame(Status.ERROR, feed(early, boxed("READY", "CurveZMQREADY---", 1, new byte[32], readyMetadata())));
        assertEquals(ProtocolError.UNEXPECTED_COMMAND, early.error().error());

        CurveClientMechanism forged = client();
        byte[] hello = take(forged);
        feed(forged, welcome(hello, serverSecret));
        take(forged);
        assertSame(Status.ERROR, feed(forged, boxed("READY", "CurveZMQREADY---", 1, new byte[32], readyMetadata())));
        assertEquals(ProtocolError.CRYPTOGRAPHIC, forged.error().error());
    }

    @Test
    void libzmq43sRefusalIsAnAuthFailure() {
        CurveClientMechanism m = client();
        byte[] hello = take(m);
        feed(m, welcome(hello, serverSecret));
        take(m);
        ByteBuf quirk = alloc.buffer().writeBytes(new byte[] {0x5E, 'R', 'R', 'O', 'R', 3, '4', '0', '0'});
        assertSame(Status.ERROR, feed(m, quirk));
        assertEquals(SocketEvent.HANDSHAKE_FAILED_AUTH, m.error().event());
        assertEquals(400, m.error().eventValue());
    }
}
