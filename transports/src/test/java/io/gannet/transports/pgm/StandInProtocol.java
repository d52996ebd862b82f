package io.gannet.transports.pgm;

import io.gannet.transports.pgm.protocol.PgmDelivery;
import io.gannet.transports.pgm.protocol.PgmSettings;
import io.gannet.transports.pgm.protocol.PgmWire;
import io.gannet.transports.pgm.protocol.Tsi;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the PGM protocol, to test the epgm glue (core's session driving, channels,
 * framing, sockets) on its own: each TSDU goes out as one multicast packet
 * {@code [GSI 6][source port 2][sqn 4][TSDU]}; a receiver delivers in order and reports a gap
 * in the sequence as lost, as PGM does when repair fails. No repair, no SPM.
 *
 * <p>Knobs for tests (static: sessions are made by the transport): {@link #rateLimited} makes
 * every other send wait 1 ms (the rate-limit path); {@link #DROP_PACKET} drops the packet with
 * that sequence number at every receiver once.
 */
final class StandInProtocol implements ProtocolSeam.Factory {
    static final StandInProtocol INSTANCE = new StandInProtocol();
    static volatile boolean rateLimited;
    static final AtomicInteger DROP_PACKET = new AtomicInteger(-1);
    static final int MAX_TSDU = 1400;
    private static final int HEADER = 12;

    static void reset() {
        rateLimited = false;
        DROP_PACKET.set(-1);
    }

    @Override
    public ProtocolSeam.Source source(PgmSettings settings, PgmWire wire, long nowNanos) {
        return new Source(settings, wire, nowNanos);
    }

    @Override
    public ProtocolSeam.Sink sink(PgmSettings settings, PgmWire wire, PgmDelivery delivery) {
        return new Sink(delivery);
    }

    private static final class Source implements ProtocolSeam.Source {
        private final PgmWire wire;
        private final ByteBuffer packet = ByteBuffer.allocate(HEADER + MAX_TSDU);
        private final byte[] gsi;
        private final int sourcePort;
        private int sqn;
        private long notBefore;
        /** A send was refused: the sender waits for {@link #nextDeadline()}. */
        private boolean waiting;

        Source(PgmSettings settings, PgmWire wire, long nowNanos) {
            this.wire = wire;
            this.notBefore = nowNanos;
            this.gsi = settings.gsi();
            this.sourcePort = settings.sourcePort();
        }

        @Override
        public int maxTsdu() {
            return MAX_TSDU;
        }

        @Override
        public boolean send(ByteBuffer tsdu, long nowNanos) {
            if (rateLimited) {
                if (nowNanos - notBefore < 0) {
                    waiting = true;
                    return false;
                }
                waiting = false;
                notBefore = nowNanos + TimeUnit.MILLISECONDS.toNanos(1);
            }
            packet.clear();
            packet.put(gsi).putShort((short) sourcePort).putInt(sqn++).put(tsdu).flip();
            wire.multicast(packet);
            return true;
        }

        @Override
        public void receive(ByteBuffer p, InetSocketAddress from, long nowNanos) {
        }

        @Override
        public void onTimer(long nowNanos) {
        }

        @Override
        public long nextDeadline() {
            return waiting ? notBefore : Long.MAX_VALUE;
        }
    }

    private static final class Sink implements ProtocolSeam.Sink {
        private final PgmDelivery delivery;
        private final Map<Tsi, Long> next = new HashMap<>();
        private final byte[] gsi = new byte[6];

        Sink(PgmDelivery delivery) {
            this.delivery = delivery;
        }

        @Override
        public void receive(ByteBuffer p, InetSocketAddress from, long nowNanos) {
            if (p.remaining() < HEADER) {
                return;
            }
            p.get(gsi);
            Tsi tsi = Tsi.of(gsi, p.getShort() & 0xFFFF);
            long sqn = p.getInt() & 0xFFFF_FFFFL;
            if (DROP_PACKET.get() == sqn) {
                return;
            }
            Long expected = next.get(tsi);
            if (expected == null) {
                delivery.joined(tsi);
            } else if (sqn < expected) {
                return;
            } else if (sqn > expected) {
                delivery.lost(tsi, expected, sqn - expected);
            }
            next.put(tsi, sqn + 1);
            delivery.data(tsi, p);
        }

        @Override
        public void onTimer(long nowNanos) {
        }

        @Override
        public long nextDeadline() {
            return Long.MAX_VALUE;
        }
    }
}
