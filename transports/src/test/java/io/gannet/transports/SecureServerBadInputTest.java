package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import io.gannet.Context;
import io.gannet.CurveKeyPair;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;

import org.junit.jupiter.api.Test;

/**
 * Gannet PLAIN and CURVE servers against peers that break the handshake or the traffic, from
 * a raw socket or a man in the middle: each connection is closed with libzmq's monitor event
 * and code, while a well-behaved client on the same socket keeps talking and new clients are
 * still served (the I/O thread lives on).
 */
class SecureServerBadInputTest {
    private static final long CRYPTOGRAPHIC = 0x11000001L;
    private static final long MALFORMED_HELLO = 0x10000013L;
    private static final long UNEXPECTED_COMMAND = 0x10000001L;
    private static final long INVALID_SEQUENCE = 0x10000002L;

    private final CurveKeyPair serverKeys = CurveKeyPair.generate();

    @Test
    void rawCurveHellosThatBreakTheRulesCloseOnlyTheirConnection() throws Exception {
        try (Context ctx = new Context(); Socket pull = curveServer(ctx, SocketType.PULL);
             Socket good = curveClient(ctx, SocketType.PUSH)) {
            Monitor monitor = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL));
            pull.bind("tcp://127.0.0.1:*");
            good.connect(pull.lastEndpoint());
            good.send("before");
            assertEquals("before", TestSupport.recv(pull));

            assertRefused(pull, monitor, hello(199, 1, 0, 0), MALFORMED_HELLO);        // short
            assertRefused(pull, monitor, hello(200, 2, 0, 0), MALFORMED_HELLO);        // version
            assertRefused(pull, monitor, hello(200, 1, 0, 7), MALFORMED_HELLO);        // padding
            assertRefused(pull, monitor, hello(200, 1, 0, 0), CRYPTOGRAPHIC);          // box of zeros
            byte[] initiate = new byte[257];
            System.arraycopy("\bINITIATE".getBytes(StandardCharsets.US_ASCII), 0, initiate, 0, 9);
            assertRefused(pull, monitor, initiate, UNEXPECTED_COMMAND);                // before HELLO

            good.send("after");
            assertEquals("after", TestSupport.recv(pull));
            try (Socket late = curveClient(ctx, SocketType.PUSH)) {
                late.connect(pull.lastEndpoint());
                late.send("late");
                assertEquals("late", TestSupport.recv(pull));
            }
        }
    }

    @Test
    void aReplayedCurveMessageClosesItsConnectionWithLibzmqsEvent() throws Exception {
        assertTampered(TamperingProxy.Action.REPLAY, INVALID_SEQUENCE);
    }

    @Test
    void aDamagedCurveMessageClosesItsConnectionWithLibzmqsEvent() throws Exception {
        assertTampered(TamperingProxy.Action.DAMAGE, CRYPTOGRAPHIC);
    }

    private void assertTampered(TamperingProxy.Action action, long code) throws Exception {
        try (Context ctx = new Context(); Socket pull = curveServer(ctx, SocketType.PULL);
             Socket good = curveClient(ctx, SocketType.PUSH); Socket victim = curveClient(ctx, SocketType.PUSH)) {
            Monitor monitor = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.DISCONNECTED));
            pull.bind("tcp://127.0.0.1:*");
            good.connect(pull.lastEndpoint());
            // Frames from the client: HELLO (0), INITIATE (1), then the first MESSAGE (2).
            try (TamperingProxy proxy = new TamperingProxy(TestSupport.port(pull.lastEndpoint()), 2, action)) {
                victim.set(SocketOption.RECONNECT_IVL, 60_000);
                victim.connect(proxy.endpoint());
                victim.send("first");

                MonitorEvent failed = TestSupport.expect(monitor, SocketEvent.HANDSHAKE_FAILED_PROTOCOL);
                assertEquals(code, failed.value(), failed.toString());
                TestSupport.expect(monitor, SocketEvent.DISCONNECTED);

                good.send("still here");
                String first = TestSupport.recv(pull);
                if (first.equals("first")) { // a replay delivers the original once
                    first = TestSupport.recv(pull);
                }
                assertEquals("still here", first);
            }
        }
    }

    @Test
    void rawPlainHellosThatBreakTheRulesCloseOnlyTheirConnection() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(SocketOption.PLAIN_SERVER, true);
            Monitor monitor = pull.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_PROTOCOL,
                    SocketEvent.HANDSHAKE_FAILED_NO_DETAIL));
            pull.bind("tcp://127.0.0.1:*");
            assertRefused(pull, monitor, "PLAIN", new byte[] {5, 'H', 'E', 'L', 'L', 'O', 1, 'a', 3, 'b'},
                    SocketEvent.HANDSHAKE_FAILED_PROTOCOL, MALFORMED_HELLO);
            assertRefused(pull, monitor, "PLAIN", new byte[] {5, 'R', 'E', 'A', 'D', 'Y'},
                    SocketEvent.HANDSHAKE_FAILED_PROTOCOL, UNEXPECTED_COMMAND);
            // A well-formed HELLO, but no ZAP handler: libzmq 4.3 refuses every PLAIN client.
            assertRefused(pull, monitor, "PLAIN", new byte[] {5, 'H', 'E', 'L', 'L', 'O', 1, 'a', 1, 'b'},
                    SocketEvent.HANDSHAKE_FAILED_NO_DETAIL, 14);
        }
    }

    private static void assertRefused(Socket server, Monitor monitor, byte[] command, long code) throws IOException,
            InterruptedException {
        assertRefused(server, monitor, "CURVE", command, SocketEvent.HANDSHAKE_FAILED_PROTOCOL, code);
    }

    private static void assertRefused(Socket server, Monitor monitor, String mechanism, byte[] command,
                                      SocketEvent event, long code) throws IOException, InterruptedException {
        try (RawZmtpPeer raw = new RawZmtpPeer(server.lastEndpoint())) {
            raw.write(RawZmtpPeer.greeting(3, 1, mechanism));
            raw.readFully(64);
            raw.write(ByteBuffer.allocate(9 + command.length).put((byte) 6).putLong(command.length).put(command).flip());
            MonitorEvent e = TestSupport.expect(monitor, event);
            assertEquals(code, e.value(), e.toString());
            assertTrue(raw.closedByPeerWithin(TestSupport.TIMEOUT.toMillis()), "connection not closed");
        }
    }

    /** A HELLO of {@code size} bytes with the given version and one padding byte set to {@code pad}. */
    private static byte[] hello(int size, int major, int minor, int pad) {
        byte[] h = new byte[size];
        System.arraycopy("\5HELLO".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 6);
        h[6] = (byte) major;
        h[7] = (byte) minor;
        h[20] = (byte) pad;
        return h;
    }

    private Socket curveServer(Context ctx, SocketType type) {
        Socket s = ctx.socket(type);
        s.set(SocketOption.CURVE_SERVER, true);
        s.set(SocketOption.CURVE_SECRETKEY, serverKeys.secretKey());
        s.set(SocketOption.LINGER, 0);
        return s;
    }

    private Socket curveClient(Context ctx, SocketType type) {
        Socket s = ctx.socket(type);
        s.set(SocketOption.CURVE_SERVERKEY, serverKeys.publicKey());
        s.set(SocketOption.LINGER, 0);
        return s;
    }
}
