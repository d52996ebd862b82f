package io.gannet.transports.pgm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The epgm glue end to end through sockets, over real multicast channels on the loopback
 * interface, with {@link StandInProtocol} in place of PGM: core drives the sessions (channels,
 * timer, pipes, LINGER), TSDU framing, topic filtering, loss reporting, XPUB/XSUB.
 */
class EpgmGlueTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @AfterEach
    void resetProtocol() {
        StandInProtocol.reset();
    }

    /** A loopback endpoint on a random group and a port that was free a moment ago. */
    static String endpoint(String scheme, String iface) throws IOException {
        int port;
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(new InetSocketAddress(0));
            port = ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return scheme + "://" + iface + ";239.255." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + ":" + port;
    }

    private static String standIn() throws IOException {
        return endpoint(StandInEpgmTransport.SCHEME, "127.0.0.1");
    }

    private static Socket sub(Context ctx, String endpoint, String topic) {
        Socket sub = ctx.socket(SocketType.SUB);
        sub.set(SocketOption.SUBSCRIBE, topic.getBytes());
        sub.bind(endpoint);
        return sub;
    }

    /**
     * A PUB or XPUB that connected (or bound) {@code endpoint}, once the endpoint's pipe reached
     * it (CONNECTED is reported after): sooner, a PUB has no one to send to and drops.
     */
    static Socket publisher(Context ctx, SocketType type, String endpoint, boolean bind) throws InterruptedException {
        Socket pub = ctx.socket(type);
        try (Monitor m = pub.monitor(EnumSet.of(SocketEvent.CONNECTED))) {
            if (bind) {
                pub.bind(endpoint);
            } else {
                pub.connect(endpoint);
            }
            MonitorEvent e = m.next(TIMEOUT);
            assertEquals(SocketEvent.CONNECTED, e == null ? null : e.event());
        }
        return pub;
    }

    private static String recv(Socket s) {
        try (Msg m = s.recv(TIMEOUT)) {
            if (m == null) {
                fail("no message within " + TIMEOUT);
            }
            return m.string();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void pubToSubCarriesMultipartAndLargeMessagesAndTheSubFiltersTopics() throws Exception {
        String ep = standIn();
        try (Context ctx = new Context(); Socket sub = sub(ctx, ep, "A");
             Socket pub = publisher(ctx, SocketType.PUB, ep, false)) {
            assertEquals(ep, pub.lastEndpoint());
            byte[] big = new byte[50_000]; // over 35 TSDUs
            big[49_999] = 9;
            for (int i = 0; i < 20; i++) {
                pub.send((i % 2 == 0 ? "A" : "B") + i);
            }
            pub.send(new Multipart().add("A-multi").add(new byte[0]).add(big));
            for (int i = 0; i < 20; i += 2) {
                assertEquals("A" + i, recv(sub), "B messages are filtered out by the SUB");
            }
            try (Multipart m = sub.recvMultipart(0)) {
                assertEquals(3, m.size());
                assertEquals("A-multi", m.get(0).string());
                assertEquals(0, m.get(1).size());
                assertEquals(50_000, m.get(2).size());
                assertEquals(9, m.get(2).data().getByte(49_999));
            }
            assertEquals(0, pub.droppedMessages());
            assertEquals(0, sub.droppedMessages());
        }
    }

    @Test
    void bindAndConnectDoTheSameAndAnInterfaceMayBeNamed() throws Exception {
        String ep = endpoint(StandInEpgmTransport.SCHEME, "lo");
        try (Context ctx = new Context(); Socket sub = ctx.socket(SocketType.SUB)) {
            sub.set(SocketOption.SUBSCRIBE, new byte[0]);
            sub.connect(ep); // receives, as bind would
            Socket pub = publisher(ctx, SocketType.PUB, ep, true); // sends, as connect would
            assertEquals(ep, pub.lastEndpoint());
            pub.send("hello");
            assertEquals("hello", recv(sub));
            pub.close();
        }
    }

    @Test
    void rateLimitedTsdusWaitForTheProtocolsDeadline() throws Exception {
        StandInProtocol.rateLimited = true;
        String ep = standIn();
        try (Context ctx = new Context(); Socket sub = sub(ctx, ep, "");
             Socket pub = publisher(ctx, SocketType.PUB, ep, false)) {
            byte[] chunk = new byte[1000];
            for (int i = 0; i < 30; i++) {
                chunk[0] = (byte) i;
                pub.send(chunk);
            }
            for (int i = 0; i < 30; i++) {
                try (Msg m = sub.recv(TIMEOUT)) {
                    assertEquals(i, m.data().getByte(0));
                }
            }
        }
    }

    @Test
    void aLossIsReportedWithTheSourceAndSequenceNumbersAndTheStreamResumes() throws Exception {
        StandInProtocol.DROP_PACKET.set(1);
        String ep = standIn();
        try (Context ctx = new Context(); Socket sub = sub(ctx, ep, "");
             Monitor monitor = sub.monitor(EnumSet.of(SocketEvent.MESSAGES_DROPPED));
             Socket pub = publisher(ctx, SocketType.PUB, ep, false)) {
            byte[] big = new byte[3000]; // TSDUs 0, 1 and 2: TSDU 1 is lost
            pub.send(big);
            pub.send("after");
            assertEquals("after", recv(sub)); // never a partial message
            MonitorEvent e = monitor.next(TIMEOUT);
            assertEquals(SocketEvent.MESSAGES_DROPPED, e.event());
            assertEquals(1, e.value());
            assertTrue(e.detail().contains("lost sequence numbers 1 for good"), e.detail());
            assertTrue(e.detail().matches(".*source \\d+\\.\\d+\\.\\d+\\.\\d+\\.\\d+\\.\\d+\\.\\d+ .*"), e.detail());
            assertEquals(1, sub.droppedMessages());
            assertNull(sub.recv(Duration.ZERO));
        }
    }

    @Test
    void xpubSeesNoSubscriptionAndXsubReceives() throws Exception {
        String ep = standIn();
        try (Context ctx = new Context(); Socket xsub = ctx.socket(SocketType.XSUB)) {
            xsub.bind(ep);
            xsub.send(new byte[] {1}); // a subscription to everything: goes nowhere over epgm
            Socket xpub = publisher(ctx, SocketType.XPUB, ep, false);
            xpub.send("to all");
            assertEquals("to all", recv(xsub));
            assertNull(xpub.recv(Duration.ofMillis(100)), "XPUB reports no subscription for an epgm endpoint");
            xpub.close();
        }
    }

    @Test
    void closingWithLingerSendsWhatIsQueued() throws Exception {
        StandInProtocol.rateLimited = true; // 1 TSDU per ms: the PUB still holds most when it closes
        String ep = standIn();
        try (Context ctx = new Context(); Socket sub = sub(ctx, ep, "")) {
            Socket pub = publisher(ctx, SocketType.PUB, ep, false);
            for (int i = 0; i < 100; i++) {
                pub.send(new byte[1200]);
            }
            pub.close(); // LINGER -1: the endpoint goes on sending in the background
            for (int i = 0; i < 100; i++) {
                try (Msg m = sub.recv(TIMEOUT)) {
                    assertEquals(1200, m.size(), "message " + i);
                }
            }
        }
    }

    @Test
    void closingWithoutLingerCountsWhatWasNotSent() throws Exception {
        StandInProtocol.rateLimited = true;
        String ep = standIn();
        try (Context ctx = new Context(); Socket sub = sub(ctx, ep, "")) {
            Socket pub = ctx.socket(SocketType.PUB);
            pub.set(SocketOption.LINGER, 0);
            try (Monitor m = pub.monitor(EnumSet.of(SocketEvent.CONNECTED))) {
                pub.connect(ep);
                assertEquals(SocketEvent.CONNECTED, m.next(TIMEOUT).event());
            }
            for (int i = 0; i < 100; i++) {
                pub.send(new byte[1200]);
            }
            pub.close();
            long dropped = pub.droppedMessages();
            assertTrue(dropped > 0, "at 1 TSDU per ms, 100 TSDUs are not all out at once");
            int received = 0;
            while (received + dropped < 100) {
                try (Msg m = sub.recv(TIMEOUT)) {
                    if (m == null) {
                        fail("received " + received + " and " + dropped + " dropped of 100");
                    }
                    received++;
                }
            }
            assertNull(sub.recv(Duration.ofMillis(50)));
        }
    }

    @Test
    void theRealPgmProtocolCarriesMessagesOverLoopback() throws Exception {
        String ep = endpoint("epgm", "127.0.0.1");
        try (Context ctx = new Context(); Socket sub = ctx.socket(SocketType.SUB)) {
            sub.set(SocketOption.SUBSCRIBE, "t".getBytes());
            sub.bind(ep);
            Socket pub = ctx.socket(SocketType.PUB);
            pub.set(SocketOption.RATE, 10_000);
            try (Monitor m = pub.monitor(EnumSet.of(SocketEvent.CONNECTED))) {
                pub.connect(ep);
                assertEquals(SocketEvent.CONNECTED, m.next(TIMEOUT).event());
            }
            byte[] big = new byte[5000];
            big[4999] = 5;
            pub.send(new Multipart().add("t-big").add(big));
            for (int i = 0; i < 10; i++) {
                pub.send((i % 2 == 0 ? "t" : "x") + i);
            }
            try (Multipart m = sub.recvMultipart(0)) {
                assertEquals("t-big", m.get(0).string());
                assertEquals(5, m.get(1).data().getByte(4999));
            }
            for (int i = 0; i < 10; i += 2) {
                assertEquals("t" + i, recv(sub));
            }
            pub.close();
        }
    }
}
