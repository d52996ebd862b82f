package io.gannet.transports.pgm;

import io.gannet.Msg;
import io.gannet.SocketEvent;
import io.gannet.spi.DatagramHost;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Core's side of a datagram session, in memory: a pipe to the socket that holds frames back
 * until a message's last one (as the real pipe does), with a high-water mark, and a record of
 * drops and events. Messages the "socket" received are kept as lists of strings (ISO-8859-1,
 * so any byte survives). Releases every buffer it is given.
 */
final class FakeHost implements DatagramHost {
    /** What the socket has received, oldest first; {@link #take()} consumes. */
    final Deque<List<String>> received = new ArrayDeque<>();
    final List<String> dropReasons = new ArrayList<>();
    long dropped;
    int hwm = Integer.MAX_VALUE;
    /** The largest initial capacity a body was allocated with. */
    int largestAllocation;
    /** Frames the session should read (SEND side), as a queue of messages. */
    final Deque<Msg> outbound = new ArrayDeque<>();
    private final List<String> held = new ArrayList<>();

    private final ByteBufAllocator alloc = new AbstractByteBufAllocator(false) {
        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largestAllocation = Math.max(largestAllocation, initialCapacity);
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    };

    @Override
    public String endpoint() {
        return "fake://";
    }

    @Override
    public ByteBufAllocator alloc() {
        return alloc;
    }

    @Override
    public boolean read(Msg into) {
        Msg m = outbound.poll();
        if (m == null) {
            return false;
        }
        into.move(m);
        return true;
    }

    @Override
    public boolean write(Msg frame) {
        if (held.isEmpty() && !checkWrite()) {
            return false;
        }
        boolean more = frame.hasMore();
        ByteBuf data = frame.take();
        held.add(data.toString(StandardCharsets.ISO_8859_1));
        data.release();
        if (!more) {
            received.add(new ArrayList<>(held));
            held.clear();
        }
        return true;
    }

    @Override
    public boolean checkWrite() {
        return received.size() < hwm;
    }

    @Override
    public void rollback() {
        held.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void awaitWritable(int index) {
    }

    @Override
    public void messagesDropped(long count, String why) {
        dropped += count;
        dropReasons.add(why);
    }

    @Override
    public void emit(SocketEvent event, long value, String detail) {
    }

    /** The oldest message received, or null. */
    List<String> take() {
        return received.poll();
    }

    /** Whether a message was begun and not finished (frames held back). */
    boolean midMessage() {
        return !held.isEmpty();
    }
}
