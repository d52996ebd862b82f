package io.gannet.transports.pgm.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The PGM receiver: per-TSI receive window, NAK with back-off, NCF, RDATA repair, SPM.
 * Not thread-safe: one thread drives it; time comes in as {@code nowNanos}.
 */
public final class PgmSink {

    /**
     * Creates a sink.
     *
     * @param s        the settings
     * @param wire     where NAKs go
     * @param delivery where data goes
     */
    public PgmSink(PgmSettings s, PgmWire wire, PgmDelivery delivery) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * A packet that arrived (ODATA, RDATA, SPM, NCF; others ignored).
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
    public PgmSinkStats stats() {
        throw new UnsupportedOperationException("not yet");
    }
}
