package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.zmtp.ErrorCommand;
import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ZmtpViolation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * A server mechanism's side of ZAP (RFC 27): asks the handler about one client and reads its
 * answer as libzmq 4.3 does.
 *
 * <ul>
 *   <li>200: the client is in; {@link #properties()} holds {@code User-Id} and the reply's
 *       metadata, for the connection's messages.</li>
 *   <li>300 (temporary failure): refused without a word to the client (CurveZMQ's rule),
 *       {@code HANDSHAKE_FAILED_AUTH} 300.</li>
 *   <li>400, 500: refused, the client gets an ERROR whose reason is the status code,
 *       {@code HANDSHAKE_FAILED_AUTH} with it.</li>
 *   <li>a malformed reply: {@code HANDSHAKE_FAILED_PROTOCOL} with libzmq's {@code ZAP_*} code.</li>
 * </ul>
 * One per connection, on the engine's I/O thread.
 */
final class ZapGate {
    /** The property that carries the ZAP reply's user id (libzmq's {@code ZMQ_MSG_PROPERTY_USER_ID}). */
    static final String USER_ID = "User-Id";

    private final String domain;
    private final byte[] routingId;
    private ZapClient client;
    private boolean waiting;
    private int status;
    private Metadata properties = Metadata.EMPTY;

    ZapGate(String domain, HandshakeConfig config) {
        this.domain = domain;
        this.routingId = config.metadata().get(Metadata.IDENTITY);
    }

    void client(ZapClient c) {
        this.client = c;
    }

    /** The peer's address as the engine knows it; empty without a client. */
    String peerAddress() {
        return client == null ? "" : client.peerAddress();
    }

    /** Sends the request; false when no handler is bound (nothing sent). */
    boolean ask(String mechanism, byte[]... credentials) {
        if (client == null) {
            return false;
        }
        waiting = client.request(ZapMessages.request(domain, client.peerAddress(), routingId, mechanism, credentials));
        return waiting;
    }

    /** Whether a request is out and its reply has not come. */
    boolean waiting() {
        return waiting;
    }

    /**
     * Reads the reply. Returns null when the client is allowed (200), else why it is refused;
     * {@link #errorOwed()} then says whether the client gets an ERROR.
     */
    HandshakeError reply(List<byte[]> frames, boolean moreFlagsOk) {
        waiting = false;
        ZapMessages.Reply r;
        try {
            r = ZapMessages.parse(frames, moreFlagsOk);
        } catch (ZmtpViolation e) {
            return e.toHandshakeError();
        }
        status = r.status();
        if (status != 200) {
            return ZapMessages.refusal(status);
        }
        // As in libzmq, the User-Id frame wins over a "User-Id" in the metadata.
        properties = Metadata.builder().putAll(r.metadata()).put(USER_ID, r.userId()).build();
        return null;
    }

    /** Whether the refusal just read is told to the client (400 and 500, not 300). */
    boolean errorOwed() {
        return status == 400 || status == 500;
    }

    /**
     * The ERROR command for the client after a 400 or 500: the status code as the reason, in
     * libzmq's PLAIN spelling when {@code libzmqPlainForm} (see {@link Libzmq43Error}).
     */
    ByteBuf errorCommand(ByteBufAllocator alloc, boolean libzmqPlainForm) {
        String code = Integer.toString(status);
        return libzmqPlainForm ? Libzmq43Error.encode(alloc, code) : ErrorCommand.encode(alloc, code);
    }

    /** {@code User-Id} and the handler's metadata after a 200; empty otherwise. */
    Metadata properties() {
        return properties;
    }
}
