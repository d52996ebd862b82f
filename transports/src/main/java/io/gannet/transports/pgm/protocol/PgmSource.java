package io.gannet.transports.pgm.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The PGM sender: transmit window, ODATA, SPM, NAK to NCF and RDATA, rate limit.
 * Not thread-safe: one thread drives it; time comes in as {@code nowNanos}.
 */
public final class PgmSource {

    /**
     * Creates a source.
     *
     * @param s        the settings
     * @param wire     where packets go
     * @param nowNanos the current time
     */
    public PgmSource(PgmSettings s, PgmWire wire, long nowNanos) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @return payload bytes one ODATA can carry at maxTpdu */
    public int maxTsdu() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Sends one TSDU as ODATA now, or returns false if the rate limit says wait.
     *
     * @param tsdu     the TSDU between position and limit (copied)
     * @param nowNanos the current time
     * @return true if sent
     */
    public boolean send(ByteBuffer tsdu, long nowNanos) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A packet that arrived for this source.
     *
     * @param packet   the PGM packet
     * @param from     its sender
     * @param nowNanos the current time
     */
    public void receive(ByteBuffer packet, InetSocketAddress from, long nowNanos) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Runs timers.
     *
     * @param nowNanos the current time
     * @return the next time it wants to be called at
     */
    public long onTimer(long nowNanos) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @return the next time it wants to be called at */
    public long nextDeadline() {
        throw new UnsupportedOperationException("not yet");
    }

    /** @return a snapshot of the counters */
    public PgmSourceStats stats() {
        throw new UnsupportedOperationException("not yet");
    }
}
