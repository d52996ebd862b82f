package io.gannet.transports.interop;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The messages of one loss-matrix round: their frame sizes and how many per round. Big
 * messages come fewer per round, so every case runs its rounds in a few seconds.
 */
public enum LossPayload {
    B64(100, 64),
    KB64(50, 65_536),
    MB1(10, 1_048_576),
    /** Four frames: small, empty, 64 KB and one byte. */
    MULTIPART(50, 64, 0, 65_536, 1);

    /** Messages per round. */
    public final int count;
    private final int[] sizes;

    LossPayload(int count, int... sizes) {
        this.count = count;
        this.sizes = sizes;
    }

    /** The frame sizes of one message (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The SIZES argument of {@code closing_sender.py}: {@code 64,0,65536,1}. */
    public String arg() {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
