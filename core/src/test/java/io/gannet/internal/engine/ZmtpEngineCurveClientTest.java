package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.internal.crypto.CryptoBox;
import io.gannet.internal.crypto.X25519;
import io.gannet.internal.zmtp.ProtocolError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CURVE client engine against a server played by hand (RFC 26 commands built with the
 * crypto box): the handshake goes out plain, then every message and command travels
 * encrypted inside MESSAGE frames both ways, and a MESSAGE that does not open ends the
 * connection.
 */
class ZmtpEngineCurveClientTest {
    private final byte[] serverSecret = X25519.newSecretKey();
    private final byte[] serverPublic = X25519.publicKey(serverSecret);
    private final byte[] serverShortSecret = X25519.newSecretKey();
    private final byte[] clientSecret = X25519.newSecretKey();
    /** The session key, once the client's HELLO is known. */
    private byte[] key;
    private long serverNonce = 1;

    private EngineHarness client() {
        return EngineHarness.zmtp(SocketType.DEALER, SocketOption.CURVE_SERVERKEY, serverPublic,
                SocketOption.CURVE_PUBLICKEY, X25519.publicKey(clientSecret), SocketOption.CURVE_SECRETKEY, clientSecret);
    }

    private static byte[] nonce(String prefix, byte[] rest) {
        byte[] n = new byte[CryptoBox.NONCE_LENGTH];
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(p, 0, n, 0, p.length);
        System.arraycopy(rest, 0, n, p.length, rest.length);
        return n;
    }

    private static byte[] shortNonce(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    /** The server's WELCOME for a HELLO body (whose C' is at bytes 80..112). */
    private byte[] welcome(byte[] hello) {
        byte[] clientShort = Arrays.copyOfRange(hello, 80, 112);
        byte[] plain = new byte[128];
        System.arraycopy(X25519.publicKey(serverShortSecret), 0, plain, 0, 32);
        byte[] n16 = new byte[16];
        byte[] box = CryptoBox.seal(CryptoBox.beforenm(clientShort, serverSecret), nonce("WELCOME-", n16), plain);
        key = CryptoBox.beforenm(clientShort, serverShortSecret);
        return Wire.command("WELCOME", Wire.concat(n16, box));
    }

    /** A command whose data is a short nonce and a box sealed with the session key. */
    private byte[] boxed(String name, String noncePrefix, byte[] plain) {
        long n = serverNonce++;
        byte[] box = CryptoBox.seal(key, nonce(noncePrefix, shortNonce(n)), plain);
        return Wire.command(name, Wire.concat(shortNonce(n), box));
    }

    /** A server MESSAGE carrying one frame: flags (1 MORE, 2 COMMAND), then the body. */
    private byte[] message(int flags, byte[] body) {
        return boxed("MESSAGE", "CurveZMQMESSAGES", Wire.concat(new byte[] {(byte) flags}, body));
    }

    /** Opens a client MESSAGE (framed as libzmq 4.3 does: a message frame without MORE): its flags byte and body. */
    private byte[] open(Wire.Frame f) {
        assertEquals(false, f.more());
        byte[] body = f.body();
        assertEquals("MESSAGE", new String(body, 1, body[0], StandardCharsets.US_ASCII));
        byte[] data = Arrays.copyOfRange(body, 1 + body[0], body.length);
        byte[] plain = CryptoBox.open(key, nonce("CurveZMQMESSAGEC", Arrays.copyOf(data, 8)),
                Arrays.copyOfRange(data, 8, data.length));
        return plain;
    }

    private EngineHarness handshaken() {
        EngineHarness h = client();
        h.start();
        h.feed(Wire.greeting(3, 1, "CURVE", true));
        List<Wire.Frame> hello = h.writtenFrames();
        assertEquals("HELLO", hello.get(0).name());
        h.feed(welcome(hello.get(0).body()));
        assertEquals("INITIATE", h.writtenFrames().get(0).name());
        h.feed(boxed("READY", "CurveZMQREADY---", Wire.metadata("Socket-Type", "ROUTER")));
        assertEquals(1, h.handshakes, "the handshake succeeded");
        assertEquals(SocketType.ROUTER, h.engine.peerType());
        return h;
    }

    @Test
    void messagesAndCommandsTravelEncryptedBothWays() {
        try (EngineHarness h = handshaken()) {
            h.feed(message(1, Wire.ascii("")), message(0, Wire.ascii("hello")));
            assertEquals(List.of(List.of("", "hello")), h.receiveAll());

            h.send("a", "b");
            List<Wire.Frame> out = h.writtenFrames();
            assertEquals(2, out.size());
            assertArrayEquals(Wire.concat(new byte[] {1}, Wire.ascii("a")), open(out.get(0)));
            assertArrayEquals(Wire.concat(new byte[] {0}, Wire.ascii("b")), open(out.get(1)));

            h.feed(message(2, Wire.commandBody("PING", new byte[] {0, 0, 'c'})));
            byte[] pong = open(h.writtenFrames().get(0));
            assertEquals(2, pong[0], "a command inside");
            assertEquals("PONG", new String(pong, 2, 4, StandardCharsets.US_ASCII));
            assertNull(h.stop);
        }
    }

    @Test
    void aMessageThatDoesNotOpenEndsTheConnection() {
        try (EngineHarness h = handshaken()) {
            byte[] good = message(0, Wire.ascii("ok"));
            h.feed(good);
            h.feed(good); // the same nonce again: a replay
            EngineHarness.Stop stop = h.stopped();
            assertTrue(stop.handshaked());
            assertTrue(stop.protocolError());
            assertEquals(ProtocolError.INVALID_SEQUENCE.zmqCode(), stop.value());
            assertEquals(List.of(List.of("ok")), h.receiveAll());
        }
    }
}
