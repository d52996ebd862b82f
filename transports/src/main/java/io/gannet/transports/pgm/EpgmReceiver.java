package io.gannet.transports.pgm;

import io.gannet.spi.DatagramHost;
import io.gannet.spi.DatagramSession;
import io.gannet.transports.pgm.protocol.PgmDelivery;
import io.gannet.transports.pgm.protocol.PgmSettings;
import io.gannet.transports.pgm.protocol.Tsi;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscribing side of an epgm endpoint (SUB, XSUB), as libzmq's {@code pgm_receiver}:
 * packets go to the PGM {@link PgmSink}, which repairs losses (NAK, RDATA) and hands up each
 * source's TSDUs in order; a {@link TsduReader} per source (by TSI) turns them into whole
 * messages for the socket, which filters them by topic as over any transport. What the
 * sink gives up on ({@link #lost}) is dropped at a message boundary, counted and reported.
 * Several publishers on one group are several sources, each read on its own.
 *
 * <p>Made on the socket's thread; driven by one I/O thread after {@link #start}.
 */
final class EpgmReceiver implements DatagramSession, PgmDelivery {
    private final EpgmChannels channels;
    private final ProtocolSeam.Sink sink;
    private final long maxMsgSize;
    private final ByteBuffer packet = ByteBuffer.allocate(65_536);
    private final Map<Tsi, TsduReader> readers = new HashMap<>();
    private DatagramHost host;

    EpgmReceiver(EpgmChannels channels, PgmSettings settings, ProtocolSeam.Factory protocol, long maxMsgSize) {
        this.channels = channels;
        this.maxMsgSize = maxMsgSize;
        this.sink = protocol.sink(settings, channels, this);
    }

    @Override
    public List<DatagramChannel> channels() {
        return channels.list();
    }

    @Override
    public void start(DatagramHost h, long nowNanos) {
        this.host = h;
        channels.host(h);
    }

    @Override
    public void readable(int index, long nowNanos) {
        channels.drain(index, packet, sink, nowNanos);
        host.flush();
    }

    // ---- what the sink hands up ----------------------------------------------------------------

    @Override
    public void data(Tsi source, ByteBuffer tsdu) {
        reader(source).data(tsdu);
    }

    @Override
    public void lost(Tsi source, long firstSqn, long count) {
        reader(source).lost(firstSqn, count);
    }

    @Override
    public void joined(Tsi source) {
        reader(source);
    }

    private TsduReader reader(Tsi source) {
        TsduReader r = readers.get(source);
        if (r == null) {
            r = new TsduReader(host, source.toString(), maxMsgSize);
            readers.put(source, r);
        }
        return r;
    }

    // ---- the rest of the session -------------------------------------------------------------

    @Override
    public void timer(long nowNanos) {
        sink.onTimer(nowNanos);
        host.flush();
    }

    @Override
    public long nextDeadline() {
        return sink.nextDeadline();
    }

    @Override
    public void writable(int index, long nowNanos) {
        channels.writable();
    }

    @Override
    public void pipeReadable(long nowNanos) {
        // Core discards the subscriptions a SUB sends: the socket filters what arrives.
    }

    @Override
    public void pipeWritable(long nowNanos) {
        // Messages that found the queue full were dropped and counted; nothing waits.
    }

    @Override
    public long unsentMessages() {
        return 0;
    }

    @Override
    public void close() {
        for (TsduReader r : readers.values()) {
            r.close();
        }
        readers.clear();
        channels.close();
    }
}
