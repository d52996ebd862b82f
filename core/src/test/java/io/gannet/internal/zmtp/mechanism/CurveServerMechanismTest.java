package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketType;
import io.gannet.internal.crypto.X25519;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.TestBuffers;
import io.gannet.internal.zmtp.mechanism.Mechanism.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The CURVE server against the CURVE client, in memory: the whole handshake, MESSAGE traffic
 * both ways, the ZAP exchange, and every malformed case of libzmq's test_security_curve
 * (short HELLO, bad version, bad padding, a box that does not open, a cookie from another
 * connection, a short or damaged INITIATE, oversized metadata, replayed and reordered
 * MESSAGE nonces), each refused with libzmq's protocol error.
 */
class CurveServerMechanismTest {
    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();
    private final byte[] serverSecret = X25519.newSecretKey();
    private final byte[] serverPublic = X25519.publicKey(serverSecret);
    private final byte[] clientSecret = X25519.newSecretKey();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    private CurveServerMechanism server() {
        return new CurveServerMechanism(HandshakeConfig.of(SocketType.ROUTER), "", serverPublic, serverSecret);
    }

    private CurveClientMechanism client(byte[] serverKey) {
        return new CurveClientMechanism(HandshakeConfig.of(SocketType.DEALER), serverKey,
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

    private static Status feed(Mechanism m, byte[] body) {
        return m.processCommand(Unpooled.wrappedBuffer(body));
    }

    /** Runs HELLO and WELCOME; returns the client's INITIATE. */
    private byte[] upToInitiate(CurveServerMechanism s, CurveClientMechanism c) {
        assertEquals(Status.HANDSHAKING, feed(s, take(c)));
        assertEquals(Status.HANDSHAKING, feed(c, take(s)));
        return take(c);
    }

    private void handshake(CurveServerMechanism s, CurveClientMechanism c) {
        assertEquals(Status.HANDSHAKING, feed(s, upToInitiate(s, c)));
        byte[] ready = take(s);
        assertEquals(Status.READY, s.status());
        assertEquals(Status.READY, feed(c, ready));
        assertEquals("DEALER", s.peerMetadata().getString("Socket-Type"));
    }

    @Test
    void aHandshakeAndMessagesBothWays() {
        CurveServerMechanism s = server();
        CurveClientMechanism c = client(serverPublic);
        handshake(s, c);
        assertEquals("hello", roundTrip(c, s, "hello"));
        assertEquals("world", roundTrip(s, c, "world"));
        assertEquals("again", roundTrip(c, s, "again"));
    }

    private String roundTrip(Mechanism from, Mechanism to, String text) {
        ByteBuf sealed = from.encode(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), false, alloc);
        List<String> got = new ArrayList<>();
        assertTrue(to.decode(sealed, false, collector(got)));
        return got.get(0);
    }

    private static FrameHandler collector(List<String> into) {
        return new FrameHandler() {
            @Override
            public boolean onMessageFrame(ByteBuf body, boolean more) {
                into.add(body.toString(StandardCharsets.UTF_8));
                body.release();
                return true;
            }

            @Override
            public boolean onCommand(ByteBuf body) {
                body.release();
                return true;
            }
        };
    }

    @Test
    void aReplayedMessageNonceIsRefused() {
        CurveServerMechanism s = server();
        CurveClientMechanism c = client(serverPublic);
        handshake(s, c);
        ByteBuf first = c.encode(Unpooled.copiedBuffer("one", StandardCharsets.UTF_8), false, alloc);
        byte[] copy = TestBuffers.bytes(first);
        assertTrue(s.decode(first, false, collector(new ArrayList<>())));
        assertFalse(s.decode(Unpooled.wrappedBuffer(copy), false, collector(new ArrayList<>())));
        assertError(s, ProtocolError.INVALID_SEQUENCE);
    }

    @Test
    void aReorderedMessageIsRefused() {
        CurveServerMechanism s = server();
        CurveClientMechanism c = client(serverPublic);
        handshake(s, c);
        ByteBuf one = c.encode(Unpooled.copiedBuffer("one", StandardCharsets.UTF_8), false, alloc);
        ByteBuf two = c.encode(Unpooled.copiedBuffer("two", StandardCharsets.UTF_8), false, alloc);
        assertTrue(s.decode(two, false, collector(new ArrayList<>())));
        assertFalse(s.decode(one, false, collector(new ArrayList<>())));
        assertError(s, ProtocolError.INVALID_SEQUENCE);
    }

    @Test
    void aDamagedMessageIsRefused() {
        CurveServerMechanism s = server();
        CurveClientMechanism c = client(serverPublic);
        handshake(s, c);
        byte[] m = TestBuffers.bytes(released(c.encode(Unpooled.copiedBuffer("one", StandardCharsets.UTF_8), false, alloc)));
        m[m.length - 1] ^= 1;
        assertFalse(s.decode(Unpooled.wrappedBuffer(m), false, collector(new ArrayList<>())));
        assertError(s, ProtocolError.CRYPTOGRAPHIC);
    }

    private static ByteBuf released(ByteBuf b) {
        ByteBuf copy = Unpooled.copiedBuffer(b);
        b.release();
        return copy;
    }

    @Test
    void aHelloForAnotherServerKeyDoesNotOpen() {
        CurveServerMechanism s = server();
        CurveClientMechanism c = client(X25519.publicKey(X25519.newSecretKey()));
        assertEquals(Status.ERROR, feed(s, take(c)));
        assertError(s, ProtocolError.CRYPTOGRAPHIC);
        assertNull(s.nextCommand(alloc), "nothing is said to a client that does not know the key");
    }

    @Test
    void malformedHellosAreRefusedAsLibzmqRefusesThem() {
        assertHelloRefused(h -> { }, 199, ProtocolError.MALFORMED_HELLO);         // short
        assertHelloRefused(h -> { }, 201, ProtocolError.MALFORMED_HELLO);         // long
        assertHelloRefused(h -> h[6] = 2, 200, ProtocolError.MALFORMED_HELLO);    // version 2.0
        assertHelloRefused(h -> h[7] = 1, 200, ProtocolError.MALFORMED_HELLO);    // version 1.1
        assertHelloRefused(h -> h[40] = 1, 200, ProtocolError.MALFORMED_HELLO);   // padding
        assertHelloRefused(h -> h[150] ^= 1, 200, ProtocolError.CRYPTOGRAPHIC);   // box
        assertHelloRefused(h -> h[115] ^= 1, 200, ProtocolError.CRYPTOGRAPHIC);   // nonce
        assertHelloRefused(h -> h[1] = 'J', 200, ProtocolError.UNEXPECTED_COMMAND); // name
    }

    private void assertHelloRefused(Consumer<byte[]> damage, int size, ProtocolError expected) {
        CurveServerMechanism s = server();
        byte[] hello = take(client(serverPublic));
        byte[] sent = Arrays.copyOf(hello, size);
        damage.accept(sent);
        assertEquals(Status.ERROR, feed(s, sent));
        assertError(s, expected);
    }

    @Test
    void anInitiateWithACookieFromAnotherConnectionIsRefused() {
        CurveServerMechanism s1 = server();
        CurveClientMechanism c1 = client(serverPublic);
        byte[] initiate1 = upToInitiate(s1, c1);
        CurveServerMechanism s2 = server();
        CurveClientMechanism c2 = client(serverPublic);
        byte[] initiate2 = upToInitiate(s2, c2);
        System.arraycopy(initiate1, 9, initiate2, 9, 96); // c1's cookie in c2's INITIATE
        assertEquals(Status.ERROR, feed(s2, initiate2));
        assertError(s2, ProtocolError.CRYPTOGRAPHIC);
    }

    @Test
    void damagedAndShortInitiatesAreRefused() {
        assertInitiateRefused(i -> Arrays.copyOf(i, 256), ProtocolError.MALFORMED_INITIATE);
        assertInitiateRefused(i -> flip(i, 30), ProtocolError.CRYPTOGRAPHIC);   // cookie box
        assertInitiateRefused(i -> flip(i, 200), ProtocolError.CRYPTOGRAPHIC);  // initiate box
        assertInitiateRefused(i -> flip(i, 108), ProtocolError.CRYPTOGRAPHIC);  // initiate nonce
        assertInitiateRefused(i -> flip(i, 2), ProtocolError.UNEXPECTED_COMMAND); // name
    }

    private static byte[] flip(byte[] b, int at) {
        b[at] ^= 1;
        return b;
    }

    private void assertInitiateRefused(UnaryOperator<byte[]> damage, ProtocolError expected) {
        CurveServerMechanism s = server();
        byte[] initiate = upToInitiate(s, client(serverPublic));
        assertEquals(Status.ERROR, feed(s, damage.apply(initiate)));
        assertError(s, expected);
    }

    @Test
    void aCommandBeforeHelloOrASecondHelloIsRefused() {
        CurveServerMechanism s = server();
        CurveClientMechanism c = client(serverPublic);
        byte[] hello = take(c);
        assertEquals(Status.HANDSHAKING, feed(s, hello));
        take(s);
        assertEquals(Status.ERROR, feed(s, hello));
        assertError(s, ProtocolError.UNEXPECTED_COMMAND);
    }

    @Test
    void aZapHandlerDecidesAndItsUserIdIsKept() {
        CurveServerMechanism s = server();
        List<List<byte[]>> requests = new ArrayList<>();
        s.zapClient(zapClient(requests));
        CurveClientMechanism c = client(serverPublic);
        assertEquals(Status.HANDSHAKING, feed(s, upToInitiate(s, c)));
        assertNull(s.nextCommand(alloc), "no READY before the handler answers");
        List<byte[]> request = requests.get(0);
        assertEquals("CURVE", new String(request.get(6), StandardCharsets.US_ASCII));
        assertArrayEquals(X25519.publicKey(clientSecret), request.get(7));
        assertEquals("10.1.2.3", new String(request.get(4), StandardCharsets.US_ASCII));
        s.zapReply(reply("200", "bob"), true);
        byte[] ready = take(s);
        assertEquals(Status.READY, s.status());
        assertEquals(Status.READY, feed(c, ready));
        assertEquals("bob", s.zapProperties().getString("User-Id"));
    }

    @Test
    void zapRefusalsAreAuthFailuresAnd300SaysNothing() {
        assertZapRefusal("400", 400, true);
        assertZapRefusal("500", 500, true);
        assertZapRefusal("300", 300, false);
    }

    private void assertZapRefusal(String code, int status, boolean errorSent) {
        CurveServerMechanism s = server();
        s.zapClient(zapClient(new ArrayList<>()));
        feed(s, upToInitiate(s, client(serverPublic)));
        assertEquals(Status.ERROR, s.zapReply(reply(code, ""), true));
        HandshakeError e = s.error();
        assertEquals(ProtocolError.AUTH_FAILED, e.error());
        assertEquals(status, e.eventValue());
        ByteBuf error = s.nextCommand(alloc);
        if (errorSent) {
            assertEquals("\5ERROR\3" + code, error.toString(StandardCharsets.US_ASCII));
            error.release();
        } else {
            assertNull(error);
        }
    }

    @Test
    void malformedZapRepliesFailWithLibzmqsZapErrors() {
        assertZapMalformed(reply("200", "").subList(0, 6), true, ProtocolError.ZAP_MALFORMED_REPLY);
        assertZapMalformed(reply("200", ""), false, ProtocolError.ZAP_MALFORMED_REPLY);
        assertZapMalformed(replace(reply("200", ""), 1, "2.0"), true, ProtocolError.ZAP_BAD_VERSION);
        assertZapMalformed(replace(reply("200", ""), 2, "7"), true, ProtocolError.ZAP_BAD_REQUEST_ID);
        assertZapMalformed(replace(reply("200", ""), 3, "201"), true, ProtocolError.ZAP_INVALID_STATUS_CODE);
        assertZapMalformed(replace(reply("200", ""), 0, "x"), true, ProtocolError.ZAP_UNSPECIFIED);
        assertZapMalformed(replace(reply("200", ""), 6, "\5Abc"), true, ProtocolError.ZAP_INVALID_METADATA);
    }

    private void assertZapMalformed(List<byte[]> reply, boolean flagsOk, ProtocolError expected) {
        CurveServerMechanism s = server();
        s.zapClient(zapClient(new ArrayList<>()));
        feed(s, upToInitiate(s, client(serverPublic)));
        assertEquals(Status.ERROR, s.zapReply(reply, flagsOk));
        assertError(s, expected);
        assertNull(s.nextCommand(alloc));
    }

    private static List<byte[]> replace(List<byte[]> frames, int i, String value) {
        List<byte[]> copy = new ArrayList<>(frames);
        copy.set(i, value.getBytes(StandardCharsets.ISO_8859_1));
        return copy;
    }

    private static List<byte[]> reply(String status, String userId) {
        List<byte[]> r = new ArrayList<>();
        for (String f : new String[] {"", "1.0", "1", status, "text", userId, ""}) {
            r.add(f.getBytes(StandardCharsets.US_ASCII));
        }
        return r;
    }

    private static ZapClient zapClient(List<List<byte[]>> requests) {
        return new ZapClient() {
            @Override
            public boolean request(List<byte[]> frames) {
                requests.add(frames);
                return true;
            }

            @Override
            public String peerAddress() {
                return "10.1.2.3";
            }
        };
    }

    private static void assertError(Mechanism m, ProtocolError expected) {
        assertEquals(Status.ERROR, m.status());
        assertEquals(expected, m.error().error(), m.error().toString());
    }
}
