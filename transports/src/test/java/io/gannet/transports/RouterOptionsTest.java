package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CONNECT_ROUTING_ID and ROUTER_NOTIFY over every transport they apply to. */
class RouterOptionsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void connectRoutingIdNamesThePeerAndMessagesWaitForTheConnection(String transport) throws Exception {
        try (Context ctx = new Context();
             Socket router = ctx.socket(SocketType.ROUTER);
             Socket server = ctx.socket(SocketType.ROUTER)) {
            server.set(SocketOption.ROUTING_ID, bytes("server"));
            router.set(SocketOption.ROUTING_ID, bytes("client"));
            String ep = endpoint(transport);
            router.set(SocketOption.CONNECT_ROUTING_ID, bytes("srv")).connect(ep);
            // Sent before the peer even exists: queued for "srv" (libzmq: "immediately ready").
            router.set(SocketOption.ROUTER_MANDATORY, true);
            router.sendMore("srv");
            router.send("early");
            server.bind(ep);
            Multipart got = server.recvMultipart();
            assertEquals("client", got.get(0).string(), "the peer sees our ROUTING_ID, not the connect id");
            assertEquals("early", got.get(1).string());
            got.close();

            server.sendMore("client");
            server.send("reply");
            Multipart reply = router.recvMultipart();
            assertEquals("srv", reply.get(0).string(), "the peer is known by the connect id, not its ROUTING_ID");
            assertEquals("reply", reply.get(1).string());
            reply.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void connectRoutingIdAppliesToTheNextConnectOnly(String transport) throws Exception {
        try (Context ctx = new Context();
             Socket router = ctx.socket(SocketType.ROUTER);
             Socket a = ctx.socket(SocketType.DEALER);
             Socket b = ctx.socket(SocketType.DEALER)) {
            a.set(SocketOption.ROUTING_ID, bytes("a-own")).bind(endpoint(transport));
            b.set(SocketOption.ROUTING_ID, bytes("b-own")).bind(endpoint(transport));
            router.set(SocketOption.CONNECT_ROUTING_ID, bytes("A")).connect(a.lastEndpoint());
            router.connect(b.lastEndpoint());
            a.send("from a");
            b.send("from b");
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                Multipart m = router.recvMultipart();
                ids.add(m.get(0).string());
                m.close();
            }
            assertEquals(Set.of("A", "b-own"), ids);
            assertEquals(ErrorCode.EINVAL,
                    assertThrows(GannetException.class, () -> router.get(SocketOption.CONNECT_ROUTING_ID)).code(),
                    "write-only, as in libzmq");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void routerNotifyDeliversConnectAndDisconnect(String transport) throws Exception {
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER)) {
            router.set(SocketOption.ROUTER_NOTIFY, SocketOption.NOTIFY_CONNECT | SocketOption.NOTIFY_DISCONNECT);
            router.bind(endpoint(transport));
            Socket dealer = ctx.socket(SocketType.DEALER);
            dealer.set(SocketOption.ROUTING_ID, bytes("d1")).connect(router.lastEndpoint());
            assertNotice(router, "d1");
            dealer.send("hello");
            Multipart m = router.recvMultipart();
            assertEquals("hello", m.get(1).string());
            m.close();
            dealer.close();
            assertNotice(router, "d1");
        }
    }

    @ParameterizedTest(name = "notify={0}")
    @ValueSource(ints = {SocketOption.NOTIFY_CONNECT, SocketOption.NOTIFY_DISCONNECT})
    void eachNotificationCanBeChosenAloneAlsoWhenTheRouterConnects(int notify) throws Exception {
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER); Socket dealer = ctx.socket(SocketType.DEALER)) {
            dealer.set(SocketOption.ROUTING_ID, bytes("d")).bind("tcp://127.0.0.1:*");
            router.set(SocketOption.ROUTER_NOTIFY, notify).connect(dealer.lastEndpoint());
            if (notify == SocketOption.NOTIFY_CONNECT) {
                assertNotice(router, "d");
                dealer.unbind(dealer.lastEndpoint());
                dealer.close();
            } else {
                dealer.send("data"); // proves the connection is up before it goes
                Multipart m = router.recvMultipart();
                assertEquals("data", m.get(1).string());
                m.close();
                dealer.close();
                assertNotice(router, "d");
            }
            assertNull(router.recv(Duration.ofMillis(200)), "only the chosen notification");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {-1, 4})
    void routerNotifyTakesOnlyItsFlags(int bad) {
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER); Socket dealer = ctx.socket(SocketType.DEALER)) {
            assertThrows(GannetException.class, () -> router.set(SocketOption.ROUTER_NOTIFY, bad));
            assertThrows(GannetException.class, () -> dealer.set(SocketOption.ROUTER_NOTIFY, 1), "ROUTER only");
            assertThrows(GannetException.class, () -> dealer.set(SocketOption.CONNECT_ROUTING_ID, bytes("x")));
            assertThrows(GannetException.class, () -> router.set(SocketOption.CONNECT_ROUTING_ID, new byte[] {0, 1}));
        }
    }

    /** The next message is [id, empty]: a notification. */
    private static void assertNotice(Socket router, String id) {
        Msg first = router.recv(TestSupport.TIMEOUT);
        assertTrue(first != null, "no notification");
        assertEquals(id, first.string());
        assertTrue(router.hasMore());
        first.close();
        Msg empty = router.recv(TestSupport.TIMEOUT);
        assertEquals(0, empty.size());
        assertTrue(!router.hasMore());
        empty.close();
    }

    private String endpoint(String transport) {
        switch (transport) {
            case "tcp": return "tcp://127.0.0.1:" + freePortQuietly();
            case "ipc": return "ipc://" + dir.resolve("r" + System.nanoTime() + ".sock");
            default: return "inproc://router-options-" + System.nanoTime();
        }
    }

    private static int freePortQuietly() {
        try {
            return TestSupport.freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
