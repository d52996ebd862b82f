package io.gannet.transports.pgm;

import io.gannet.Msg;
import io.gannet.spi.DatagramHost;
import io.gannet.spi.DatagramSession;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/**
 * The publishing side of an epgm endpoint (PUB, XPUB), as libzmq's {@code pgm_sender}: takes
 * the socket's messages, packs them into TSDUs ({@link TsduWriter}) and hands each to the PGM
 * {@link PgmSource} as one ODATA packet. A TSDU goes when it is full or when the socket has
 * no more messages right now (no delay to fill it). When the rate limit (RATE) says wait, the
 * TSDU waits for the source's next deadline and the socket's queue backs up to SNDHWM, where
 * a PUB drops (counted, as for any slow peer). NAKs and SPM requests that arrive go to the
 * source, which repairs from its window (RECOVERY_IVL).
 *
 * <p>Made on the socket's thread; driven by one I/O thread after {@link #start}.
 */
final class EpgmSender implements DatagramSession {
    private final EpgmChannels channels;
    private final ProtocolSeam.Source source;
    private final TsduWriter writer;
    private final ByteBuffer view;
    private final ByteBuffer packet = ByteBuffer.allocate(65_536);
    private final Msg frame = new Msg();
    private DatagramHost host;
    /** The TSDU in the writer is complete and waits to be sent. */
    private boolean ready;

    EpgmSender(EpgmChannels channels, ProtocolSeam.Source source) {
        this.channels = channels;
        this.source = source;
        this.writer = new TsduWriter(source.maxTsdu());
        this.view = writer.newView();
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
    public void pipeReadable(long nowNanos) {
        pump(nowNanos);
    }

    /** Sends TSDUs until the socket has nothing more, the rate limit says wait, or the system is full. */
    private void pump(long now) {
        for (;;) {
            if (ready) {
                if (channels.blocked() || !source.send(writer.packet(view), now)) {
                    return; // writable() or the source's deadline brings us back
                }
                ready = false;
                writer.sent();
            }
            while (!writer.full()) {
                if (writer.busy()) {
                    writer.copy();
                    continue;
                }
                writer.atBoundary();
                if (!host.read(frame)) {
                    break;
                }
                writer.load(frame);
            }
            if (writer.isEmpty()) {
                return;
            }
            ready = true;
        }
    }

    @Override
    public void readable(int index, long nowNanos) {
        channels.drain(index, packet, source, nowNanos);
    }

    @Override
    public void writable(int index, long nowNanos) {
        channels.writable();
        pump(nowNanos);
    }

    @Override
    public void pipeWritable(long nowNanos) {
        // Nothing goes from this endpoint to the socket.
    }

    @Override
    public void timer(long nowNanos) {
        source.onTimer(nowNanos);
        pump(nowNanos);
    }

    @Override
    public long nextDeadline() {
        return source.nextDeadline();
    }

    @Override
    public long unsentMessages() {
        return writer.unsentMessages();
    }

    @Override
    public void close() {
        writer.close();
        frame.close();
        channels.close();
    }
}
