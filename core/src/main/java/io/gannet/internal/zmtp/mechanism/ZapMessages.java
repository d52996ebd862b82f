package io.gannet.internal.zmtp.mechanism;

import io.gannet.internal.zmtp.HandshakeError;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.internal.zmtp.ProtocolError;
import io.gannet.internal.zmtp.ZmtpViolation;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ZAP request and reply (RFC 27) as libzmq 4.3 writes and checks them:
 *
 * <pre>
 *  request: "" | "1.0" | request id "1" | domain | address | routing id | mechanism | credentials...
 *  reply:   "" | "1.0" | "1" | status code | status text | user id | metadata
 * </pre>
 *
 * The routing id is the server socket's own ({@code ROUTING_ID}), as libzmq sends it. A reply
 * that is not exactly seven frames, or whose version, request id, status code (200, 300, 400,
 * 500) or metadata is wrong, fails the handshake with libzmq's {@code ZAP_*} protocol error.
 * Stateless.
 */
final class ZapMessages {
    static final String VERSION = "1.0";
    /** libzmq sends one request per connection, always with id "1". */
    static final String REQUEST_ID = "1";
    private static final int REPLY_FRAMES = 7;

    /** A checked reply. */
    record Reply(int status, byte[] userId, Metadata metadata) {
    }

    private ZapMessages() {
    }

    static List<byte[]> request(String domain, String address, byte[] routingId, String mechanism,
                                byte[]... credentials) {
        List<byte[]> frames = new ArrayList<>(7 + credentials.length);
        frames.add(new byte[0]);
        frames.add(ascii(VERSION));
        frames.add(ascii(REQUEST_ID));
        frames.add(domain.getBytes(StandardCharsets.UTF_8));
        frames.add(address.getBytes(StandardCharsets.UTF_8));
        frames.add(routingId == null ? new byte[0] : routingId.clone());
        frames.add(ascii(mechanism));
        for (byte[] c : credentials) {
            frames.add(c.clone());
        }
        return frames;
    }

    /**
     * Checks a reply.
     *
     * @param frames the reply's frames; {@code moreFlagsOk} false when a frame's MORE flag
     *               did not match its place (the reply was cut short or ran long)
     * @throws ZmtpViolation with the {@code ZAP_*} error libzmq reports
     */
    static Reply parse(List<byte[]> frames, boolean moreFlagsOk) throws ZmtpViolation {
        if (!moreFlagsOk || frames.size() != REPLY_FRAMES) {
            throw new ZmtpViolation(ProtocolError.ZAP_MALFORMED_REPLY,
                    "ZAP reply of " + frames.size() + " frames, not " + REPLY_FRAMES);
        }
        if (frames.get(0).length != 0) {
            throw new ZmtpViolation(ProtocolError.ZAP_UNSPECIFIED, "ZAP reply without its empty delimiter frame");
        }
        if (!VERSION.equals(new String(frames.get(1), StandardCharsets.ISO_8859_1))) {
            throw new ZmtpViolation(ProtocolError.ZAP_BAD_VERSION, "ZAP reply version is not 1.0");
        }
        if (!REQUEST_ID.equals(new String(frames.get(2), StandardCharsets.ISO_8859_1))) {
            throw new ZmtpViolation(ProtocolError.ZAP_BAD_REQUEST_ID, "ZAP reply request id is not the one sent");
        }
        byte[] code = frames.get(3);
        if (code.length != 3 || code[0] < '2' || code[0] > '5' || code[1] != '0' || code[2] != '0') {
            throw new ZmtpViolation(ProtocolError.ZAP_INVALID_STATUS_CODE,
                    "ZAP reply status code of " + code.length + " bytes is not 200, 300, 400 or 500");
        }
        byte[] md = frames.get(6);
        Metadata metadata;
        try {
            metadata = Metadata.parse(Unpooled.wrappedBuffer(md), 0, md.length, ProtocolError.ZAP_INVALID_METADATA);
        } catch (ZmtpViolation e) {
            throw new ZmtpViolation(ProtocolError.ZAP_INVALID_METADATA, "ZAP reply metadata: " + e.getMessage());
        }
        return new Reply((code[0] - '0') * 100, frames.get(5).clone(), metadata);
    }

    /** The handshake error a non-200 status gives. */
    static HandshakeError refusal(int status) {
        return HandshakeError.auth(status, "ZAP handler refused the client with status " + status);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
