package io.gannet.transports.interop;

import java.util.Arrays;

import io.gannet.Msg;
import io.gannet.Multipart;

/**
 * The message format of {@code closing_sender.py}, mirrored: frame {@code f} of message
 * {@code s} has {@code sizes[f]} bytes, byte {@code j} being {@code (7s + 13f + j) mod 256},
 * except that a frame of 4 bytes or more starts with {@code s} as a big-endian int. So a
 * message carries its sequence number in every sizeable frame, and a frame from the wrong
 * message, or cut or shifted, does not match. Stateless.
 */
public final class LossMessages {
    private LossMessages() {
    }

    /** The bytes of frame {@code frame} of message {@code seq}. */
    public static byte[] frame(int seq, int frame, int size) {
        byte[] bytes = new byte[size];
        int off = 7 * seq + 13 * frame;
        for (int j = 0; j < size; j++) {
            bytes[j] = (byte) (off + j);
        }
        if (size >= 4) {
            bytes[0] = (byte) (seq >>> 24);
            bytes[1] = (byte) (seq >>> 16);
            bytes[2] = (byte) (seq >>> 8);
            bytes[3] = (byte) seq;
        }
        return bytes;
    }

    /** Message {@code seq} with one frame per size. */
    public static Multipart message(int seq, int[] sizes) {
        Multipart m = new Multipart();
        for (int f = 0; f < sizes.length; f++) {
            m.add(frame(seq, f, sizes[f]));
        }
        return m;
    }

    /**
     * What is wrong with {@code m} as message {@code seq}, or null if it is exactly that
     * message. Frames are copied out in one bulk read each (Netty's paranoid leak detector
     * records every access).
     */
    public static String problem(Multipart m, int seq, int[] sizes) {
        if (m.size() != sizes.length) {
            return "message " + seq + " has " + m.size() + " frames, not " + sizes.length;
        }
        for (int f = 0; f < sizes.length; f++) {
            Msg part = m.get(f);
            if (part.size() != sizes[f]) {
                return "frame " + f + " of message " + seq + " has " + part.size() + " bytes, not " + sizes[f];
            }
            byte[] got = part.bytes();
            byte[] want = frame(seq, f, sizes[f]);
            int at = Arrays.mismatch(got, want);
            if (at >= 0) {
                String found = got.length >= 4 ? " (it starts like message " + seqOf(got) + ")" : "";
                return "frame " + f + " of message " + seq + " differs at byte " + at + found;
            }
        }
        return null;
    }

    private static int seqOf(byte[] frame) {
        return (frame[0] & 0xFF) << 24 | (frame[1] & 0xFF) << 16 | (frame[2] & 0xFF) << 8 | frame[3] & 0xFF;
    }
}
