package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import io.gannet.Context;
import io.gannet.CurveKeyPair;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;

import org.junit.jupiter.api.Test;

/**
 * Handshake metadata that lies about its lengths or goes beyond the limit, from a raw peer:
 * the connection is closed with a HANDSHAKE_FAILED_PROTOCOL event (libzmq 4.3.4 closes too,
 * with only DISCONNECTED), and the socket serves the next peer. The only limit on metadata
 * is the one on every frame, MAXMSGSIZE, which covers handshake commands as libzmq's does;
 * without it a 1 MB property is accepted, as libzmq accepts it. Also: CURVE_SERVER without
 * CURVE_SECRETKEY is refused at bind and connect with EINVAL.
 */
class HandshakeMetadataLimitsTest {
    private static final long MALFORMED_READY = 0x10000016L;
    private static final long MALFORMED_HELLO = 0x10000013L;
    private static final long UNSPECIFIED = 0x10000000L;

    @Test
    void readyMetadataWhoseLengthsLieClosesTheConnectionAndTheNextPeerIsServed() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.LINGER, 0);
            Monitor monitor = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL));
            pull.bind("tcp://127.0.0.1:*");

            ByteBuffer valueLie = command("READY", 40).put((byte) 11).put(ascii("Socket-Type")).putInt(-1).put(ascii("PUSH"));
            assertRefused(pull, monitor, "NULL", valueLie, MALFORMED_READY);
            ByteBuffer nameLie = command("READY", 40).put((byte) 255).put(ascii("Socket"));
            assertRefused(pull, monitor, "NULL", nameLie, MALFORMED_READY);
            ByteBuffer truncatedLength = command("READY", 40).put((byte) 11).put(ascii("Socket-Type")).put((byte) 0);
            assertRefused(pull, monitor, "NULL", truncatedLength, MALFORMED_READY);

            try (RawZmtpPeer good = new RawZmtpPeer(pull.lastEndpoint())) {
                good.handshake("PUSH");
                good.writeMessage("still served");
                assertEquals("still served", TestSupport.recv(pull));
            }
        }
    }

    @Test
    void aPlainHelloWhoseUsernameLengthLiesIsRefused() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.PLAIN_SERVER, true);
            pull.set(SocketOption.LINGER, 0);
            Monitor monitor = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL));
            pull.bind("tcp://127.0.0.1:*");
            ByteBuffer hello = command("HELLO", 10).put((byte) 200).put(ascii("ab"));
            assertRefused(pull, monitor, "PLAIN", hello, MALFORMED_HELLO);
        }
    }

    @Test
    void metadataBeyondMaxmsgsizeClosesTheConnection() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.MAXMSGSIZE, 64L * 1024);
            pull.set(SocketOption.LINGER, 0);
            Monitor monitor = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL));
            pull.bind("tcp://127.0.0.1:*");
            assertRefused(pull, monitor, "NULL", bigReady(1 << 20), UNSPECIFIED); // detail: the frame size and the limit
        }
    }

    @Test
    void aOneMegabytePropertyIsAcceptedWithoutMaxmsgsizeAsLibzmqAcceptsIt() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.LINGER, 0);
            pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer raw = new RawZmtpPeer(pull.lastEndpoint())) {
                raw.write(RawZmtpPeer.greeting(3, 1, "NULL"));
                raw.readFully(64);
                raw.write(frame(bigReady(1 << 20)));
                raw.writeMessage("after a big READY");
                assertEquals("after a big READY", TestSupport.recv(pull));
            }
        }
    }

    @Test
    void curveServerWithoutASecretKeyIsRefusedAtBindAndConnectWithEinval() {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            rep.set(SocketOption.CURVE_SERVER, true);
            GannetException bind = assertThrows(GannetException.class, () -> rep.bind("tcp://127.0.0.1:*"));
            assertEquals(ErrorCode.EINVAL, bind.code());
            assertTrue(bind.getMessage().contains("CURVE_SECRETKEY"), bind.getMessage());
            GannetException connect = assertThrows(GannetException.class, () -> rep.connect("tcp://127.0.0.1:5555"));
            assertEquals(ErrorCode.EINVAL, connect.code());

            rep.set(SocketOption.CURVE_SECRETKEY, CurveKeyPair.generate().secretKey());
            rep.bind("tcp://127.0.0.1:*"); // with the key, the same socket binds
        }
    }

    /** A READY with a Socket-Type and one property of {@code size} bytes. */
    private static ByteBuffer bigReady(int size) {
        ByteBuffer b = command("READY", 40 + size);
        b.put((byte) 11).put(ascii("Socket-Type")).putInt(4).put(ascii("PUSH"));
        b.put((byte) 3).put(ascii("x-a")).putInt(size).put(new byte[size]);
        return b;
    }

    private static ByteBuffer command(String name, int room) {
        return ByteBuffer.allocate(1 + name.length() + room).put((byte) name.length()).put(ascii(name));
    }

    /** A long command frame around the command written so far. */
    private static ByteBuffer frame(ByteBuffer command) {
        command.flip();
        return ByteBuffer.allocate(9 + command.remaining()).put((byte) 6).putLong(command.remaining()).put(command).flip();
    }

    private static void assertRefused(Socket server, Monitor monitor, String mechanism, ByteBuffer command, long code)
            throws IOException, InterruptedException {
        try (RawZmtpPeer raw = new RawZmtpPeer(server.lastEndpoint())) {
            raw.write(RawZmtpPeer.greeting(3, 1, mechanism));
            raw.readFully(64);
            try {
                raw.write(frame(command));
            } catch (IOException closedWhileWriting) {
                // the server may refuse on the size and close before the whole frame is written
            }
            MonitorEvent e = TestSupport.expect(monitor, SocketEvent.HANDSHAKE_FAILED_PROTOCOL);
            assertEquals(code, e.value(), e.toString());
            assertTrue(raw.closedByPeerWithin(TestSupport.TIMEOUT.toMillis()), "connection not closed");
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
