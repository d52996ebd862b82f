package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.SocketEvent;
import java.util.EnumSet;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** PUSH/PULL over tcp: delivery, order, sizes, multipart, back-pressure, linger, reconnect. */
class TcpPushPullTest {

    @Test
    void bindThenConnectDeliversAndReportsResolvedEndpoint() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            String ep = pull.lastEndpoint();
            assertTrue(ep.matches("tcp://127\\.0\\.0\\.1:\\d+"), ep);
            assertTrue(TestSupport.port(ep) > 0);
            push.connect(ep);
            push.send("hello");
            assertEquals("hello", pull.recvString());
        }
    }

    @Test
    void connectBeforeBindQueuesAndDeliversOnceTheListenerAppears() throws Exception {
        int port = TestSupport.freePort();
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            push.set(SocketOption.RECONNECT_IVL, 20);
            push.connect("tcp://127.0.0.1:" + port);
            for (int i = 0; i < 10; i++) {
                assertTrue(push.send("early " + i));
            }
            pull.bind("tcp://127.0.0.1:" + port);
            for (int i = 0; i < 10; i++) {
                assertEquals("early " + i, pull.recvString());
            }
        }
    }

    @Test
    void hundredThousandMessagesArriveInOrder() throws Exception {
        int n = 100_000;
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            Thread sender = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    ByteBuf b = Unpooled.buffer(4).writeInt(i);
                    push.send(b, 0);
                }
            });
            sender.start();
            Msg m = new Msg();
            for (int i = 0; i < n; i++) {
                assertTrue(pull.recv(m, 0));
                assertEquals(i, m.data().getInt(m.data().readerIndex()));
            }
            m.close();
            sender.join();
        }
    }

    @Test
    void multipartMessagesWithEmptyFramesStayWhole() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            for (int i = 0; i < 100; i++) {
                push.send(new Multipart().add(Msg.of("a" + i)).add(new Msg()).add(Msg.of(new byte[300])).add(new Msg()), 0);
            }
            for (int i = 0; i < 100; i++) {
                try (Multipart mp = pull.recvMultipart(0)) {
                    assertEquals(4, mp.size());
                    assertEquals("a" + i, mp.get(0).string());
                    assertEquals(0, mp.get(1).size());
                    assertEquals(300, mp.get(2).size());
                    assertEquals(0, mp.get(3).size());
                }
            }
        }
    }

    @Test
    void messagesOfEverySizeClassArriveIntact() throws InterruptedException {
        int[] sizes = {0, 1, 255, 256, 2047, 2048, 65_536, 1 << 20, 64 << 20};
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            Thread sender = new Thread(() -> {
                for (int size : sizes) {
                    push.send(pattern(size), 0);
                }
            });
            sender.start();
            for (int size : sizes) {
                byte[] got = pull.recvBytes(0);
                assertEquals(size, got.length);
                assertArrayEquals(pattern(size), got, "payload of " + size + " bytes");
            }
            TestSupport.join(sender);
        }
    }

    static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    @Test
    void pushBlocksAtHwmAndLosesNothing() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(SocketOption.RCVHWM, 10);
            pull.set(SocketOption.RCVBUF, 8192);
            pull.bind("tcp://127.0.0.1:*");
            push.set(SocketOption.SNDHWM, 10);
            push.set(SocketOption.SNDBUF, 8192);
            push.connect(pull.lastEndpoint());
            push.send("first");
            assertEquals("first", pull.recvString());
            byte[] payload = new byte[1024];
            int sent = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // Without a reader, the pipes and the TCP buffers fill up and the push refuses.
            while (System.nanoTime() < deadline) {
                payload[0] = (byte) sent;
                if (push.send(payload, Socket.DONTWAIT)) {
                    sent++;
                } else {
                    // Refused: confirm it stays refused (the engine stopped reading).
                    Thread.sleep(50);
                    if (!push.send(payload, Socket.DONTWAIT)) {
                        break;
                    }
                    sent++;
                }
            }
            assertTrue(sent > 20 && sent < 100_000, "sent " + sent + " before blocking");
            for (int i = 0; i < sent; i++) {
                byte[] got = pull.recvBytes(0);
                assertEquals((byte) i, got[0], "message " + i);
            }
            assertNull(pull.recv(Duration.ofMillis(50)));
        }
    }

    @Test
    void closeWithLingerFlushesEverythingQueued() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("tcp://127.0.0.1:*");
            try (Context senderCtx = new Context()) {
                Socket push = senderCtx.socket(SocketType.PUSH);
                push.set(SocketOption.LINGER, 10_000);
                push.connect(pull.lastEndpoint());
                for (int i = 0; i < 5000; i++) {
                    push.send("m" + i);
                }
                push.close();
            } // the context waits for the lingering session
            for (int i = 0; i < 5000; i++) {
                assertEquals("m" + i, pull.recvString());
            }
        }
    }

    @Test
    void lingerZeroDiscardsAndDoesNotWait() throws Exception {
        int port = TestSupport.freePort();
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(SocketOption.LINGER, 0);
            push.connect("tcp://127.0.0.1:" + port); // nobody listens
            push.send("lost");
            push.close();
        }
        TestSupport.assertNoIoThreads();
    }

    @Test
    void reconnectsWhenThePeerRebindsTheSamePort() throws Exception {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(SocketOption.RECONNECT_IVL, 20);
            Monitor events = push.monitor(EnumSet.of(SocketEvent.DISCONNECTED));
            String ep;
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.set(SocketOption.LINGER, 0);
                pull.bind("tcp://127.0.0.1:*");
                ep = pull.lastEndpoint();
                push.connect(ep);
                push.send("one");
                assertEquals("one", pull.recvString());
            }
            // A message sent before the engine sees the close may go into the dead connection
            // (libzmq loses it too); wait until the disconnect is noticed.
            TestSupport.expect(events, SocketEvent.DISCONNECTED);
            push.send("two"); // queued in the pipe kept across reconnects
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(ep);
                assertEquals("two", TestSupport.recv(pull));
                push.send("three");
                assertEquals("three", TestSupport.recv(pull));
            }
        }
    }

    @Test
    void loadBalancesOverTwoConnections() {
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PULL); Socket b = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            a.bind("tcp://127.0.0.1:*");
            b.bind("tcp://127.0.0.1:*");
            push.connect(a.lastEndpoint());
            push.connect(b.lastEndpoint());
            for (int i = 0; i < 100; i++) {
                push.send("x");
            }
            AtomicInteger got = new AtomicInteger();
            for (Socket s : new Socket[] {a, b}) {
                Msg m;
                while ((m = s.recv(Duration.ofMillis(300))) != null) {
                    m.close();
                    got.incrementAndGet();
                }
            }
            assertEquals(100, got.get());
        }
    }

    @Test
    void manyConnectionsToOneListener() throws Exception {
        try (Context ctx = Context.builder().ioThreads(2).build(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("tcp://127.0.0.1:*");
            Socket[] pushes = new Socket[20];
            for (int i = 0; i < pushes.length; i++) {
                pushes[i] = ctx.socket(SocketType.PUSH);
                pushes[i].connect(pull.lastEndpoint());
                pushes[i].send("from " + i);
            }
            boolean[] seen = new boolean[pushes.length];
            for (int i = 0; i < pushes.length; i++) {
                String s = pull.recvString();
                seen[Integer.parseInt(s.substring(5))] = true;
            }
            for (boolean b : seen) {
                assertTrue(b);
            }
            for (Socket p : pushes) {
                p.close();
            }
        }
    }

    @Test
    void pairTalksBothWays() {
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PAIR); Socket b = ctx.socket(SocketType.PAIR)) {
            a.bind("tcp://127.0.0.1:*");
            b.connect(a.lastEndpoint());
            for (int i = 0; i < 1000; i++) {
                b.send("ping " + i);
                assertEquals("ping " + i, a.recvString());
                a.send("pong " + i);
                assertEquals("pong " + i, b.recvString());
            }
        }
    }

    @Test
    void randomMessageSizesSurviveSplitReads() throws InterruptedException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int[] sizes = new int[2000];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = r.nextInt(4) == 0 ? r.nextInt(200_000) : r.nextInt(300);
        }
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            Thread sender = new Thread(() -> {
                for (int size : sizes) {
                    push.send(pattern(size), 0);
                }
            });
            sender.start();
            for (int size : sizes) {
                byte[] got = pull.recvBytes(0);
                assertNotNull(got);
                assertArrayEquals(pattern(size), got);
            }
            TestSupport.join(sender);
        }
    }

    @Test
    void sendWithDontWaitFailsWhileNoPeerIsConnectedWithImmediate() {
        int port;
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            port = 1; // nothing listens on port 1
            push.set(SocketOption.IMMEDIATE, true);
            push.set(SocketOption.LINGER, 0);
            push.connect("tcp://127.0.0.1:" + port);
            assertFalse(push.send("x", Socket.DONTWAIT));
        }
    }
}
