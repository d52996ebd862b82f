package io.gannet.transports.pgm;

import io.gannet.transports.pgm.protocol.PgmDelivery;
import io.gannet.transports.pgm.protocol.PgmSettings;
import io.gannet.transports.pgm.protocol.PgmSink;
import io.gannet.transports.pgm.protocol.PgmSource;
import io.gannet.transports.pgm.protocol.PgmWire;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * What the epgm sessions use of the PGM protocol ({@link PgmSource}, {@link PgmSink}), as two
 * small interfaces, so that the framing and the I/O-thread glue can also be tested with a
 * stand-in protocol. {@link #PGM} is the real one.
 */
final class ProtocolSeam {
    private ProtocolSeam() {
    }

    /** What takes the datagrams an endpoint's channels receive. */
    interface Receiver {
        void receive(ByteBuffer packet, InetSocketAddress from, long nowNanos);
    }

    /** The sending half: see {@link PgmSource}. */
    interface Source extends Receiver {
        int maxTsdu();

        boolean send(ByteBuffer tsdu, long nowNanos);

        void onTimer(long nowNanos);

        long nextDeadline();
    }

    /** The receiving half: see {@link PgmSink}. */
    interface Sink extends Receiver {
        void onTimer(long nowNanos);

        long nextDeadline();
    }

    /** Makes an endpoint's source or sink. */
    interface Factory {
        Source source(PgmSettings settings, PgmWire wire, long nowNanos);

        Sink sink(PgmSettings settings, PgmWire wire, PgmDelivery delivery);
    }

    /** The real protocol. */
    static final Factory PGM = new Factory() {
        @Override
        public Source source(PgmSettings settings, PgmWire wire, long nowNanos) {
            PgmSource s = new PgmSource(settings, wire, nowNanos);
            return new Source() {
                @Override
                public int maxTsdu() {
                    return s.maxTsdu();
                }

                @Override
                public boolean send(ByteBuffer tsdu, long nowNanos) {
                    return s.send(tsdu, nowNanos);
                }

                @Override
                public void receive(ByteBuffer packet, InetSocketAddress from, long nowNanos) {
                    s.receive(packet, from, nowNanos);
                }

                @Override
                public void onTimer(long nowNanos) {
                    s.onTimer(nowNanos);
                }

                @Override
                public long nextDeadline() {
                    return s.nextDeadline();
                }
            };
        }

        @Override
        public Sink sink(PgmSettings settings, PgmWire wire, PgmDelivery delivery) {
            PgmSink s = new PgmSink(settings, wire, delivery);
            return new Sink() {
                @Override
                public void receive(ByteBuffer packet, InetSocketAddress from, long nowNanos) {
                    s.receive(packet, from, nowNanos);
                }

                @Override
                public void onTimer(long nowNanos) {
                    s.onTimer(nowNanos);
                }

                @Override
                public long nextDeadline() {
                    return s.nextDeadline();
                }
            };
        }
    };
}
