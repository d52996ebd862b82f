package io.gannet.spi;

import io.gannet.SocketType;
import io.netty.buffer.ByteBufAllocator;

/**
 * What a {@link SocketProtocol} may ask of the socket that hosts it. Called from the
 * socket's thread only.
 */
public interface SocketHost extends OptionSource {
    /** The socket type being implemented. */
    SocketType type();

    /** The allocator for frames the protocol makes itself (delimiters, request ids). */
    ByteBufAllocator alloc();

    /**
     * A fresh routing id for an anonymous peer: five bytes, a zero byte then a counter, as
     * libzmq makes them (a zero first byte never clashes with ids peers choose).
     */
    byte[] newRoutingId();

    /**
     * Counts messages the protocol dropped as its RFC prescribes (at a high-water mark, to an
     * unknown or departed peer), so {@link io.gannet.Socket#droppedMessages()} reports them.
     * Cheap enough for the drop path; it raises no monitor event.
     */
    void countDropped(int messages);
}
