package io.gannet.auth;

import java.util.List;

/**
 * One ZAP request (RFC 27), as a server's ZAP client sends it after the REQ envelope's
 * empty delimiter:
 *
 * <pre>
 *  +---------+------------+--------+---------+----------+-----------+------------------+
 *  | "1.0"   | request id | domain | address | identity | mechanism | credentials 0..n |
 *  +---------+------------+--------+---------+----------+-----------+------------------+
 * </pre>
 *
 * NULL carries no credentials, PLAIN a user name and a password, CURVE the client's 32-byte
 * long-term public key. Immutable; the frames are the handler thread's copies.
 */
final class ZapRequest {
    static final String VERSION = "1.0";
    /** Frames before the credentials. */
    static final int FIXED_FRAMES = 6;

    final String version;
    final byte[] requestId;
    final String domain;
    final String address;
    final byte[] identity;
    final String mechanism;
    final List<byte[]> credentials;

    private ZapRequest(List<byte[]> frames) {
        this.version = text(frames.get(0));
        this.requestId = frames.get(1);
        this.domain = text(frames.get(2));
        this.address = text(frames.get(3));
        this.identity = frames.get(4);
        this.mechanism = text(frames.get(5));
        this.credentials = List.copyOf(frames.subList(FIXED_FRAMES, frames.size()));
    }

    /** The request of {@code frames} (those after the delimiter); {@code frames} has at least {@link #FIXED_FRAMES}. */
    static ZapRequest of(List<byte[]> frames) {
        if (frames.size() < FIXED_FRAMES) {
            throw new IllegalArgumentException("a ZAP request has at least " + FIXED_FRAMES + " frames");
        }
        return new ZapRequest(frames);
    }

    /** How many credential frames {@code mechanism} takes, or -1 for a mechanism ZAP does not know. */
    static int credentialFrames(String mechanism) {
        switch (mechanism) {
            case "NULL": return 0;
            case "PLAIN": return 2;
            case "CURVE": return 1;
            default: return -1;
        }
    }

    private static String text(byte[] b) {
        return ZapChecks.text(b);
    }
}
