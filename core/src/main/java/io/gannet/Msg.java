package io.gannet;

import io.gannet.internal.MsgProperties;
import io.gannet.internal.zmtp.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One frame of a message: a reference-counted Netty {@link ByteBuf} plus the MORE flag that
 * says another frame of the same message follows.
 *
 * <p>A {@code Msg} owns one reference to its data. Whoever receives a {@code Msg} from a
 * socket owns it and must {@link #close()} it (try-with-resources works). A successful send
 * takes the data and leaves the {@code Msg} empty; a send that would block leaves it with the
 * caller. A {@code Msg} may be reused for many receives ({@link Socket#recv(Msg, int)}), which
 * allocates nothing.
 *
 * <p>A received frame also carries the properties of the connection it arrived on
 * ({@link #property}), as libzmq's {@code zmq_msg_gets} does.
 *
 * <p>Not thread-safe: a {@code Msg} belongs to one thread at a time.
 */
public final class Msg implements AutoCloseable {
    static {
        MsgProperties.register((msg, properties) -> msg.properties = properties);
    }

    private ByteBuf data;
    private boolean more;
    /** The properties of the connection a received frame came from; shared, immutable; null if none. */
    private Metadata properties;

    /** An empty frame. */
    public Msg() {
        this.data = Unpooled.EMPTY_BUFFER;
    }

    private Msg(ByteBuf data, boolean more) {
        this.data = data;
        this.more = more;
    }

    /** A frame over a copy of {@code bytes}. */
    public static Msg of(byte[] bytes) {
        return new Msg(bytes.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes.clone()), false);
    }

    /** A frame holding {@code text} in UTF-8. */
    public static Msg of(String text) {
        return new Msg(text.isEmpty() ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), false);
    }

    /** A frame that takes over the caller's reference to {@code data} (no copy). */
    public static Msg wrap(ByteBuf data) {
        if (data == null) {
            throw new NullPointerException("data");
        }
        return new Msg(data, false);
    }

    /** The frame's bytes, without consuming or releasing them; the Msg keeps ownership. */
    public ByteBuf data() {
        return data;
    }

    /** Number of bytes in the frame. */
    public int size() {
        return data.readableBytes();
    }

    /** A copy of the frame's bytes. */
    public byte[] bytes() {
        byte[] out = new byte[data.readableBytes()];
        data.getBytes(data.readerIndex(), out);
        return out;
    }

    /** The frame's bytes decoded as UTF-8. */
    public String string() {
        return data.toString(data.readerIndex(), data.readableBytes(), StandardCharsets.UTF_8);
    }

    /** Whether another frame of the same message follows this one. */
    public boolean hasMore() {
        return more;
    }

    /** Sets the MORE flag; returns this. */
    public Msg more(boolean more) {
        this.more = more;
        return this;
    }

    /**
     * Replaces the content, releasing the previous data; takes the reference to {@code newData}.
     * The frame has no connection properties after this.
     */
    public Msg set(ByteBuf newData, boolean newMore) {
        ByteBuf old = this.data;
        this.data = newData;
        this.more = newMore;
        this.properties = null;
        if (old != newData) {
            old.release();
        }
        return this;
    }

    /**
     * A property of the connection this frame was received on, like libzmq's
     * {@code zmq_msg_gets}, or null if it has none (or the frame was not received from a
     * tcp or ipc connection). Names are matched ignoring case; values are decoded as UTF-8:
     * <ul>
     *   <li>{@code Socket-Type}, {@code Identity} and any other property the peer announced in
     *       its handshake (READY, or CURVE's INITIATE);</li>
     *   <li>{@code User-Id} and the properties of the ZAP handler's reply, when one accepted
     *       the peer (PLAIN and CURVE servers, or NULL with {@link SocketOption#ZAP_DOMAIN});</li>
     *   <li>{@code Peer-Address}: the peer's IP address (tcp).</li>
     * </ul>
     * The values are shared by every frame of the connection; reading them allocates only the
     * returned string.
     */
    public String property(String name) {
        if (properties == null) {
            return null;
        }
        return properties.getString(name);
    }

    /**
     * Moves {@code source}'s frame here (its data, MORE flag and connection properties, like
     * libzmq's {@code zmq_msg_move}), releasing what this Msg held and leaving {@code source}
     * empty. Returns this.
     */
    public Msg move(Msg source) {
        Metadata p = source.properties;
        boolean m = source.more;
        set(source.take(), m);
        properties = p;
        return this;
    }

    /** Hands the data's reference to the caller and leaves this Msg empty. */
    public ByteBuf take() {
        ByteBuf d = data;
        data = Unpooled.EMPTY_BUFFER;
        more = false;
        properties = null;
        return d;
    }

    /** Releases the data and leaves this Msg empty; safe to call more than once. */
    @Override
    public void close() {
        ByteBuf d = data;
        data = Unpooled.EMPTY_BUFFER;
        more = false;
        properties = null;
        d.release();
    }

    @Override
    public String toString() {
        return "Msg[" + data.readableBytes() + " bytes" + (more ? ", more]" : "]");
    }
}
