package io.gannet.spi;

import io.gannet.Msg;
import io.gannet.SocketEvent;
import io.netty.buffer.ByteBufAllocator;

/**
 * Core's side of a {@link DatagramSession}: the one pipe between the session and its socket,
 * seen from the I/O thread, and the socket's counters and monitor. Given to
 * {@link DatagramSession#start}; every method is called on that I/O thread only, from inside
 * one of the session's callbacks.
 *
 * <p>The pipe carries whole messages: frames written with {@link #write} are held back until
 * the last one (MORE clear), so the socket sees a message whole or not at all; a message
 * begun and not finished is dropped with {@link #rollback}. Nothing here allocates.
 */
public interface DatagramHost {
    /** The endpoint as the application wrote it, for messages and events. */
    String endpoint();

    /** The context's buffer allocator, for the bodies of received messages (pooled). */
    ByteBufAllocator alloc();

    /**
     * {@link DatagramRole#SEND}: reads the next frame the socket sent into {@code into}
     * (releasing what it held; the receiver owns the frame and releases it). Returns false
     * when nothing is queued now; {@link DatagramSession#pipeReadable} follows when something is.
     */
    boolean read(Msg into);

    /**
     * {@link DatagramRole#RECEIVE}: queues one frame for the socket, taking {@code frame}'s data.
     * Returns false, taking nothing, when the socket's queue is at RCVHWM at the start of a
     * message ({@link DatagramSession#pipeWritable} follows when there is room); once a
     * message's first frame was taken, its other frames always are.
     */
    boolean write(Msg frame);

    /** Whether a new message could be written now. */
    boolean checkWrite();

    /** Drops the frames of a message started with {@link #write} and not finished. */
    void rollback();

    /** Makes the messages written so far visible to the socket, waking it if it waits. */
    void flush();

    /**
     * Asks for {@link DatagramSession#writable} once channel {@code index} of
     * {@link DatagramSession#channels()} can take a datagram again (its send buffer was full).
     */
    void awaitWritable(int index);

    /**
     * Counts {@code count} messages lost (for {@link io.gannet.Socket#droppedMessages()}) and
     * reports them to the socket's monitors as {@link SocketEvent#MESSAGES_DROPPED} with
     * {@code why} as the detail.
     */
    void messagesDropped(long count, String why);

    /** Reports an event about this endpoint to the socket's monitors. */
    void emit(SocketEvent event, long value, String detail);
}
