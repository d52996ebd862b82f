package io.gannet.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The checks a ZAP request passes before the policy sees it (RFC 27): version 1.0, the six
 * fixed frames, and as many credential frames as the mechanism takes. A request failing
 * them is answered 500 ("internal error": the server sent something a handler cannot use).
 */
final class ZapChecks {
    private ZapChecks() {
    }

    /** The reply to {@code zap} (the frames after the delimiter, at least version and request id). */
    static ZapReply verdict(List<byte[]> zap, ZapPolicy policy) {
        if (!ZapRequest.VERSION.equals(text(zap.get(0)))) {
            return ZapReply.internalError("Version number not valid");
        }
        if (zap.size() < ZapRequest.FIXED_FRAMES) {
            return ZapReply.internalError("Malformed request: " + zap.size() + " frames");
        }
        String mechanism = text(zap.get(5));
        int expected = ZapRequest.credentialFrames(mechanism);
        int got = zap.size() - ZapRequest.FIXED_FRAMES;
        if (expected >= 0 && got != expected) {
            return ZapReply.internalError("Malformed request: " + got + " credential frames for " + mechanism);
        }
        return policy.decide(ZapRequest.of(zap));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
