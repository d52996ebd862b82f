package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketType;
import io.gannet.internal.zmtp.CommandName;
import io.gannet.internal.zmtp.FrameDecoder;
import io.gannet.internal.zmtp.FrameEncoder;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.Greeting;
import io.gannet.internal.zmtp.GreetingDecoder;
import io.gannet.internal.zmtp.Subscriptions;
import io.gannet.internal.zmtp.TestBuffers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two peers wired the way the engine will wire the pieces: greeting, frame decoder, NULL
 * mechanism, then traffic, with every byte delivered in its own read.
 */
class ZmtpLoopbackTest {

    private final UnpooledByteBufAllocator alloc = TestBuffers.allocator();

    @AfterEach
    void nothingLeaked() {
        assertEquals(0, TestBuffers.used(alloc));
    }

    /** One side of a connection: what an engine holds. */
    private final class Peer implements FrameHandler {
        final NullMechanism mechanism;
        final GreetingDecoder greeting = new GreetingDecoder(NullMechanism.NAME);
        final FrameDecoder decoder = new FrameDecoder(alloc, 1 << 20, FrameDecoder.DEFAULT_COPY_THRESHOLD);
        final ByteBuf outbox = alloc.heapBuffer();
        final List<String> received = new ArrayList<>();

        Peer(SocketType type) {
            mechanism = new NullMechanism(HandshakeConfig.of(type));
            Greeting.encode(outbox, mechanism.name(), mechanism.asServer());
        }

        void read(ByteBuf in) {
            if (!greeting.isDone()) {
                if (greeting.decode(in) != GreetingDecoder.Result.DONE) {
                    return;
                }
                sendHandshake();
            }
            assertEquals(FrameDecoder.Result.NEED_INPUT, decoder.decode(in, this));
        }

        void sendHandshake() {
            for (ByteBuf c = mechanism.nextCommand(alloc); c != null; c = mechanism.nextCommand(alloc)) {
                FrameEncoder.writeFrame(outbox, c, false, true);
                c.release();
            }
        }

        void send(String text, boolean more) {
            ByteBuf body = alloc.heapBuffer().writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            FrameEncoder.writeHeader(outbox, body.readableBytes(), more, false);
            outbox.writeBytes(body);
            body.release();
        }

        @Override
        public boolean onMessageFrame(ByteBuf body, boolean more) {
            received.add(body.toString(StandardCharsets.US_ASCII) + (more ? "+" : ""));
            body.release();
            return true;
        }

        @Override
        public boolean onCommand(ByteBuf body) {
            if (mechanism.status() == Mechanism.Status.HANDSHAKING) {
                mechanism.processCommand(body);
                sendHandshake();
            } else if (Subscriptions.isSubscriptionCommand(body)) {
                ByteBuf message = Subscriptions.commandToMessage(alloc, body);
                received.add("sub:" + message.toString(StandardCharsets.US_ASCII).substring(1) + ":" + message.getByte(0));
                message.release();
            } else {
                received.add("cmd:" + CommandName.of(body));
            }
            body.release();
            return true;
        }

        void close() {
            decoder.release();
            outbox.release();
        }
    }

    /** Moves everything queued in each outbox to the other side, one byte per read. */
    private static void exchange(Peer a, Peer b) {
        while (a.outbox.isReadable() || b.outbox.isReadable()) {
            trickle(a, b);
            trickle(b, a);
        }
    }

    private static void trickle(Peer from, Peer to) {
        while (from.outbox.isReadable()) {
            ByteBuf oneByte = from.outbox.readRetainedSlice(1);
            to.read(oneByte);
            oneByte.release();
        }
        from.outbox.discardReadBytes();
    }

    @Test
    void publisherAndSubscriberHandshakeThenExchangeSubscriptionsAndMessages() {
        Peer pub = new Peer(SocketType.PUB);
        Peer sub = new Peer(SocketType.SUB);
        exchange(pub, sub);
        assertEquals(Mechanism.Status.READY, pub.mechanism.status());
        assertEquals(Mechanism.Status.READY, sub.mechanism.status());
        assertTrue(sub.greeting.peerSpeaks31());
        assertEquals(SocketType.PUB, sub.mechanism.peerSocketType());

        ByteBuf subscription = Subscriptions.message(alloc, true, "news".getBytes(StandardCharsets.US_ASCII));
        ByteBuf command = Subscriptions.messageToCommand(alloc, subscription);
        FrameEncoder.writeFrame(sub.outbox, command, false, true);
        subscription.release();
        command.release();
        pub.send("news", true);
        pub.send("x".repeat(300), false);
        exchange(pub, sub);

        assertEquals(List.of("sub:news:1"), pub.received);
        assertEquals(List.of("news+", "x".repeat(300)), sub.received);
        pub.close();
        sub.close();
    }
}
