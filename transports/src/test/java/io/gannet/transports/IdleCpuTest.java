package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.WaitStrategy;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * An I/O thread that had to wait for a full socket buffer goes quiet once everything is
 * written: it must not keep polling for writability (JeroMQ users report idle threads at
 * 100 % CPU). A regression made the selector report OP_WRITE in a loop after the first
 * full buffer; the thread then burnt a core until the connection closed.
 *
 * <p>The check measures the I/O threads' CPU time over an idle half second; a spinning
 * thread uses nearly all of it, a quiet one almost none, so the bound is far from both.
 */
class IdleCpuTest {
    /** More than loopback's socket buffers on both sides hold, so the sender's fills up. */
    private static final int BYTES = 24 << 20;
    private static final int CHUNK = 16 * 1024;
    private static final long IDLE_MILLIS = 500;

    @Test
    void zmtpSenderGoesQuietAfterWaitingForAFullSocketBuffer() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(SocketOption.RCVHWM, 4); // the receiver stops reading: TCP back-pressure
            push.set(SocketOption.SNDHWM, 0);
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            byte[] chunk = new byte[CHUNK];
            int count = BYTES / CHUNK;
            for (int i = 0; i < count; i++) {
                assertTrue(push.send(chunk));
            }
            for (int i = 0; i < count; i++) {
                Msg m = pull.recv(TestSupport.TIMEOUT);
                assertNotNull(m, "message " + i);
                assertEquals(CHUNK, m.size());
                m.close();
            }
            assertIoThreadsIdle();
        }
    }

    @Test
    void streamSenderGoesQuietAfterWaitingForAFullSocketBuffer() throws Exception {
        try (Context ctx = new Context(); Socket stream = ctx.socket(SocketType.STREAM);
             ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            stream.set(SocketOption.SNDHWM, 0);
            stream.connect("tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort());
            try (SocketChannel peer = server.accept()) {
                Msg id = stream.recv(TestSupport.TIMEOUT);
                assertNotNull(id, "connect notification");
                byte[] routingId = id.bytes();
                id.close();
                assertEquals(0, stream.recvBytes(0).length);
                byte[] chunk = new byte[CHUNK];
                for (int i = 0; i < BYTES / CHUNK; i++) {
                    stream.sendMore(routingId);
                    assertTrue(stream.send(chunk));
                }
                // Only now does the peer read: until here the STREAM socket's buffer was full.
                ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
                long got = 0;
                while (got < BYTES) {
                    in.clear();
                    int n = peer.read(in);
                    if (n < 0) {
                        throw new IOException("closed after " + got + " bytes");
                    }
                    got += n;
                }
                assertEquals(BYTES, got);
                assertIoThreadsIdle();
            }
        }
    }

    /**
     * A backing-off context spins only for its busy phase after the last message, then sleeps
     * like the default one: a short back-off (well under the idle window here) must leave its
     * I/O thread as quiet as the default's.
     */
    @Test
    void backingOffIoThreadSleepsOnceItsBusyPhaseIsOver() throws Exception {
        Context.Builder b = Context.builder().waitStrategy(WaitStrategy.backoff(1000, 10));
        try (Context ctx = b.build(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            for (int i = 0; i < 100; i++) {
                assertTrue(push.send("m" + i));
                assertEquals("m" + i, TestSupport.recv(pull));
            }
            assertIoThreadsIdle();
        }
    }

    private static void assertIoThreadsIdle() throws Exception {
        long before = ioThreadsCpuNanos();
        Thread.sleep(IDLE_MILLIS); // the measurement window itself: nothing to await
        long used = ioThreadsCpuNanos() - before;
        assertTrue(used < IDLE_MILLIS * 1_000_000L / 4,
                "I/O threads used " + used / 1_000_000 + " ms of CPU in " + IDLE_MILLIS + " ms of idleness");
    }

    /** CPU time of every Gannet I/O thread (java.management through reflection: this test module does not read it). */
    private static long ioThreadsCpuNanos() throws Exception {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Method cpuTime = Class.forName("java.lang.management.ThreadMXBean").getMethod("getThreadCpuTime", long.class);
        long total = 0;
        int threads = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("gannet-io-")) {
                total += (long) cpuTime.invoke(bean, t.getId());
                threads++;
            }
        }
        assertTrue(threads > 0, "no I/O thread found");
        return total;
    }
}
