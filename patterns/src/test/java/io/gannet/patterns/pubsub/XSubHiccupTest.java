package io.gannet.patterns.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.Msg;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.patterns.common.FakePipe;
import io.gannet.spi.SocketHost;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SUB/XSUB against a fake pipe: what goes upstream on attach and after a reconnect. */
class XSubHiccupTest {
    private static final SocketHost HOST = new SocketHost() {
        @Override
        public SocketType type() {
            return SocketType.XSUB;
        }

        @Override
        public ByteBufAllocator alloc() {
            return ByteBufAllocator.DEFAULT;
        }

        @Override
        public byte[] newRoutingId() {
            return new byte[] {0, 0, 0, 0, 1};
        }

        @Override
        public <T> T option(SocketOption<T> option) {
            return option.defaultValue();
        }

        @Override
        public void countDropped(int messages) {
        }
    };

    @Test
    void aReconnectedPipeIsSentEveryTopicAgain() {
        XSub xsub = new XSub(HOST);
        xsub.send(Msg.of("\u0001A"));
        xsub.send(Msg.of("\u0001A"));
        xsub.send(Msg.of("\u0001B"));
        FakePipe pipe = new FakePipe("p", 100);
        xsub.attach(pipe);
        assertEquals(List.of("\u0001A", "\u0001B"), pipe.written);
        xsub.send(Msg.of("\u0000B"));
        xsub.hiccuped(pipe);
        assertEquals(List.of("\u0001A", "\u0001B", "\u0000B", "\u0001A"), pipe.written);
        xsub.close();
    }

    @Test
    void subscriptionsBeyondTheHighWaterMarkAreDroppedLikeLibzmq() {
        XSub xsub = new XSub(HOST);
        for (int i = 0; i < 5; i++) {
            xsub.send(Msg.of("\u0001t" + i));
        }
        FakePipe pipe = new FakePipe("p", 3);
        xsub.attach(pipe);
        assertEquals(3, pipe.written.size());
        xsub.close();
    }
}
