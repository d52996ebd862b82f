package io.gannet.transports.pgm.protocol;

/**
 * OpenPGM's rate regulation ({@code rate_control.c}) for a non-blocking socket, on a manual
 * clock. A packet costs its PGM bytes plus {@link PgmHeader#IP_UDP_OVERHEAD}. The bucket holds
 * one millisecond of rate when that is at least one max-TPDU packet, otherwise one second; it
 * starts full and refills linearly. A packet goes only when the bucket holds its whole cost
 * (no debt), else the caller waits until {@link #readyAt}.
 */
final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long capacity;
    private final long refillCapNanos;
    private long tokens;
    private long lastNanos;

    /**
     * @param rateKbps  RATE in kbit/s
     * @param maxTpdu   the largest IP packet in bytes
     * @param nowNanos  the current time
     */
    TokenBucket(long rateKbps, int maxTpdu, long nowNanos) {
        this.bytesPerSecond = Math.max(1, rateKbps * 1000 / 8);
        long perMs = bytesPerSecond / 1000;
        if (perMs >= maxTpdu) {
            capacity = perMs;
            refillCapNanos = 1_000_000L;
        } else {
            // OpenPGM's one-second bucket; never below one packet, or a rate under one
            // max-TPDU per second could send nothing at all.
            capacity = Math.max(bytesPerSecond, maxTpdu);
            refillCapNanos = NANOS_PER_SECOND;
        }
        tokens = capacity;
        lastNanos = nowNanos;
    }

    /** Takes {@code cost} bytes if the bucket holds them now. */
    boolean tryTake(int cost, long nowNanos) {
        long available = available(nowNanos);
        if (available < cost) {
            return false;
        }
        tokens = available - cost;
        lastNanos = nowNanos;
        return true;
    }

    /**
     * The earliest time the bucket holds {@code cost} bytes (at or before the last take if it
     * already does). Refill is linear from the last take, so this needs no current time.
     */
    long readyAt(int cost) {
        long missing = cost - tokens;
        if (missing <= 0) {
            return lastNanos;
        }
        // ceil(missing / rate) seconds in nanos: the floor in available() then gives >= cost
        return lastNanos + (missing * NANOS_PER_SECOND + bytesPerSecond - 1) / bytesPerSecond;
    }

    private long available(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed <= 0) {
            return tokens;
        }
        if (elapsed >= refillCapNanos) {
            return capacity;
        }
        long refill = bytesPerSecond * elapsed / NANOS_PER_SECOND;
        return Math.min(capacity, tokens + refill);
    }

    long capacity() {
        return capacity;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }
}
