package io.gannet;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * A ZeroMQ socket, made by {@link Context#socket(SocketType)}.
 *
 * <p><b>Threads.</b> A socket is used by one thread at a time; it may move to another thread
 * when the hand-over carries a happens-before edge (a queue, a lock, a thread start). A second
 * thread entering while the first is inside a call gets a {@link GannetException} with
 * {@code EBUSY} naming both threads, never silent corruption. Blocking calls park the thread
 * (virtual threads unmount); an interrupt ends the call with {@link GannetInterruptedException}
 * and leaves the socket usable. When the context closes, blocked and later calls throw
 * {@link ContextClosedException}. {@link #close()} alone may come from any thread: a call
 * blocked in another thread then throws {@link SocketClosedException}.
 *
 * <p><b>Sending.</b> A message is one or more frames; every frame but the last is sent with
 * {@link #SNDMORE} (or {@code sendMore}). Sends return {@code true} once the frame is queued;
 * with {@link #DONTWAIT} (or {@code SNDTIMEO}) they return {@code false} when the message
 * cannot be queued now, and the caller keeps the data. Sends that take a {@link ByteBuf} or
 * {@link Msg} take ownership of the data on success (zero copy).
 *
 * <p><b>Receiving.</b> {@code recv} returns one frame; {@link #hasMore()} says whether more
 * frames of the same message follow. Received {@link Msg}s and {@link ByteBuf}s belong to
 * the caller, who releases them.
 */
public interface Socket extends AutoCloseable {
    /** Flag: fail with {@code false}/{@code null} instead of blocking. */
    int DONTWAIT = 1;
    /** Flag: more frames of this message follow. */
    int SNDMORE = 2;

    /** This socket's type. */
    SocketType type();

    // ---- endpoints ----------------------------------------------------------------------
    /**
     * Accepts connections on {@code endpoint} ({@code inproc://name}, {@code tcp://host:port},
     * {@code tcp://*:*}, {@code ipc://path}...). Throws {@link GannetException} with
     * {@code EINVAL} for a malformed endpoint, {@code EPROTONOSUPPORT} when no transport for
     * the scheme is on the class path, {@code EADDRINUSE} when the address is taken.
     */
    void bind(String endpoint);

    /** Stops accepting on an endpoint given to {@link #bind} (or returned by {@link #lastEndpoint()}). */
    void unbind(String endpoint);

    /** Connects to {@code endpoint}; the connection is made (and remade) in the background. */
    void connect(String endpoint);

    /** Drops the connection made by {@link #connect} to {@code endpoint}. */
    void disconnect(String endpoint);

    /** The endpoint of the last bind or connect, with wildcards resolved ({@code tcp://127.0.0.1:40123}). */
    String lastEndpoint();

    // ---- sending ------------------------------------------------------------------------
    /** Sends a frame; the data is taken on success. See the class doc for flags and blocking. */
    boolean send(Msg msg, int flags);

    /** Sends {@code msg} as the last (or only) frame of a message, blocking if needed. */
    default boolean send(Msg msg) {
        return send(msg, msg.hasMore() ? SNDMORE : 0);
    }

    /** Sends a frame that takes over the caller's reference to {@code data} on success. */
    boolean send(ByteBuf data, int flags);

    /** Sends {@code data} (taken on success) as the last frame, blocking if needed. */
    default boolean send(ByteBuf data) {
        return send(data, 0);
    }

    /** Sends a copy of {@code data}. */
    boolean send(byte[] data, int flags);

    /** Sends a copy of {@code data} as the last frame, blocking if needed. */
    default boolean send(byte[] data) {
        return send(data, 0);
    }

    /** Sends {@code text} in UTF-8. */
    boolean send(String text, int flags);

    /** Sends {@code text} in UTF-8 as the last frame, blocking if needed. */
    default boolean send(String text) {
        return send(text, 0);
    }

    /** Sends a frame with more to follow. */
    default boolean sendMore(byte[] data) {
        return send(data, SNDMORE);
    }

    /** Sends a UTF-8 frame with more to follow. */
    default boolean sendMore(String text) {
        return send(text, SNDMORE);
    }

    /** Sends a frame (taken on success) with more to follow. */
    default boolean sendMore(ByteBuf data) {
        return send(data, SNDMORE);
    }

    /**
     * Sends every frame of {@code message} as one message and releases the frames it sent.
     * With {@link #DONTWAIT}, returns {@code false} (sending nothing) when the first frame
     * cannot be queued.
     */
    boolean send(Multipart message, int flags);

    /** Sends every frame of {@code message}, blocking if needed. */
    default boolean send(Multipart message) {
        return send(message, 0);
    }

    // ---- receiving ----------------------------------------------------------------------
    /**
     * Receives one frame into {@code into} (releasing what it held); false when
     * {@link #DONTWAIT} was given or {@code RCVTIMEO} expired with nothing to receive.
     * Allocates nothing.
     */
    boolean recv(Msg into, int flags);

    /** Receives one frame, blocking up to {@code RCVTIMEO}; null if it expired. */
    Msg recv();

    /** Receives one frame; null when {@link #DONTWAIT} found nothing or {@code RCVTIMEO} expired. */
    Msg recv(int flags);

    /** Receives one frame, waiting at most {@code timeout}; null if it expired. */
    Msg recv(Duration timeout);

    /** Receives one frame as a {@link ByteBuf} the caller must release (zero copy); null as {@link #recv(int)}. */
    ByteBuf recvBuf(int flags);

    /** Receives one frame as a byte array; null as {@link #recv(int)}. */
    byte[] recvBytes(int flags);

    /** Receives one frame as a byte array, blocking up to {@code RCVTIMEO}. */
    default byte[] recvBytes() {
        return recvBytes(0);
    }

    /** Receives one frame as UTF-8 text; null as {@link #recv(int)}. */
    String recvString(int flags);

    /** Receives one frame as UTF-8 text, blocking up to {@code RCVTIMEO}. */
    default String recvString() {
        return recvString(0);
    }

    /** Receives a whole message; null when nothing could be received (its first frame). */
    Multipart recvMultipart(int flags);

    /** Receives a whole message, blocking up to {@code RCVTIMEO}. */
    default Multipart recvMultipart() {
        return recvMultipart(0);
    }

    /** Whether the last frame received has more frames of the same message after it. */
    boolean hasMore();

    // ---- subscriptions ------------------------------------------------------------------
    /** SUB: receive messages that start with {@code topic} (empty: everything). */
    default void subscribe(byte[] topic) {
        set(SocketOption.SUBSCRIBE, topic);
    }

    /** SUB: subscribe to a UTF-8 topic prefix. */
    default void subscribe(String topic) {
        subscribe(topic.getBytes(StandardCharsets.UTF_8));
    }

    /** SUB: remove one subscription made with {@link #subscribe(byte[])}. */
    default void unsubscribe(byte[] topic) {
        set(SocketOption.UNSUBSCRIBE, topic);
    }

    /** SUB: remove one UTF-8 topic subscription. */
    default void unsubscribe(String topic) {
        unsubscribe(topic.getBytes(StandardCharsets.UTF_8));
    }

    // ---- options, monitoring, life --------------------------------------------------------
    /** Sets an option; throws {@link GannetException} ({@code EINVAL}) for a wrong value or socket type. */
    <T> Socket set(SocketOption<T> option, T value);

    /** Reads an option's current value. */
    <T> T get(SocketOption<T> option);

    /**
     * Starts reporting the given events of this socket's connections and returns the
     * monitor that receives them. Events are buffered without limit until read or closed.
     */
    Monitor monitor(Set<SocketEvent> events);

    /**
     * libzmq-compatible monitoring: events are sent as two-frame messages (6 bytes of event
     * and value in native byte order, then the endpoint) on a PAIR socket bound to
     * {@code inprocEndpoint}, which the application connects a PAIR socket to.
     */
    void monitor(String inprocEndpoint, Set<SocketEvent> events);

    /**
     * How many messages this socket has dropped instead of delivering, since it was made:
     * inbound messages a peer cut short by closing mid-message, outbound messages still unsent
     * when LINGER ran out or the context's close stopped waiting for them (see
     * {@link Context}), and the drops the socket type's RFC prescribes (a PUB or XPUB at a
     * slow subscriber's high-water mark, a ROUTER's message to an unknown peer, a reply whose
     * requester has gone). Losses tied to a connection or to LINGER are also reported as
     * {@link SocketEvent#MESSAGES_DROPPED} monitor events. Any thread may call it, also
     * after close.
     */
    long droppedMessages();

    /** Whether {@link #close()} was called (or the context closed it). */
    boolean isClosed();

    /**
     * Closes the socket. Messages already queued are delivered in the background for up to
     * {@link SocketOption#LINGER}, to connected peers and to peers not connected yet alike;
     * the call itself does not wait for them ({@link Context#close()} does, within bounds).
     * Safe to call more than once.
     *
     * <p>Unlike every other method, {@code close} may be called from any thread, at any time.
     * A call of another thread blocked in this socket ({@code recv}, {@code send}, a
     * {@link Poller}) then ends with {@link SocketClosedException}, and the socket is closed
     * as that call leaves; this method returns once the socket is closed (an interrupt stops
     * that short wait, not the closing). Later calls throw {@link SocketClosedException}.
     */
    @Override
    void close();
}
