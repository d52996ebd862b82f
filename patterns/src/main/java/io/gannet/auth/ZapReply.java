package io.gannet.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One ZAP reply (RFC 27), sent after the REQ envelope's empty delimiter:
 *
 * <pre>
 *  +-------+------------+-------------+-------------+---------+----------+
 *  | "1.0" | request id | status code | status text | user id | metadata |
 *  +-------+------------+-------------+-------------+---------+----------+
 * </pre>
 *
 * The status code is "200" (authenticated), "300" (temporary failure: try later), "400"
 * (authentication failed) or "500" (internal error, a malformed request among them). The
 * metadata frame holds ZMTP properties (RFC 23: a name length byte, the name, a 4-byte
 * big-endian value length, the value), which the server attaches to the peer's messages.
 */
final class ZapReply {
    final String statusCode;
    final String statusText;
    final String userId;
    final Map<String, String> metadata;

    private ZapReply(String statusCode, String statusText, String userId, Map<String, String> metadata) {
        this.statusCode = statusCode;
        this.statusText = statusText;
        this.userId = userId;
        this.metadata = metadata;
    }

    static ZapReply ok(String userId, Map<String, String> metadata) {
        return new ZapReply("200", "OK", userId, metadata);
    }

    static ZapReply denied(String why) {
        return new ZapReply("400", why, "", Map.of());
    }

    static ZapReply internalError(String why) {
        return new ZapReply("500", why, "", Map.of());
    }

    boolean allowed() {
        return "200".equals(statusCode);
    }

    /**
     * The metadata frame. Names longer than 255 bytes cannot be encoded and are left out
     * (certificate metadata is the only source, and czmq's names are short).
     */
    byte[] metadataFrame() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (name.length == 0 || name.length > 255) {
                continue;
            }
            out.write(name.length);
            out.write(name, 0, name.length);
            int n = value.length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.write(value, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return statusCode + " " + statusText + (userId.isEmpty() ? "" : " (user " + userId + ")");
    }
}
