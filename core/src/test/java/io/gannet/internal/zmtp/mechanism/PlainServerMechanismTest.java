package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketEvent;
import io.gannet.SocketType;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The PLAIN server against the PLAIN client, in memory: the handshake through a ZAP handler,
 * libzmq 4.3's refusal without one, its ERROR spelling after a 400, and the malformed HELLOs
 * and out-of-order commands of libzmq's test_security_plain.
 */
class PlainServerMechanismTest {
    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();
    private final List<List<byte[]>> requests = new ArrayList<>();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    private PlainServerMechanism server(boolean withHandler) {
        PlainServerMechanism s = new PlainServerMechanism(HandshakeConfig.of(SocketType.REP), "dom");
        s.zapClient(new ZapClient() {
            @Override
            public boolean request(List<byte[]> frames) {
                requests.add(frames);
                return withHandler;
            }

            @Override
            public String peerAddress() {
                return "127.0.0.1";
            }
        });
        return s;
    }

    private byte[] take(Mechanism m) {
        ByteBuf c = m.nextCommand(alloc);
        try {
            return c == null ? null : TestBuffers.bytes(c);
        } finally {
            if (c != null) {
                c.release();
            }
        }
    }

    private static Status feed(Mechanism m, byte[] body) {
        return m.processCommand(Unpooled.wrappedBuffer(body));
    }

    private static PlainClientMechanism client() {
        return new PlainClientMechanism(HandshakeConfig.of(SocketType.REQ), ascii("admin"), ascii("secret"));
    }

    @Test
    void aHandshakeThroughTheZapHandler() {
        PlainServerMechanism s = server(true);
        PlainClientMechanism c = client();
        assertEquals(Status.HANDSHAKING, feed(s, take(c)));
        List<byte[]> r = requests.get(0);
        assertEquals("1.0", text(r.get(1)));
        assertEquals("dom", text(r.get(3)));
        assertEquals("127.0.0.1", text(r.get(4)));
        assertEquals("PLAIN", text(r.get(6)));
        assertArrayEquals(ascii("admin"), r.get(7));
        assertArrayEquals(ascii("secret"), r.get(8));
        assertNull(take(s), "no WELCOME before the handler answers");
        s.zapReply(reply("200"), true);
        feed(c, take(s));
        assertEquals(Status.HANDSHAKING, feed(s, take(c)));
        byte[] ready = take(s);
        assertEquals(Status.READY, s.status());
        assertEquals(Status.READY, feed(c, ready));
        assertEquals("REQ", s.peerMetadata().getString("Socket-Type"));
        assertEquals("alice", s.zapProperties().getString("User-Id"));
    }

    @Test
    void withoutAHandlerTheClientIsRefusedAsLibzmq43RefusesIt() {
        PlainServerMechanism s = server(false);
        assertEquals(Status.ERROR, feed(s, take(client())));
        assertEquals(ProtocolError.ZAP_UNAVAILABLE, s.error().error());
        assertEquals(SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, s.error().event());
        assertEquals(14, s.error().eventValue());
    }

    @Test
    void a400IsToldInLibzmqsSpellingOfError() {
        PlainServerMechanism s = server(true);
        PlainClientMechanism c = client();
        feed(s, take(c));
        assertEquals(Status.ERROR, s.zapReply(reply("400"), true));
        byte[] error = take(s);
        assertArrayEquals(new byte[] {0x5E, 'R', 'R', 'O', 'R', 3, '4', '0', '0'}, error);
        assertEquals(Status.ERROR, feed(c, error));
        assertEquals(400, c.error().eventValue(), "a Gannet client reads it as libzmq's does");
    }

    @Test
    void malformedHellosAreRefused() {
        assertRefused(new byte[] {5, 'H', 'E', 'L', 'L', 'O'}, ProtocolError.MALFORMED_HELLO);
        assertRefused(new byte[] {5, 'H', 'E', 'L', 'L', 'O', 5, 'a'}, ProtocolError.MALFORMED_HELLO);
        assertRefused(new byte[] {5, 'H', 'E', 'L', 'L', 'O', 1, 'a'}, ProtocolError.MALFORMED_HELLO);
        assertRefused(new byte[] {5, 'H', 'E', 'L', 'L', 'O', 1, 'a', 1, 'b', 'c'}, ProtocolError.MALFORMED_HELLO);
        assertRefused(new byte[] {5, 'H', 'E', 'L', 'L', 'O', 1, 'a', 2, 'b'}, ProtocolError.MALFORMED_HELLO);
        assertRefused(new byte[] {8, 'I', 'N', 'I', 'T', 'I', 'A', 'T', 'E'}, ProtocolError.UNEXPECTED_COMMAND);
        assertRefused(new byte[] {9, 'H'}, ProtocolError.MALFORMED_COMMAND);
    }

    private void assertRefused(byte[] hello, ProtocolError expected) {
        PlainServerMechanism s = server(true);
        assertEquals(Status.ERROR, feed(s, hello));
        assertEquals(expected, s.error().error());
        assertNull(take(s));
    }

    @Test
    void aCommandWhileTheHandlerThinksIsRefused() {
        PlainServerMechanism s = server(true);
        PlainClientMechanism c = client();
        byte[] hello = take(c);
        feed(s, hello);
        assertEquals(Status.ERROR, feed(s, hello));
        assertEquals(ProtocolError.UNEXPECTED_COMMAND, s.error().error());
    }

    private static List<byte[]> reply(String status) {
        List<byte[]> r = new ArrayList<>();
        for (String f : new String[] {"", "1.0", "1", status, "text", "alice", ""}) {
            r.add(ascii(f));
        }
        return r;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
