package io.gannet.transports.interop;

import static io.gannet.transports.interop.CurveServerInteropTest.echo;
import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.gannet.Multipart;
import java.util.function.Function;

/**
 * A Gannet PLAIN server (RFC 24) against libzmq PLAIN clients, its ZAP handler a Gannet REP
 * socket: traffic when the handler accepts, with the handler's user id on every message;
 * libzmq's events on both sides when it refuses; and libzmq 4.3's refusal when no handler
 * is bound.
 */
@LibzmqInterop
class PlainServerInteropTest {
    private static final String USER = "admin";
    private static final String PASSWORD = "secret";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void aLibzmqReqTalksToAGannetPlainRepThatKnowsItsPassword(String transport, LibzmqPeers peers) throws Exception {
        try (Context ctx = new Context(); GannetZapHandler zap = new GannetZapHandler(ctx, passwordCheck());
             Socket rep = plainServer(ctx, SocketType.REP)) {
            rep.bind("tcp".equals(transport) ? ANY_TCP : peers.ipcEndpoint("plain-server.sock"));
            LibzmqPeer req = client(peers, SocketType.REQ, PASSWORD).connect(rep.lastEndpoint())
                    .mode("req").count(20).size(100).start();
            echo(rep, 20, 0, 100);
            assertEquals(20, req.awaitDone(WAIT).count());
            GannetZapHandler.Request r = zap.next(WAIT);
            assertEquals("PLAIN", r.mechanism());
            assertEquals(USER, r.credential(0));
            assertEquals(PASSWORD, r.credential(1));
        }
    }

    @Test
    void messagesFromAnAcceptedLibzmqDealerCarryTheZapUserIdAndThePeersProperties(LibzmqPeers peers)
            throws Exception {
        try (Context ctx = new Context(); GannetZapHandler zap = new GannetZapHandler(ctx, passwordCheck());
             Socket router = plainServer(ctx, SocketType.ROUTER)) {
            router.bind(ANY_TCP);
            LibzmqPeer dealer = client(peers, SocketType.DEALER, PASSWORD).option("ROUTING_ID", "dealer-1")
                    .connect(router.lastEndpoint()).mode("req").count(1).size(1 << 20).start();
            Multipart request = GannetSide.recv(router);
            // Frame 0 is the routing id the ROUTER made; the frames from the wire carry the properties.
            Msg fromWire = request.get(1);
            assertEquals("user-admin", fromWire.property("User-Id"));
            assertEquals("DEALER", fromWire.property("Socket-Type"));
            assertEquals("dealer-1", fromWire.property("Identity"));
            assertEquals("127.0.0.1", fromWire.property("Peer-Address"));
            assertEquals("yes", fromWire.property("x-checked"));
            assertEquals(null, fromWire.property("Unknown"));
            router.send(request);
            assertEquals(1, dealer.awaitDone(WAIT).count());
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithLibzmqsAuthEventOnBothSides(LibzmqPeers peers) throws Exception {
        try (Context ctx = new Context(); GannetZapHandler zap = new GannetZapHandler(ctx, passwordCheck());
             Socket rep = plainServer(ctx, SocketType.REP)) {
            Monitor monitor = GannetSide.monitorAll(rep);
            rep.bind(ANY_TCP);
            LibzmqPeer req = client(peers, SocketType.REQ, "wrong").monitor().connect(rep.lastEndpoint())
                    .mode("echo").count(0).start();

            MonitorEvent failed = GannetSide.await(monitor, SocketEvent.HANDSHAKE_FAILED_AUTH);

            assertEquals(400, failed.value(), failed.toString());
            assertEquals("EVENT HANDSHAKE_FAILED_AUTH 400 " + rep.lastEndpoint(),
                    req.awaitLine("EVENT HANDSHAKE_FAILED_AUTH", WAIT));
        }
    }

    @Test
    void withoutAZapHandlerEveryClientIsRefusedAsLibzmq43RefusesIt(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket rep = plainServer(ctx, SocketType.REP)) {
            Monitor monitor = GannetSide.monitorAll(rep);
            rep.bind(ANY_TCP);
            client(peers, SocketType.REQ, PASSWORD).connect(rep.lastEndpoint()).mode("echo").count(0).start();

            MonitorEvent failed = GannetSide.await(monitor, SocketEvent.HANDSHAKE_FAILED_NO_DETAIL);

            assertEquals(14, failed.value(), failed.toString()); // EFAULT, as libzmq
        }
    }

    @Test
    void aGannetPlainClientTalksToAGannetPlainServer() throws Exception {
        try (Context ctx = new Context(); GannetZapHandler zap = new GannetZapHandler(ctx, passwordCheck());
             Socket rep = plainServer(ctx, SocketType.REP); Socket req = GannetSide.socket(ctx, SocketType.REQ)) {
            rep.bind(ANY_TCP);
            req.set(SocketOption.PLAIN_USERNAME, USER.getBytes(StandardCharsets.UTF_8));
            req.set(SocketOption.PLAIN_PASSWORD, PASSWORD.getBytes(StandardCharsets.UTF_8));
            req.connect(rep.lastEndpoint());
            req.send("hello");
            try (Msg m = new Msg()) {
                rep.recv(m, 0);
                assertEquals("hello", m.string());
                assertEquals("user-admin", m.property("User-Id"));
                assertEquals("REQ", m.property("Socket-Type"));
            }
            rep.send("world");
            assertEquals("world", req.recvString());
        }
    }

    /** Accepts USER with PASSWORD as "user-admin" (and a property), refuses anything else with 400. */
    private static Function<GannetZapHandler.Request, List<byte[]>> passwordCheck() {
        return r -> {
            boolean ok = r.mechanism().equals("PLAIN") && r.credential(0).equals(USER)
                    && r.credential(1).equals(PASSWORD);
            byte[] metadata = {9, 'X', '-', 'C', 'h', 'e', 'c', 'k', 'e', 'd', 0, 0, 0, 3, 'y', 'e', 's'};
            return List.of(GannetZapHandler.ascii(ok ? "200" : "400"), GannetZapHandler.ascii(ok ? "OK" : "denied"),
                    GannetZapHandler.ascii(ok ? "user-" + USER : ""), ok ? metadata : new byte[0]);
        };
    }

    static Socket plainServer(Context ctx, SocketType type) {
        Socket s = GannetSide.socket(ctx, type);
        s.set(SocketOption.PLAIN_SERVER, true);
        return s;
    }

    private static PeerSpec client(LibzmqPeers peers, SocketType type, String password) {
        return peers.peer(type).option("PLAIN_USERNAME", USER).option("PLAIN_PASSWORD", password);
    }
}
