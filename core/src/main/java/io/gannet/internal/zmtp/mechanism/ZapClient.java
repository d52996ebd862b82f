package io.gannet.internal.zmtp.mechanism;

import java.util.List;

/**
 * A server mechanism's way to its socket's ZAP handler (RFC 27), given by the engine: the
 * handler bound at {@code inproc://zeromq.zap.01} in the same context, reached without
 * blocking the I/O thread. The reply comes back later through {@link Mechanism#zapReply}.
 * One per connection, used on the engine's I/O thread.
 */
public interface ZapClient {
    /** The inproc name ZAP handlers bind (RFC 27). */
    String ENDPOINT = "inproc://zeromq.zap.01";

    /**
     * Sends one request, frames in order (the empty delimiter first). Returns false, sending
     * nothing, when no handler is bound; the mechanism then does what libzmq does without one.
     */
    boolean request(List<byte[]> frames);

    /**
     * The peer's address for the request and the {@code Peer-Address} property: its IP address
     * for tcp, empty when the transport has none.
     */
    String peerAddress();
}
