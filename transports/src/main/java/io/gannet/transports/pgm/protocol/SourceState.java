package io.gannet.transports.pgm.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * What a {@link PgmSink} knows of one source (OpenPGM's {@code pgm_peer_t}): its TSI, its NLA
 * once an SPM told it (NAKs go there; before, none can be sent), the last SPM sequence
 * number, when it was last heard, a pending SPM request, and its receive window.
 */
final class SourceState implements ReceiveWindow.Output {
    final Tsi tsi;
    final long gsi;
    final int sourcePort;
    final ReceiveWindow window;
    private final PgmSink sink;
    /** Where SPMRs go before the NLA is known: the host the first packet came from. */
    final InetSocketAddress firstHop;
    /** Where NAKs go: the NLA from the latest SPM, at the endpoint's port; null until then. */
    InetSocketAddress nakTo;
    int nla;
    boolean spmSeen;
    int spmSqn;
    long lastHeard;
    long spmrDue = Long.MAX_VALUE;
    long lastSpmr = Long.MIN_VALUE / 2;

    SourceState(PgmSink sink, long gsi, int sourcePort, int windowSqns, int slotSize, InetSocketAddress firstHop,
                long nowNanos) {
        this.sink = sink;
        this.gsi = gsi;
        this.sourcePort = sourcePort;
        this.tsi = new Tsi(gsi, sourcePort);
        this.window = new ReceiveWindow(windowSqns, slotSize, this);
        this.firstHop = firstHop;
        this.lastHeard = nowNanos;
    }

    boolean is(long packetGsi, int packetSourcePort) {
        return gsi == packetGsi && sourcePort == packetSourcePort;
    }

    /** The SPM's path NLA, where NAKs go from now on. */
    void learnNla(int newNla, int port) {
        if (nakTo == null || newNla != nla) {
            nla = newNla;
            nakTo = new InetSocketAddress(Nla.toAddress(newNla), port);
        }
    }

    @Override
    public void deliver(ByteBuffer tsdu) {
        sink.deliver(this, tsdu);
    }

    @Override
    public void lost(int firstSqn, long count) {
        sink.lost(this, firstSqn, count);
    }

    @Override
    public boolean nak(int[] sqns, int count) {
        return sink.nak(this, sqns, count);
    }
}
