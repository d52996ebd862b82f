package io.gannet.transports.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gannet STREAM against libzmq 4.3 STREAM: raw bytes both ways, with the connect and
 * disconnect notifications (empty data frames) each side gives its application.
 */
@LibzmqInterop
class LibzmqStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final byte[] EMPTY = new byte[0];

    private static String endpoint(LibzmqPeers peers, String transport) {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : peers.ipcEndpoint("stream.sock");
    }

    /** Receives one [id, data] message from a Gannet STREAM socket. */
    private static byte[][] recv(Socket s) {
        Msg id = s.recv(WAIT);
        assertNotNull(id, "no message from libzmq within " + WAIT);
        try (id) {
            assertTrue(id.hasMore());
            Msg data = s.recv(WAIT);
            assertNotNull(data);
            try (data) {
                return new byte[][] {id.bytes(), data.bytes()};
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void libzmqEchoPeerReturnsEveryByteInOrder(String transport, LibzmqPeers peers) {
        LibzmqPeer echo = peers.peer(SocketType.STREAM).bind(endpoint(peers, transport)).mode("echo").start();
        String endpoint = echo.awaitReady(WAIT);
        byte[] payload = new byte[1 << 20];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i ^ (i >>> 8));
        }
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.STREAM)) {
            s.connect(endpoint);
            byte[][] hello = recv(s);
            assertArrayEquals(EMPTY, hello[1], "the connection is announced");
            byte[] id = hello[0];

            int chunk = 50_000;
            for (int off = 0; off < payload.length; off += chunk) {
                s.sendMore(id);
                s.send(Arrays.copyOfRange(payload, off, Math.min(payload.length, off + chunk)));
            }
            ByteArrayOutputStream echoed = new ByteArrayOutputStream(payload.length);
            while (echoed.size() < payload.length) {
                byte[][] m = recv(s);
                assertArrayEquals(id, m[0]);
                assertTrue(m[1].length > 0, "the connection stays open");
                echoed.writeBytes(m[1]);
            }
            assertArrayEquals(payload, echoed.toByteArray());

            s.sendMore(id);
            s.send(EMPTY); // close it: libzmq sees the disconnect (and does not echo it)
        }
        echo.stop();
        // The peer counts the routing-id frames it echoed too: 5 bytes per message.
        PeerSummary done = echo.awaitDone(WAIT);
        assertEquals(payload.length + 5 * done.count(), done.getLong("bytes"), "every byte echoed once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void gannetServerAndLibzmqClientExchangeAndSeeTheClose(String transport, LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.STREAM)) {
            server.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : peers.ipcEndpoint("gannet-stream.sock"));
            LibzmqPeer client = peers.peer(SocketType.STREAM).connect(server.lastEndpoint()).mode("lines").start();

            byte[][] hello = recv(server);
            assertArrayEquals(EMPTY, hello[1]);
            byte[] id = hello[0];
            List<byte[]> connected = client.recv(WAIT);
            assertEquals(2, connected.size());
            assertArrayEquals(EMPTY, connected.get(1), "libzmq announces the connection too");
            byte[] theirId = connected.get(0);

            server.sendMore(id);
            server.send("hello from gannet");
            List<byte[]> got = client.recv(WAIT);
            assertArrayEquals(theirId, got.get(0));
            assertArrayEquals(ascii("hello from gannet"), got.get(1));

            client.send(WAIT, theirId, ascii("hello from libzmq"));
            byte[][] reply = recv(server);
            assertArrayEquals(id, reply[0]);
            assertArrayEquals(ascii("hello from libzmq"), reply[1]);

            server.sendMore(id);
            server.send(EMPTY); // Gannet closes the connection
            List<byte[]> closed = client.recv(WAIT);
            assertArrayEquals(theirId, closed.get(0));
            assertArrayEquals(EMPTY, closed.get(1), "libzmq announces the disconnect");

            // libzmq connects again: a new connection with a new id on each side.
            byte[][] again = recv(server);
            assertArrayEquals(EMPTY, again[1]);
            assertFalse(Arrays.equals(id, again[0]));
            assertArrayEquals(EMPTY, client.recv(WAIT).get(1));

            // libzmq 4.3.4 does not always close a connection on an empty data frame sent
            // after data (it holds it open); closing its socket always does.
            client.writeLine("close");
            byte[][] bye = recv(server);
            assertArrayEquals(again[0], bye[0]);
            assertArrayEquals(EMPTY, bye[1], "Gannet announces the disconnect");
            client.awaitDone(WAIT);
        }
    }
}
