package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * STREAM sockets (libzmq's ZMQ_STREAM) against plain, non-ZeroMQ peers: java.nio channels
 * acting as an HTTP-like client or a line server, over tcp and ipc.
 */
class StreamSocketTest {
    private static final byte[] EMPTY = new byte[0];

    @TempDir
    Path dir;

    // ---- helpers ----------------------------------------------------------------------------

    /** One received STREAM message: the connection's routing id and its data. */
    private record Received(byte[] id, byte[] data) {
    }

    private static Received recv(Socket s) {
        Msg id = s.recv(TestSupport.TIMEOUT);
        assertNotNull(id, "no message within " + TestSupport.TIMEOUT);
        try (id) {
            assertTrue(id.hasMore(), "a routing id frame comes first");
            Msg data = s.recv(TestSupport.TIMEOUT);
            assertNotNull(data, "the data frame follows the id");
            try (data) {
                assertFalse(data.hasMore(), "STREAM messages have two frames");
                return new Received(id.bytes(), data.bytes());
            }
        }
    }

    /** Receives data from connection {@code id} until {@code n} bytes came, concatenated. */
    private static byte[] recvBytes(Socket s, byte[] id, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        while (out.size() < n) {
            Received r = recv(s);
            assertArrayEquals(id, r.id());
            assertTrue(r.data().length > 0, "no disconnect before all the data");
            out.writeBytes(r.data());
        }
        assertEquals(n, out.size());
        return out.toByteArray();
    }

    private static void send(Socket s, byte[] id, byte[] data) {
        assertTrue(s.sendMore(id));
        assertTrue(s.send(data));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 11));
        }
        return b;
    }

    private String bindEndpoint(String transport) {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : "ipc://" + dir.resolve("stream.sock");
    }

    /** The address a plain client connects to for a Gannet endpoint. */
    private static SocketAddress address(String endpoint) {
        if (endpoint.startsWith("tcp://")) {
            return new InetSocketAddress("127.0.0.1", TestSupport.port(endpoint));
        }
        return UnixDomainSocketAddress.of(endpoint.substring("ipc://".length()));
    }

    /** A plain listening channel and the endpoint a Gannet socket connects to it with. */
    private ServerSocketChannel plainServer(String transport) throws IOException {
        if (transport.equals("tcp")) {
            return ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        }
        return ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(
                dir.resolve("plain.sock")));
    }

    private static String endpointOf(ServerSocketChannel server) throws IOException {
        SocketAddress a = server.getLocalAddress();
        if (a instanceof InetSocketAddress) {
            return "tcp://127.0.0.1:" + ((InetSocketAddress) a).getPort();
        }
        return "ipc://" + ((UnixDomainSocketAddress) a).getPath();
    }

    // ---- a STREAM server and a plain client ------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void serverAnswersAPlainClientAndClosesTheConnection(String transport) throws Exception {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.STREAM)) {
            server.bind(bindEndpoint(transport));
            try (PlainChannel client = PlainChannel.connect(address(server.lastEndpoint()))) {
                Received hello = recv(server);
                assertArrayEquals(EMPTY, hello.data(), "a new connection is announced with empty data");
                byte[] id = hello.id();

                byte[] request = ascii("GET /index.html HTTP/1.0\r\nHost: localhost\r\n\r\n");
                client.write(request);
                assertArrayEquals(request, recvBytes(server, id, request.length));

                byte[] response = ascii("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nHello, World!");
                send(server, id, response);
                send(server, id, EMPTY); // closes the connection after the response

                assertArrayEquals(response, client.readToEof(), "the whole response, then EOF");
                assertNull(server.recv(Duration.ofMillis(100)), "no notice for a connection closed here");
                GannetException e = assertThrows(GannetException.class, () -> server.sendMore(id));
                assertEquals(ErrorCode.EHOSTUNREACH, e.code(), "a closed connection's id is unknown");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void connectAndDisconnectAreAnnouncedWithTheSameId(String transport) throws Exception {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.STREAM)) {
            server.bind(bindEndpoint(transport));
            byte[] first;
            try (PlainChannel a = PlainChannel.connect(address(server.lastEndpoint()));
                 PlainChannel b = PlainChannel.connect(address(server.lastEndpoint()))) {
                Received ra = recv(server);
                Received rb = recv(server);
                assertArrayEquals(EMPTY, ra.data());
                assertArrayEquals(EMPTY, rb.data());
                assertFalse(Arrays.equals(ra.id(), rb.id()), "each connection has its own id");
                assertEquals(5, ra.id().length, "libzmq-style generated ids");
                assertEquals(0, ra.id()[0]);

                a.write(ascii("from a"));
                Received data = recv(server);
                assertArrayEquals(ascii("from a"), data.data());
                first = data.id();
                assertTrue(Arrays.equals(first, ra.id()) || Arrays.equals(first, rb.id()));
                a.close();

                Received bye = recv(server);
                assertArrayEquals(first, bye.id(), "the closed connection's id");
                assertArrayEquals(EMPTY, bye.data(), "a closed connection is announced with empty data");
            }
            Received bye = recv(server);
            assertFalse(Arrays.equals(first, bye.id()));
            assertArrayEquals(EMPTY, bye.data());
        }
    }

    @Test
    void withoutStreamNotifyOnlyDataArrives() throws Exception {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.STREAM)) {
            assertTrue(server.get(SocketOption.STREAM_NOTIFY), "on by default, as in libzmq");
            server.set(SocketOption.STREAM_NOTIFY, false);
            server.bind("tcp://127.0.0.1:*");
            try (PlainChannel client = PlainChannel.connect(address(server.lastEndpoint()))) {
                client.write(ascii("x"));
                Received r = recv(server);
                assertArrayEquals(ascii("x"), r.data(), "no connect notice first");
                send(server, r.id(), ascii("y"));
                assertArrayEquals(ascii("y"), client.read(1));
            }
            assertNull(server.recv(Duration.ofMillis(100)), "no disconnect notice either");
        }
    }

    @Test
    void unknownRoutingIdIsEhostunreach() {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.STREAM)) {
            server.bind("tcp://127.0.0.1:*");
            GannetException e = assertThrows(GannetException.class, () -> server.sendMore(new byte[] {0, 1, 2, 3, 4}));
            assertEquals(ErrorCode.EHOSTUNREACH, e.code());
        }
    }

    @Test
    void streamDoesNotTalkToZmtpSocketsOverInproc() {
        try (Context ctx = new Context(); Socket stream = ctx.socket(SocketType.STREAM);
             Socket dealer = ctx.socket(SocketType.DEALER)) {
            assertFalse(SocketType.STREAM.compatibleWith(SocketType.DEALER));
            assertFalse(SocketType.STREAM.compatibleWith(SocketType.STREAM));
            stream.bind("inproc://raw");
            assertThrows(GannetException.class, () -> dealer.connect("inproc://raw"));
        }
    }

    // ---- a STREAM client and a plain server ------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void clientTalksToAPlainServer(String transport) throws Exception {
        try (ServerSocketChannel listener = plainServer(transport);
             Context ctx = new Context(); Socket client = ctx.socket(SocketType.STREAM)) {
            String endpoint = endpointOf(listener);
            client.connect(endpoint);
            assertEquals(endpoint, client.lastEndpoint());
            try (PlainChannel server = new PlainChannel(listener.accept())) {
                Received connected = recv(client);
                assertArrayEquals(EMPTY, connected.data(), "the connection is announced");
                byte[] id = connected.id();

                send(client, id, ascii("PING\n"));
                assertArrayEquals(ascii("PING\n"), server.read(5));
                server.write(ascii("PONG\n"));
                assertArrayEquals(ascii("PONG\n"), recvBytes(client, id, 5));

                server.close();
                Received closed = recv(client);
                assertArrayEquals(id, closed.id());
                assertArrayEquals(EMPTY, closed.data(), "the server's close is announced");
            }
        }
    }

    // ---- large payloads --------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void largePayloadsArriveWholeAndInOrderBothWays(String transport) throws Exception {
        int size = 4 << 20;
        byte[] payload = pattern(size);
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.STREAM)) {
            server.bind(bindEndpoint(transport));
            try (PlainChannel client = PlainChannel.connect(address(server.lastEndpoint()))) {
                byte[] id = recv(server).id();

                Thread writer = new Thread(() -> {
                    try {
                        client.write(payload);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.start();
                assertArrayEquals(payload, recvBytes(server, id, size), "read in pieces, concatenated in order");
                writer.join();

                int chunk = 100_000;
                for (int off = 0; off < size; off += chunk) {
                    send(server, id, Arrays.copyOfRange(payload, off, Math.min(size, off + chunk)));
                }
                send(server, id, EMPTY);
                assertArrayEquals(payload, client.readToEof(), "sent in pieces, written in order");
            }
        }
    }

    @Test
    void fullRcvhwmStopsReadingWithoutLosingBytes() throws Exception {
        int size = 2 << 20;
        byte[] payload = pattern(size);
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.STREAM)) {
            server.set(SocketOption.RCVHWM, 2);
            server.bind("tcp://127.0.0.1:*");
            try (PlainChannel client = PlainChannel.connect(address(server.lastEndpoint()))) {
                byte[] id = recv(server).id();
                Thread writer = new Thread(() -> {
                    try {
                        client.write(payload);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.start();
                // Two queued reads fill the pipe: the engine stops reading until these are taken.
                assertArrayEquals(payload, recvBytes(server, id, size));
                writer.join();
            }
        }
    }
}
