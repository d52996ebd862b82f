package io.gannet.transports.pgm.netns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The test messages of the multicast tests, byte for byte as {@code pgm/epgm_peer.py} makes
 * them (see its doc string): frame 0 is {@code <topic>|<pub>|<seq 10 digits>|<crc32 8 hex>|<n>},
 * then n payload frames whose bytes follow from the sequence number. A receiver can
 * therefore check each message whole: header, frame count, checksum and every byte.
 */
final class EpgmMessages {
    /** Frame 0 prefix of the hello messages a publisher sends until it is told to go. */
    static final String HELLO = "~hello|";

    private static final byte[] PATTERN = new byte[256 * 34];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) i;
        }
    }

    private final String profile;
    private final int multipartEvery;

    /** {@code profile} is {@code mixed} (log-uniform 1..8192 bytes) or {@code fixed:S}. */
    EpgmMessages(String profile, int multipartEvery) {
        if (!profile.equals("mixed") && !profile.startsWith("fixed:")) {
            throw new IllegalArgumentException("profile " + profile);
        }
        this.profile = profile;
        this.multipartEvery = multipartEvery;
    }

    int sizeOf(long seq) {
        if (profile.startsWith("fixed:")) {
            return Integer.parseInt(profile.substring(6));
        }
        long h = (seq * 2654435761L) & 0xFFFF_FFFFL;
        return (int) (1 + ((h >>> 8) % (1L << (h % 14))));
    }

    /** The payload frames of message {@code seq}. */
    List<byte[]> payload(long seq) {
        int n = sizeOf(seq);
        int[] sizes = multipartEvery > 0 && seq % multipartEvery == multipartEvery - 1
                ? new int[] {n, 0, n % 300 + 1} : new int[] {n};
        List<byte[]> frames = new ArrayList<>(sizes.length);
        for (int f = 0; f < sizes.length; f++) {
            int start = (int) ((seq + 31L * f) % 256);
            frames.add(Arrays.copyOfRange(PATTERN, start, start + sizes[f]));
        }
        return frames;
    }

    /** Every frame of message {@code seq} of publisher {@code pub} on {@code topic}. */
    List<byte[]> message(String topic, String pub, long seq) {
        List<byte[]> payload = payload(seq);
        String head = String.format("%s|%s|%010d|%08x|%d", topic, pub, seq, crc(payload), payload.size());
        List<byte[]> frames = new ArrayList<>(payload.size() + 1);
        frames.add(head.getBytes(StandardCharsets.UTF_8));
        frames.addAll(payload);
        return frames;
    }

    static long crc(List<byte[]> frames) {
        CRC32 crc = new CRC32();
        for (byte[] frame : frames) {
            crc.update(frame);
        }
        return crc.getValue();
    }
}
