package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Proxy;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One PUB, subscribers over tcp, ipc and inproc at once: the tcp and ipc connections share
 * each frame's own buffer (one reference each), read at the same time by engines on several
 * I/O threads, while the inproc subscribers get duplicates and move their indexes as an
 * application may. Every subscriber must receive every message byte for byte: small frames
 * (copied next to their header), mid-size and 100 KB frames (sent from their own memory
 * through a view of the buffer), multipart messages, and one constant read-only frame sent
 * again and again (the cached-view path). Context with three I/O threads, so that the
 * connections' engines read the same buffers concurrently.
 */
class PubSubSharedFrameTest {
    private static final int MESSAGES = 300;
    private static final int LARGE = 100_000;
    private static final int MEDIUM = 4_000;
    private static final int SMALL = 64;
    private static final byte[] CONSTANT = pattern(LARGE, 99);
    private static final List<List<byte[]>> CONTENT = new ArrayList<>();

    static {
        for (int i = 0; i < MESSAGES; i++) {
            CONTENT.add(message(i));
        }
    }

    @TempDir
    Path dir;

    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed * 7 + (i >>> 8));
        }
        return b;
    }

    /** The frames of message {@code i}: single small, multipart with large or mid-size bodies. */
    static List<byte[]> message(int i) {
        byte[] head = ("m" + i).getBytes(StandardCharsets.US_ASCII);
        switch (i % 4) {
            case 0:
                return List.of(head, pattern(LARGE, i), pattern(SMALL, i));
            case 1:
                return List.of(head, pattern(SMALL, i));
            case 2:
                return List.of(head, pattern(MEDIUM, i), pattern(MEDIUM, i + 1), pattern(SMALL, i));
            default:
                return List.of(head, CONSTANT);
        }
    }

    @Test
    void everySubscriberOverTcpIpcAndInprocGetsEveryFrameIntact() throws Exception {
        try (Context ctx = new Context(3); Socket pub = ctx.socket(SocketType.PUB)) {
            pub.set(SocketOption.SNDHWM, 0);
            deliverToSubscribers(ctx, pub, pub, "direct");
        }
    }

    /**
     * The same through an XSUB/XPUB proxy: the frames the XPUB shares are the ones its XSUB's
     * connection decoded (small copies, slices of a read buffer, pooled large bodies).
     */
    @Test
    void framesForwardedByAProxyReachEverySubscriberIntact() throws Exception {
        try (Context ctx = new Context(3); Socket pub = ctx.socket(SocketType.PUB);
             Socket front = ctx.socket(SocketType.XSUB); Socket back = ctx.socket(SocketType.XPUB);
             Socket control = ctx.socket(SocketType.PAIR); Socket steer = ctx.socket(SocketType.PAIR)) {
            pub.set(SocketOption.SNDHWM, 0);
            front.set(SocketOption.RCVHWM, 0);
            back.set(SocketOption.SNDHWM, 0);
            pub.bind("tcp://127.0.0.1:*");
            front.connect(pub.lastEndpoint());
            control.bind("inproc://fanout-control");
            steer.connect("inproc://fanout-control");
            AtomicReference<Throwable> proxyFailed = new AtomicReference<>();
            Thread proxy = new Thread(() -> {
                try {
                    Proxy.start(front, back, null, control);
                } catch (Throwable e) {
                    proxyFailed.set(e);
                }
            }, "proxy");
            // The proxy thread takes the XPUB over; it is bound first, from here.
            back.bind("tcp://127.0.0.1:*");
            String tcp = back.lastEndpoint();
            back.bind(ipcEndpoint("proxy"));
            back.bind("inproc://fanout-proxy");
            proxy.start();
            try {
                deliverToSubscribers(ctx, pub, null, tcp, ipcEndpoint("proxy"), "inproc://fanout-proxy");
            } finally {
                steer.send("TERMINATE");
                proxy.join();
            }
            assertNull(proxyFailed.get());
        }
    }

    private String ipcEndpoint(String name) {
        return "ipc://" + dir.resolve(name + ".sock");
    }

    /**
     * Connects subscribers (three tcp, two ipc, two inproc) to {@code binder}'s endpoints
     * (bound here when {@code binder} is not null, else given), publishes every message on
     * {@code pub} and checks what each subscriber receives, on a thread of its own.
     */
    private void deliverToSubscribers(Context ctx, Socket pub, Socket binder, String... endpoints) throws Exception {
        String tcp;
        String ipc;
        String inproc;
        if (binder != null) {
            binder.bind("tcp://127.0.0.1:*");
            tcp = binder.lastEndpoint();
            ipc = ipcEndpoint(endpoints[0]);
            binder.bind(ipc);
            inproc = "inproc://fanout-" + endpoints[0];
            binder.bind(inproc);
        } else {
            tcp = endpoints[0];
            ipc = endpoints[1];
            inproc = endpoints[2];
        }
        String[] transports = {"tcp", "tcp", "tcp", "ipc", "ipc", "inproc", "inproc"};
        List<Socket> subs = new ArrayList<>();
        try {
            for (String t : transports) {
                Socket sub = ctx.socket(SocketType.SUB);
                subs.add(sub);
                sub.set(SocketOption.RCVHWM, 0);
                sub.set(SocketOption.RCVTIMEO, (int) TestSupport.TIMEOUT.toMillis());
                sub.subscribe("");
                sub.connect(t.equals("tcp") ? tcp : t.equals("ipc") ? ipc : inproc);
            }
            awaitJoined(pub, subs);
            AtomicReference<String> failure = new AtomicReference<>();
            List<Thread> readers = new ArrayList<>();
            for (int s = 0; s < subs.size(); s++) {
                Socket sub = subs.get(s);
                String name = transports[s] + "-" + s;
                Thread t = new Thread(() -> receiveAll(sub, name, failure), "sub-" + name);
                readers.add(t);
                t.start();
            }
            publishAll(pub);
            for (Thread t : readers) {
                t.join();
            }
            assertNull(failure.get());
        } finally {
            for (Socket s : subs) {
                s.close();
            }
        }
    }

    /** Sends probes until every subscriber has one (its subscription has reached the PUB). */
    private static void awaitJoined(Socket pub, List<Socket> subs) {
        for (Socket sub : subs) {
            Msg probe = null;
            long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
            while (probe == null && System.nanoTime() < deadline) {
                pub.send("probe");
                probe = sub.recv(Duration.ofMillis(20));
            }
            if (probe == null) {
                throw new AssertionError("a subscriber never received a probe");
            }
            probe.close();
        }
    }

    private static void publishAll(Socket pub) {
        ByteBuf constant = Unpooled.unreleasableBuffer(
                Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(LARGE).put(CONSTANT).flip()).asReadOnly());
        for (int i = 0; i < MESSAGES; i++) {
            List<byte[]> frames = CONTENT.get(i);
            for (int f = 0; f < frames.size(); f++) {
                byte[] bytes = frames.get(f);
                ByteBuf b;
                if (bytes == CONSTANT) {
                    b = constant;
                } else if (bytes.length == LARGE) {
                    // A root buffer (the leak detector would wrap an allocated one): the engine
                    // left holding it alone may lend its internal view; the others must not.
                    b = new UnpooledDirectByteBuf(UnpooledByteBufAllocator.DEFAULT, LARGE, LARGE).writeBytes(bytes);
                } else {
                    b = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
                }
                boolean more = f < frames.size() - 1;
                if (!pub.send(b, more ? Socket.SNDMORE : 0)) {
                    b.release();
                    throw new AssertionError("PUB refused a send without a high-water mark");
                }
            }
        }
    }

    /**
     * Receives every message, skipping leftover probes, and compares it with what was sent.
     * Reads each frame with {@code readBytes}, moving its reader index as an application may.
     */
    private static void receiveAll(Socket sub, String name, AtomicReference<String> failure) {
        try (Msg m = new Msg()) {
            int i = 0;
            int frame = 0;
            List<byte[]> expected = CONTENT.get(0);
            while (i < MESSAGES) {
                if (!sub.recv(m, 0)) {
                    failure.compareAndSet(null, name + ": no message " + i + " within RCVTIMEO");
                    return;
                }
                ByteBuf data = m.data();
                byte[] got = new byte[data.readableBytes()];
                data.readBytes(got);
                if (frame == 0 && !m.hasMore() && Arrays.equals(got, "probe".getBytes(StandardCharsets.US_ASCII))) {
                    continue;
                }
                if (frame >= expected.size() || !Arrays.equals(expected.get(frame), got)) {
                    failure.compareAndSet(null, name + ": message " + i + " frame " + frame + " differs ("
                            + got.length + " bytes)");
                    return;
                }
                boolean last = frame == expected.size() - 1;
                if (m.hasMore() == last) {
                    failure.compareAndSet(null, name + ": message " + i + " frame " + frame + " has a wrong MORE flag");
                    return;
                }
                frame++;
                if (last) {
                    i++;
                    frame = 0;
                    if (i < MESSAGES) {
                        expected = CONTENT.get(i);
                    }
                }
            }
            assertEquals(MESSAGES, i);
        } catch (RuntimeException | AssertionError e) {
            failure.compareAndSet(null, name + ": " + e);
        }
    }
}
