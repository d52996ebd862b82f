package io.gannet.internal.zmtp.mechanism;

import io.gannet.SocketType;
import io.gannet.internal.zmtp.FrameHandler;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;
import java.util.Locale;

/**
 * A ZMTP security mechanism (RFC 37 "Authentication and Confidentiality"): the handshake
 * that follows the greeting, as a state machine the engine drives, and for mechanisms that
 * protect traffic (CURVE) the wrapping of every frame afterwards.
 *
 * <p>The engine's loop during the handshake:
 * <pre>
 *   after the greeting:        send every {@link #nextCommand} until it returns null
 *   for each command received: {@link #processCommand}; then send every {@link #nextCommand}
 *   status READY:              handshake done; {@link #peerMetadata()} is final
 *   status ERROR:              flush {@link #nextCommand} (it may hold an ERROR for the
 *                              peer), then close and report {@link #error()}
 *   a message frame, or a command while HANDSHAKING that the mechanism rejects: protocol error
 * </pre>
 * Command bodies are whole command frame bodies (name length, name, data); the engine frames
 * them with the COMMAND flag. Mechanisms never touch channels, framing or threads: they are
 * pure, one instance per connection, owned by the engine's I/O thread.
 */
public interface Mechanism {

    /** Where the handshake stands. */
    enum Status {
        /** Commands are still to be exchanged. */
        HANDSHAKING,
        /** Both sides are satisfied; traffic may flow. */
        READY,
        /** The handshake failed; see {@link #error()}. */
        ERROR
    }

    /** The name announced in the greeting, e.g. "NULL". */
    String name();

    /** The greeting's as-server flag we announce. */
    boolean asServer();

    /**
     * The next handshake command body to send, or null if there is nothing to send now. The
     * caller owns the result.
     */
    ByteBuf nextCommand(ByteBufAllocator alloc);

    /**
     * Consumes one command received during the handshake. Does not release {@code body}; the
     * caller does after the call. Never throws on bad input: a bad command sets
     * {@link Status#ERROR}.
     *
     * @return the status after the command
     */
    Status processCommand(ByteBuf body);

    /** The current status. */
    Status status();

    /** Why the handshake failed, or null unless {@link #status()} is ERROR. */
    HandshakeError error();

    /** The peer's metadata; {@link Metadata#EMPTY} until the handshake is READY. */
    Metadata peerMetadata();

    /** The peer's socket type, once the handshake is READY (null before). */
    default SocketType peerSocketType() {
        String name = peerMetadata().getString(Metadata.SOCKET_TYPE);
        return name == null ? null : SocketType.fromZmtpName(name.toUpperCase(Locale.ROOT));
    }

    /** The peer's routing id ({@code Identity} property), or null if it sent none. */
    default byte[] peerIdentity() {
        return peerMetadata().get(Metadata.IDENTITY);
    }

    /**
     * Gives a server mechanism its way to the socket's ZAP handler, before the handshake
     * starts. Clients ignore it.
     */
    default void zapClient(ZapClient client) {
    }

    /**
     * The ZAP handler's reply to the request this mechanism sent (it stays
     * {@link Status#HANDSHAKING} while it waits). The engine then sends every
     * {@link #nextCommand} and acts on the status, as after {@link #processCommand}.
     *
     * @param frames      the reply's frames, or null when the handler went away before it
     *                    answered (the handshake then fails as libzmq's does, without detail)
     * @param moreFlagsOk false when the frames' MORE flags did not end the reply at its last
     *                    frame (a reply of the wrong shape)
     * @return the status after the reply
     */
    default Status zapReply(List<byte[]> frames, boolean moreFlagsOk) {
        return status();
    }

    /**
     * The properties a ZAP handler gave the connection ({@code User-Id} and its reply's
     * metadata), once the handshake is READY; empty when no handler was asked.
     */
    default Metadata zapProperties() {
        return Metadata.EMPTY;
    }

    /** The connection is gone: overwrite whatever key material is left. Idempotent. */
    default void destroy() {
    }

    /**
     * Whether traffic passes through {@link #encode} and {@link #decode} (CURVE encrypts each
     * frame into a MESSAGE command). False for NULL and PLAIN: the engine may skip both calls.
     */
    default boolean wrapsTraffic() {
        return false;
    }

    /**
     * Turns one outgoing message frame into the frame body to put on the wire, taking
     * ownership of {@code body}. When {@link #wrapsTraffic()} the result is sent as one frame
     * without MORE (RFC 26 calls CURVE's MESSAGE a command, but libzmq 4.3 frames it as a
     * message and ignores command frames after the handshake); otherwise as a message frame
     * with the same MORE flag. Identity for NULL.
     */
    default ByteBuf encode(ByteBuf body, boolean more, ByteBufAllocator alloc) {
        return body;
    }

    /**
     * Wraps one command sent after the handshake (PING, PONG, SUBSCRIBE, CANCEL), taking
     * ownership of {@code body}. When {@link #wrapsTraffic()} the result is a frame that
     * carries it, sent like {@link #encode}'s (CURVE: a MESSAGE with the COMMAND flag inside);
     * identity otherwise.
     */
    default ByteBuf encodeCommand(ByteBuf body, ByteBufAllocator alloc) {
        return body;
    }

    /**
     * Unwraps one received frame and hands the plain message frame to {@code out}, passing on
     * ownership of {@code body} (or of what replaces it). Identity for NULL. When
     * {@link #wrapsTraffic()}, {@code body} is any frame received after the handshake,
     * and what it carries goes to {@code out.onMessageFrame} or, for a wrapped command, to
     * {@code out.onCommand}.
     *
     * @return what {@code out} returned; false with {@link #status()} ERROR means the frame
     *         could not be unwrapped (and was released)
     */
    default boolean decode(ByteBuf body, boolean more, FrameHandler out) {
        return out.onMessageFrame(body, more);
    }
}
