package io.gannet.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.internal.crypto.X25519;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Gannet CURVE client engine and a Gannet CURVE server engine back to back in memory, the
 * clock never advanced: every handshake command (greeting, HELLO, WELCOME, INITIATE, READY)
 * must go out as a direct answer to what came in, never wait for a timer, a later read or
 * another connection's activity. Then a request and a reply cross, sealed and opened.
 */
class ZmtpCurveLoopbackTest {
    private final byte[] serverSecret = X25519.newSecretKey();
    private final byte[] serverPublic = X25519.publicKey(serverSecret);
    private final byte[] clientSecret = X25519.newSecretKey();

    private EngineHarness server() {
        return EngineHarness.zmtp(SocketType.REP, SocketOption.CURVE_SERVER, true,
                SocketOption.CURVE_SECRETKEY, serverSecret);
    }

    private EngineHarness client() {
        return EngineHarness.zmtp(SocketType.REQ, SocketOption.CURVE_SERVERKEY, serverPublic,
                SocketOption.CURVE_SECRETKEY, clientSecret);
    }

    /** Moves what each wrote to the other until neither writes more; returns how many crossings that took. */
    private static int exchange(EngineHarness a, EngineHarness b) {
        for (int i = 0; i < 10_000; i++) {
            byte[] fromA = a.written();
            byte[] fromB = b.written();
            if (fromA.length == 0 && fromB.length == 0) {
                return i;
            }
            b.feed(fromA);
            a.feed(fromB);
        }
        throw new AssertionError("the engines never went quiet");
    }

    @ParameterizedTest(name = "read chunk {0}")
    @ValueSource(ints = {1, 7, 65536})
    void handshakeCompletesWithoutAnyTimerThenARoundTripCrosses(int readChunk) {
        try (EngineHarness server = server(); EngineHarness client = client()) {
            server.channel.readChunk = readChunk;
            client.channel.readChunk = readChunk;
            client.start();
            server.start();
            exchange(client, server);
            assertNull(client.stop, "client still up");
            assertNull(server.stop, "server still up");
            assertEquals(1, client.handshakes, "client saw READY with the clock never advanced");
            assertEquals(1, server.handshakes, "server sent READY with the clock never advanced");

            client.send("", "ping");
            exchange(client, server);
            assertEquals(List.of(List.of("", "ping")), server.receiveAll());
            server.send("", "pong");
            exchange(client, server);
            assertEquals(List.of(List.of("", "pong")), client.receiveAll());
        }
    }

    @Test
    void handshakeTakesNoMoreCrossingsThanItsCommands() {
        try (EngineHarness server = server(); EngineHarness client = client()) {
            client.start();
            server.start();
            // greeting start, greeting rest + HELLO, WELCOME, INITIATE, READY: each crossing
            // answers the last without waiting for anything else.
            int crossings = exchange(client, server);
            assertEquals(1, client.handshakes);
            assertEquals(1, server.handshakes);
            assertTrue(crossings <= 6, "handshake took " + crossings + " crossings");
        }
    }
}
