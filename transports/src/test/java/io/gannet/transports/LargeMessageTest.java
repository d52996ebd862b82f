package io.gannet.transports;

import static io.gannet.transports.TestSupport.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Large messages end to end, around the decoder's whole-body limit (a body split over reads
 * gets one buffer of its size up to the limit, and the rest of it is read from the socket
 * straight into that buffer; above the limit it is gathered piece by piece), and around
 * MAXMSGSIZE. Messages of a megabyte cannot fit one read, so the direct reads happen.
 */
class LargeMessageTest {
    /** {@code FrameDecoder.DEFAULT_WHOLE_BODY_LIMIT} (core internals are not visible here). */
    private static final int LIMIT = 1 << 20;

    @TempDir
    Path dir;

    private String endpoint(String transport) {
        return transport.equals("ipc") ? "ipc://" + dir.resolve("large.sock") : "tcp://127.0.0.1:*";
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void messagesAroundTheWholeBodyLimitArriveIntact(String transport) throws InterruptedException {
        int[] sizes = {65_535, 65_536, 65_537, LIMIT - 1, LIMIT, LIMIT + 1, 65_536, 3 * LIMIT + 5, LIMIT, 100};
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind(endpoint(transport));
            push.connect(pull.lastEndpoint());
            Thread sender = new Thread(() -> {
                for (int round = 0; round < 3; round++) {
                    for (int size : sizes) {
                        push.send(TcpPushPullTest.pattern(size), 0);
                    }
                }
            });
            sender.start();
            for (int round = 0; round < 3; round++) {
                for (int size : sizes) {
                    byte[] got = pull.recvBytes(0);
                    assertNotNull(got);
                    assertEquals(size, got.length);
                    assertArrayEquals(TcpPushPullTest.pattern(size), got, "payload of " + size + " bytes");
                }
            }
            TestSupport.join(sender);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void manySixtyFourKilobyteMessagesKeepTheirOrderAndContent(String transport) throws InterruptedException {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind(endpoint(transport));
            push.connect(pull.lastEndpoint());
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    byte[] b = new byte[65_536];
                    b[0] = (byte) i;
                    b[65_535] = (byte) (i >>> 8);
                    push.send(b, 0);
                }
            });
            sender.start();
            for (int i = 0; i < 2000; i++) {
                try (Msg m = pull.recv(TestSupport.TIMEOUT)) {
                    assertNotNull(m, "message " + i);
                    assertEquals(65_536, m.size());
                    assertEquals((byte) i, m.data().getByte(m.data().readerIndex()));
                    assertEquals((byte) (i >>> 8), m.data().getByte(m.data().readerIndex() + 65_535));
                }
            }
            TestSupport.join(sender);
        }
    }

    /**
     * The buffers of split bodies are recycled through the I/O thread's pool, released here
     * on the application thread: a recycled buffer must carry only its new message, and the
     * leak check (paranoid in tests) must find every buffer released.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void recycledBodyBuffersOfSixtyFourKilobytesAndOneMebibyteCarryOnlyTheirOwnMessage(String transport) throws InterruptedException {
        int[] sizes = {65_536, LIMIT, 65_536 + 1, LIMIT - 1, 5000};
        ByteBuf[] expected = new ByteBuf[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            expected[i] = Unpooled.wrappedBuffer(TcpPushPullTest.pattern(sizes[i]));
        }
        int rounds = 60;
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind(endpoint(transport));
            push.connect(pull.lastEndpoint());
            Thread sender = new Thread(() -> {
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < sizes.length; i++) {
                        byte[] body = TcpPushPullTest.pattern(sizes[i]);
                        body[0] = (byte) round;
                        push.send(body, 0);
                    }
                }
            });
            sender.start();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    try (Msg m = pull.recv(TestSupport.TIMEOUT)) {
                        assertNotNull(m, "round " + round + ", message " + i);
                        ByteBuf data = m.data();
                        assertEquals(sizes[i], data.readableBytes());
                        assertEquals((byte) round, data.getByte(data.readerIndex()), "round " + round);
                        assertEquals(expected[i].slice(1, sizes[i] - 1), data.slice(data.readerIndex() + 1, sizes[i] - 1),
                                "payload of round " + round + ", message " + i);
                    }
                }
            }
            TestSupport.join(sender);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {LIMIT - 1, LIMIT, LIMIT + 1})
    void maxMsgSizeAroundTheLimitAcceptsItsOwnSizeAndDropsALargerMessage(int max) throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(SocketOption.MAXMSGSIZE, (long) max);
            Monitor m = pull.monitor(EnumSet.of(SocketEvent.DISCONNECTED));
            pull.bind("tcp://127.0.0.1:*");
            push.connect(pull.lastEndpoint());
            push.send(TcpPushPullTest.pattern(max), 0);
            assertArrayEquals(TcpPushPullTest.pattern(max), pull.recvBytes(0));
            push.send(new byte[max + 1], 0);
            expect(m, SocketEvent.DISCONNECTED);
            assertNull(pull.recv(Duration.ofMillis(200)));
        }
    }
}
