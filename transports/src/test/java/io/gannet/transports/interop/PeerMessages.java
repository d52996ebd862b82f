package io.gannet.transports.interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The message format and text encodings of {@code zmq_peer.py}, mirrored in Java so a
 * Gannet socket can send exactly what the libzmq peer's {@code recv} mode verifies, and
 * check what its {@code send} mode produced.
 *
 * <pre>
 * frame 0        topic bytes (may be empty) + sequence number as 10 ASCII digits
 * frames 1..K-1  payload frames; byte j of frame f of message s is (s + f + j) mod 256
 * </pre>
 *
 * <p>On the peer's stdout and stdin, frames travel as lowercase hex, {@code "-"} for an
 * empty frame. Stateless; all methods are static.
 */
public final class PeerMessages {
    /** Digits of the sequence number at the end of frame 0. */
    public static final int SEQ_DIGITS = 10;

    private static final HexFormat HEX = HexFormat.of();

    private PeerMessages() {
    }

    /** Frame 0 of message {@code seq}: {@code topic} followed by the 10-digit sequence. */
    public static byte[] header(byte[] topic, long seq) {
        byte[] digits = String.format("%0" + SEQ_DIGITS + "d", seq).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Arrays.copyOf(topic, topic.length + SEQ_DIGITS);
        System.arraycopy(digits, 0, frame, topic.length, SEQ_DIGITS);
        return frame;
    }

    /** {@code size} bytes counting up from {@code start}, modulo 256. */
    public static byte[] pattern(int size, long start) {
        byte[] bytes = new byte[size];
        for (int j = 0; j < size; j++) {
            bytes[j] = (byte) (start + j);
        }
        return bytes;
    }

    /**
     * Message {@code seq} as the peer's {@code send} mode builds it: the header and
     * {@code payloadFrames} frames of {@code size} pattern bytes.
     */
    public static List<byte[]> message(byte[] topic, long seq, int payloadFrames, int size) {
        List<byte[]> frames = new ArrayList<>(payloadFrames + 1);
        frames.add(header(topic, seq));
        for (int f = 1; f <= payloadFrames; f++) {
            frames.add(pattern(size, seq + f));
        }
        return frames;
    }

    /** The sequence number at the end of frame 0, or -1 if the frame is not a header. */
    public static long seqOf(byte[] frame0) {
        if (frame0.length < SEQ_DIGITS) {
            return -1;
        }
        long seq = 0;
        for (int i = frame0.length - SEQ_DIGITS; i < frame0.length; i++) {
            int digit = frame0[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            seq = seq * 10 + digit;
        }
        return seq;
    }

    /** The topic in front of the sequence number of frame 0. */
    public static byte[] topicOf(byte[] frame0) {
        return Arrays.copyOf(frame0, Math.max(0, frame0.length - SEQ_DIGITS));
    }

    /** A frame as the peer writes it: lowercase hex, {@code "-"} when empty. */
    public static String hex(byte[] frame) {
        return frame.length == 0 ? "-" : HEX.formatHex(frame);
    }

    /** UTF-8 text as the peer writes it (e.g. a topic in a {@code TOPIC} line). */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The inverse of {@link #hex(byte[])}. */
    public static byte[] unhex(String token) {
        return "-".equals(token) ? new byte[0] : HEX.parseHex(token);
    }

    /** A byte-valued peer argument (topic, routing id, option value) given in hex. */
    public static String hexArg(byte[] value) {
        return "hex:" + HEX.formatHex(value);
    }
}
