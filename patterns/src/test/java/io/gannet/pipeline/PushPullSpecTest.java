package io.gannet.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.Msg;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PUSH/PULL requirements of RFC 30, scenario by scenario as libzmq's
 * {@code test_spec_pushpull} checks them, over every transport in {@link TestSupport#TRANSPORTS}.
 */
class PushPullSpecTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    static Stream<String> transports() {
        return TestSupport.TRANSPORTS.stream();
    }

    /**
     * Waits for {@code n} network events of the one kind {@code events} reports (handshakes,
     * disconnections); inproc connects and disconnects at once and reports none.
     */
    private static void awaitEvents(Monitor events, int n, String transport) {
        if (transport.equals("inproc")) {
            return;
        }
        for (int i = 0; i < n; i++) {
            assertNotNull(events.next(WAIT), "event " + (i + 1) + " of " + n);
        }
    }

    private static void awaitHandshakes(Monitor handshakes, int n, String transport) {
        awaitEvents(handshakes, n, transport);
    }

    /** Waits until {@code s} has no peer to send to (its connections' pipes are gone). */
    private static void awaitNotWritable(Socket s) {
        try (Poller p = new Poller()) {
            p.register(s, Poller.POLLOUT);
            TestSupport.await(s + " has no peer to send to", () -> p.poll(0) == 0);
        }
    }

    private static Monitor handshakes(Socket s) {
        return s.monitor(EnumSet.of(SocketEvent.HANDSHAKE_SUCCEEDED));
    }

    private static Monitor disconnections(Socket s) {
        return s.monitor(EnumSet.of(SocketEvent.DISCONNECTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void pushRoundRobinsOutgoingMessages(String transport) throws Exception {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH);
                Monitor handshakes = push.monitor(EnumSet.of(SocketEvent.HANDSHAKE_SUCCEEDED))) {
            push.bind(TestSupport.bindEndpoint(transport));
            Socket[] pulls = new Socket[5];
            for (int i = 0; i < pulls.length; i++) {
                pulls[i] = ctx.socket(SocketType.PULL);
                pulls[i].set(SocketOption.RCVTIMEO, 5000);
                pulls[i].connect(push.lastEndpoint());
            }
            // Round robin covers the pipes that exist: wait until every connection has one.
            awaitHandshakes(handshakes, pulls.length, transport);
            for (int i = 0; i < pulls.length; i++) {
                assertTrue(push.send("ABC"));
            }
            for (int i = 0; i < pulls.length; i++) {
                assertTrue(push.send("DEF"));
            }
            for (Socket pull : pulls) {
                assertEquals("ABC", pull.recvString());
                assertEquals("DEF", pull.recvString());
                pull.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void pullFairQueuesIncomingMessages(String transport) throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL);
                Monitor handshakes = handshakes(pull); Monitor disconnections = disconnections(pull)) {
            pull.bind(TestSupport.bindEndpoint(transport));
            Socket[] pushes = new Socket[5];
            for (int i = 0; i < pushes.length; i++) {
                pushes[i] = ctx.socket(SocketType.PUSH);
                pushes[i].connect(pull.lastEndpoint());
            }
            // Fair queuing takes turns among the connections that are up: wait for all five.
            awaitHandshakes(handshakes, pushes.length, transport);
            Set<String> firstHalf = new HashSet<>();
            Set<String> secondHalf = new HashSet<>();
            for (int i = 0; i < pushes.length; i++) {
                String a = String.valueOf((char) ('A' + i));
                String b = String.valueOf((char) ('A' + i + pushes.length));
                assertTrue(pushes[i].send(a));
                assertTrue(pushes[i].send(b));
                firstHalf.add(a);
                secondHalf.add(b);
            }
            // Each push flushes and then closes its connection, so once the pull has seen all
            // five go, every message is queued at the pull (what a peer sent before it left
            // stays readable).
            for (Socket push : pushes) {
                push.close();
            }
            awaitEvents(disconnections, pushes.length, transport);
            // One from each peer first, then the second batch.
            Set<String> got = new HashSet<>();
            for (int i = 0; i < pushes.length; i++) {
                got.add(recvString(pull));
            }
            assertEquals(firstHalf, got);
            got.clear();
            for (int i = 0; i < pushes.length; i++) {
                got.add(recvString(pull));
            }
            assertEquals(secondHalf, got);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void pushBlocksOnSendWithNoPeers(String transport) {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(SocketOption.SNDTIMEO, 50);
            assertFalse(push.send(new byte[0], Socket.DONTWAIT));
            assertFalse(push.send(new byte[0], 0), "SNDTIMEO expires with no peer to send to");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void disconnectDestroysTheQueueAndItsMessages(String transport) throws Exception {
        try (Context ctx = new Context();
             Socket a = ctx.socket(SocketType.PUSH);
             Socket b = ctx.socket(SocketType.PULL);
             Poller poller = new Poller();
             Monitor handshakes = handshakes(a)) {
            a.set(SocketOption.SNDHWM, 1);
            a.bind(TestSupport.bindEndpoint(transport));
            String endpoint = a.lastEndpoint();
            b.set(SocketOption.RCVHWM, 1);
            b.connect(endpoint);
            awaitHandshakes(handshakes, 1, transport);

            // One message fills A's half of the queue, the other B's half.
            assertTrue(a.send("ABC"));
            assertTrue(a.send("DEF"));
            if (transport.equals("inproc")) {
                // Exact capacities hold on inproc only: over a network the I/O threads move
                // messages on into kernel buffers in the background.
                assertFalse(a.send(new byte[0], Socket.DONTWAIT), "both queues are full");
            }

            b.disconnect(endpoint);
            // Let both sockets run their commands (libzmq: zmq_poll with no events).
            poller.register(a, 0);
            poller.register(b, 0);
            assertEquals(0, poller.poll(0));
            assertEquals(0, poller.poll(0));
            // Over a network, A hears of it when its connection closes.
            awaitNotWritable(a);

            assertNull(b.recvBuf(Socket.DONTWAIT), "the old data went with the queue");
            assertFalse(a.send(new byte[0], Socket.DONTWAIT), "no peer to send to");

            b.connect(endpoint);
            awaitHandshakes(handshakes, 1, transport);
            assertNull(b.recvBuf(Socket.DONTWAIT), "still no old data after reconnecting");
            assertTrue(a.send("ABC"));
            assertTrue(a.send("DEF"));
            if (transport.equals("inproc")) {
                assertFalse(a.send(new byte[0], Socket.DONTWAIT), "a fresh queue holds two messages again");
            }
            assertEquals("ABC", recvString(b));
            assertEquals("DEF", recvString(b));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void multipartMessagesAreDeliveredOrDroppedWholeAcrossReconnectBlocking(String transport) throws Exception {
        multipartAtomicDrop(transport, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void multipartMessagesAreDeliveredOrDroppedWholeAcrossReconnectNonBlocking(String transport) throws Exception {
        multipartAtomicDrop(transport, false);
    }

    private static void multipartAtomicDrop(String transport, boolean block) throws Exception {
        // Network transports need a frame larger than the kernel buffers; inproc does not.
        int len = transport.equals("inproc") ? 64 * 1024 : 16 * 1024 * 1024;
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL);
             Monitor handshakes = handshakes(push);
             Monitor disconnections = disconnections(push)) {
            push.set(SocketOption.LINGER, 0).set(SocketOption.SNDHWM, 1);
            push.bind(TestSupport.bindEndpoint(transport));
            String endpoint = push.lastEndpoint();
            pull.set(SocketOption.LINGER, 0).set(SocketOption.RCVHWM, 1);
            pull.connect(endpoint);
            awaitHandshakes(handshakes, 1, transport);

            // The normal case exercises the queues.
            assertTrue(push.sendMore("0"));
            assertTrue(push.sendMore("0"));
            assertTrue(push.send(filled(len, 'a')));
            assertEquals("0", recvString(pull));
            assertEquals("0", recvString(pull));
            try (Msg big = pull.recv(WAIT)) {
                assertEquals(len, big.size());
                assertFalse(big.hasMore());
            }

            // Fill both halves of the queue, one message each, then drop the connection.
            assertTrue(push.send("1"));
            assertTrue(push.sendMore("2"));
            assertTrue(push.sendMore("2"));
            assertTrue(push.send(filled(len, 'b')));
            pull.disconnect(endpoint);
            awaitEvents(disconnections, 1, transport);

            // Reconnect and at once push a multipart message: none of its frames may end up
            // stuck in the old, dying queue.
            pull.connect(endpoint);
            assertTrue(push.sendMore("3"));
            assertTrue(push.sendMore("3"));
            ByteBuf third = filled(len, 'c');
            if (block) {
                assertTrue(push.send(third, Socket.SNDMORE));
            } else if (!push.send(third, Socket.SNDMORE | Socket.DONTWAIT)) {
                assertTrue(push.sendMore("3"));
                assertTrue(push.sendMore("3"));
                assertTrue(push.send(third, Socket.SNDMORE));
            }
            assertTrue(push.send("3b"));
            // The reconnection is up: what follows goes to the new connection.
            awaitHandshakes(handshakes, 1, transport);

            assertTrue(push.sendMore("5"));
            assertTrue(push.sendMore("5"));
            assertTrue(push.send(filled(len, 'd')));

            String first = recvString(pull);
            assertTrue(first.equals("3") || first.equals("5"), "first frame was " + first);
            if (first.equals("3")) {
                assertEquals("3", recvString(pull));
                try (Msg big = pull.recv(WAIT)) {
                    assertEquals(len, big.size());
                    assertEquals('c', big.data().getByte(0));
                }
                assertEquals("3b", recvString(pull));
                assertEquals("5", recvString(pull));
            }
            assertEquals("5", recvString(pull));
            try (Msg big = pull.recv(WAIT)) {
                assertEquals(len, big.size());
                assertEquals('d', big.data().getByte(0));
            }
        }
    }

    private static String recvString(Socket s) {
        try (Msg m = s.recv(WAIT)) {
            return m.string();
        }
    }

    private static ByteBuf filled(int len, char c) {
        ByteBuf b = Unpooled.buffer(len);
        for (int i = 0; i < len; i++) {
            b.writeByte(c);
        }
        return b;
    }
}
