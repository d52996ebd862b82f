package io.gannet.patterns.common;

import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.spi.SocketHost;
import io.netty.buffer.ByteBufAllocator;
import java.util.HashMap;
import java.util.Map;

/** A socket host for unit tests of socket types: options set by the test, drops counted. */
public final class FakeHost implements SocketHost {
    private final SocketType type;
    private final Map<SocketOption<?>, Object> options = new HashMap<>();
    private int ids;
    /** What {@link #countDropped} was told, in total. */
    public long dropped;

    public FakeHost(SocketType type) {
        this.type = type;
    }

    /** Sets an option the protocol will read; returns this. */
    public <T> FakeHost with(SocketOption<T> option, T value) {
        options.put(option, value);
        return this;
    }

    @Override
    public SocketType type() {
        return type;
    }

    @Override
    public ByteBufAllocator alloc() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public byte[] newRoutingId() {
        ids++;
        return new byte[] {0, 0, 0, 0, (byte) ids};
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T option(SocketOption<T> option) {
        return options.containsKey(option) ? (T) options.get(option) : option.defaultValue();
    }

    @Override
    public void countDropped(int messages) {
        if (messages <= 0) {
            throw new AssertionError("countDropped(" + messages + "): only losses are reported");
        }
        dropped += messages;
    }
}
