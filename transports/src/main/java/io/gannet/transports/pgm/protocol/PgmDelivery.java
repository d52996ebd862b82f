package io.gannet.transports.pgm.protocol;

import java.nio.ByteBuffer;

/**
 * What a {@link PgmSink} hands up, per source, in sequence order. Called on the thread that
 * drives the sink, from inside {@link PgmSink#receive} or {@link PgmSink#onTimer}.
 */
public interface PgmDelivery {
    /**
     * The next TSDU of {@code source}, in sequence order.
     *
     * @param source the transport session the data came from
     * @param tsdu   the TSDU between position and limit; valid only during the call
     */
    void data(Tsi source, ByteBuffer tsdu);

    /**
     * Sequence numbers {@code [firstSqn, firstSqn + count)} (modulo 2^32) of {@code source} are
     * lost for good. Called before any later {@link #data} of that source; the glue
     * resynchronises at the next message boundary.
     *
     * @param source   the transport session
     * @param firstSqn the first lost sequence number (0 .. 2^32-1)
     * @param count    how many consecutive sequence numbers are lost
     */
    void lost(Tsi source, long firstSqn, long count);

    /**
     * A new source was seen (its first data or SPM).
     *
     * @param source the new transport session
     */
    default void joined(Tsi source) {
    }

    /**
     * A source was forgotten: silent for PGM_PEER_EXPIRY (libzmq: 300 s). Everything it sent
     * that arrived has been handed up first, anything missing reported through {@link #lost}.
     * If it speaks again it is {@link #joined} anew.
     *
     * @param source the transport session
     */
    default void expired(Tsi source) {
    }
}
