package io.gannet.spi;

import io.gannet.Msg;
import io.gannet.SocketType;

/**
 * One peer connection as a socket type sees it: a pair of message queues, one each way, with
 * high-water marks. The other end is another socket's pipe (inproc) or a connection's session
 * on an I/O thread (tcp, ipc).
 *
 * <p>Owned by the socket's thread: every method is called from it only. A pipe never wakes
 * anyone per message: when {@link #read} finds nothing, the protocol's
 * {@link SocketProtocol#readActivated} is called once data arrives; when {@link #write} or
 * {@link #checkWrite} refuses, {@link SocketProtocol#writeActivated} is called once there is
 * room again.
 */
public interface Pipe {
    /**
     * Reads one frame into {@code into} (releasing what it held). Returns false when nothing
     * is queued; {@link SocketProtocol#readActivated} follows when something arrives.
     * Readers only ever see whole messages.
     */
    boolean read(Msg into);

    /** Whether a frame can be read now, without reading it. */
    boolean checkRead();

    /**
     * Queues one frame, taking {@code msg}'s data and leaving it empty. Frames of a
     * multipart message are held back until the last one, so the peer sees the message
     * whole or not at all. Returns false, taking nothing, when the high-water mark is reached
     * at the start of a message; {@link SocketProtocol#writeActivated} follows when there is
     * room. Once a message's first frame is accepted, its other frames always are.
     */
    boolean write(Msg msg);

    /** Whether a new message could be written now. */
    boolean checkWrite();

    /**
     * Whether a frame written to this pipe may be the very {@code ByteBuf} object written to
     * other pipes too (one reference each, {@code retain()}), rather than a duplicate with
     * indexes of its own.
     *
     * <p>True when the reader of this pipe is a connection's engine on an I/O thread (tcp,
     * ipc): it reads a frame only at absolute positions, never moves its reader or writer
     * index, never changes its bytes and never uses its internal NIO view while another
     * reference exists, then releases it. False when the frames reach an application
     * (inproc), which may read a received buffer with {@code readBytes}: sharing it would
     * move the indexes under every other reader. Fixed for the life of the pipe.
     */
    default boolean framesShareable() {
        return false;
    }

    /**
     * Whether the peer takes every message whatever its topic: a datagram or multicast
     * endpoint ({@code udp://}, {@code epgm://}), which hears no subscriptions (its receivers
     * filter). A PUB or XPUB then sends it everything, and an XPUB reports no subscription for
     * it, as libzmq does. Fixed for the life of the pipe.
     */
    default boolean subscribedToAll() {
        return false;
    }

    /** Makes written messages visible to the reader, waking it if it was asleep. */
    void flush();

    /** Drops the frames of a message started but not finished with {@link #write}. */
    void rollback();

    /** The routing id the socket knows this peer by (ROUTER); null until set. */
    byte[] routingId();

    /** Sets the routing id the socket knows this peer by. */
    void routingId(byte[] id);

    /** The routing id the peer announced for itself (its {@code ROUTING_ID}); null if none. */
    byte[] peerRoutingId();

    /** The peer's socket type; null when unknown (e.g. a raw STREAM peer). */
    SocketType peerType();

    /** True when this socket made the connection (connect), false when it accepted it (bind). */
    boolean locallyInitiated();

    /** The endpoint this pipe belongs to, for diagnostics. */
    String endpoint();

    /**
     * Closes this pipe from the socket's side, e.g. to hand a routing id over to a new peer.
     * {@link SocketProtocol#terminated} follows.
     */
    void terminate();

    /** Slot storage for building blocks that keep pipes in arrays (see {@link #index(int)}). */
    int SLOTS = 3;

    /** Position of this pipe in the array numbered {@code slot} (0..{@link #SLOTS}-1); -1 if absent. */
    int index(int slot);

    /** Records this pipe's position in the array numbered {@code slot}. */
    void index(int slot, int position);

    /** Per-pipe state a socket type keeps (e.g. a subscription set); null until set. */
    Object attachment();

    /** Sets the per-pipe state a socket type keeps. */
    void attachment(Object value);
}
