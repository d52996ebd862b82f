package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ROUTER_NOTIFY and CONNECT_ROUTING_ID with libzmq 4.3 peers. Debian's libzmq is built
 * without the draft API, so ROUTER_NOTIFY itself runs on the Gannet side only, against
 * libzmq DEALERs; CONNECT_ROUTING_ID (stable since 4.3.0) is tried from both sides.
 */
@LibzmqInterop
class RouterOptionsInteropTest {
    private static final byte[] EMPTY = new byte[0];

    @Test
    void gannetRouterNotifiesALibzmqDealerComingAndGoing(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket router = GannetSide.socket(ctx, SocketType.ROUTER)) {
            router.set(SocketOption.ROUTER_NOTIFY, SocketOption.NOTIFY_CONNECT | SocketOption.NOTIFY_DISCONNECT);
            router.bind(ANY_TCP);
            LibzmqPeer dealer = peers.peer(SocketType.DEALER).option("ROUTING_ID", "lz-dealer")
                    .connect(router.lastEndpoint()).mode("lines").start();
            dealer.awaitReady(WAIT);
            assertMessage(router, "lz-dealer", EMPTY);
            dealer.send(WAIT, ascii("hello"));
            assertMessage(router, "lz-dealer", ascii("hello"));
            dealer.close(); // the process ends: the connection closes
            assertMessage(router, "lz-dealer", EMPTY);
        }
    }

    @Test
    void gannetConnectRoutingIdNamesALibzmqRouter(LibzmqPeers peers) {
        LibzmqPeer lz = peers.peer(SocketType.ROUTER).option("ROUTING_ID", "lz").bind(ANY_TCP).mode("lines").start();
        String endpoint = lz.awaitReady(WAIT);
        try (Context ctx = new Context(); Socket router = GannetSide.socket(ctx, SocketType.ROUTER)) {
            router.set(SocketOption.ROUTING_ID, ascii("gn"));
            router.set(SocketOption.CONNECT_ROUTING_ID, ascii("peer")).connect(endpoint);
            router.set(SocketOption.ROUTER_MANDATORY, true);
            router.sendMore("peer"); // at once: the id is known before the handshake
            router.send("hello");
            List<byte[]> got = lz.recv(WAIT);
            assertArrayEquals(ascii("gn"), got.get(0), "libzmq knows us by our ROUTING_ID");
            assertArrayEquals(ascii("hello"), got.get(1));
            lz.send(WAIT, ascii("gn"), ascii("world"));
            assertMessage(router, "peer", ascii("world"));
        }
    }

    @Test
    void libzmqConnectRoutingIdReachesAGannetRouter(LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket router = GannetSide.socket(ctx, SocketType.ROUTER)) {
            router.set(SocketOption.ROUTING_ID, ascii("gn")).bind(ANY_TCP);
            LibzmqPeer lz = peers.peer(SocketType.ROUTER).option("ROUTING_ID", "lz")
                    .option("CONNECT_ROUTING_ID", "gw").connect(router.lastEndpoint()).mode("lines").start();
            lz.awaitReady(WAIT);
            lz.send(WAIT, ascii("gw"), ascii("hi"));
            assertMessage(router, "lz", ascii("hi"));
            router.sendMore("lz");
            router.send("back");
            List<byte[]> got = lz.recv(WAIT);
            assertArrayEquals(ascii("gw"), got.get(0));
            assertArrayEquals(ascii("back"), got.get(1));
        }
    }

    private static void assertMessage(Socket router, String id, byte[] body) {
        Multipart m = GannetSide.recv(router);
        try (m) {
            assertEquals(2, m.size(), m.toString());
            assertArrayEquals(ascii(id), m.get(0).bytes());
            assertArrayEquals(body, m.get(1).bytes());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
