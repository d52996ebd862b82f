package io.gannet.transports.pgm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** OpenPGM's rate regulation arithmetic on a manual clock. */
class TokenBucketTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void slowRatesGetAOneSecondBucketStartingFull() {
        TokenBucket b = new TokenBucket(100, 1500, 0); // libzmq's default RATE: 12,500 B/s
        assertEquals(12_500, b.bytesPerSecond());
        assertEquals(12_500, b.capacity());
        int sent = 0;
        while (b.tryTake(1480, 0)) {
            sent++;
        }
        assertEquals(8, sent, "12,500 / 1,480");
        assertEquals(12_500 - 8 * 1480, 12_500 % 1480);
    }

    @Test
    void fastRatesGetAOneMillisecondBucket() {
        TokenBucket b = new TokenBucket(100_000, 1500, 0); // 12.5 MB/s: 12,500 B per ms >= one packet
        assertEquals(12_500, b.capacity());
        TokenBucket slow = new TokenBucket(10_000, 1500, 0); // 1,250 B/ms < 1500: a second's worth
        assertEquals(1_250_000, slow.capacity());
    }

    @Test
    void refillIsLinearAndReadyAtIsExact() {
        TokenBucket b = new TokenBucket(100, 1500, 0);
        assertTrue(b.tryTake(12_500, 0)); // empty it
        assertFalse(b.tryTake(1480, 0));
        long ready = b.readyAt(1480);
        assertEquals(1480 * S / 12_500, ready, "118.4 ms for 1480 bytes at 12,500 B/s");
        assertFalse(b.tryTake(1480, ready - 1));
        assertTrue(b.tryTake(1480, ready));
    }

    @Test
    void aLongPauseRefillsOnlyToCapacity() {
        TokenBucket b = new TokenBucket(100, 1500, 0);
        assertTrue(b.tryTake(12_500, 0));
        assertTrue(b.tryTake(12_500, 10 * S));
        assertFalse(b.tryTake(1, 10 * S));
    }

    @Test
    void sustainedThroughputMatchesTheRate() {
        // 1 Mbit/s = 125,000 B/s; send 1,480-byte packets as fast as allowed for 10 s of clock
        TokenBucket b = new TokenBucket(1000, 1500, 0);
        long now = 0;
        long bytes = 0;
        while (now < 10 * S) {
            if (b.tryTake(1480, now)) {
                bytes += 1480;
            } else {
                now = b.readyAt(1480);
            }
        }
        long expected = 125_000L * 10 + b.capacity();
        assertTrue(Math.abs(bytes - expected) <= 1480 + 10 * 1480L / 100, bytes + " vs " + expected);
    }

    @Test
    void aRateBelowOnePacketASecondStillSends() {
        TokenBucket b = new TokenBucket(8, 1500, 0); // 1,000 B/s
        assertEquals(1500, b.capacity());
        assertTrue(b.tryTake(1480, 0));
        assertFalse(b.tryTake(1480, 0));
        assertTrue(b.tryTake(1480, b.readyAt(1480)));
    }

    @Test
    void timeGoingBackwardsAddsNothing() {
        TokenBucket b = new TokenBucket(100, 1500, 5 * MS);
        assertTrue(b.tryTake(12_500, 5 * MS));
        assertFalse(b.tryTake(1, 4 * MS));
    }
}
