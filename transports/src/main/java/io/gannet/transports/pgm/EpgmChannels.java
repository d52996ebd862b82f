package io.gannet.transports.pgm;

import io.gannet.SocketOption;
import io.gannet.spi.DatagramHost;
import io.gannet.spi.OptionSource;
import io.gannet.transports.pgm.protocol.PgmWire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two UDP channels of one epgm endpoint, and the {@link PgmWire} the protocol sends
 * through:
 * <ul>
 *   <li>{@link #RECEIVE}: bound to the endpoint's port on every address (SO_REUSEADDR and,
 *       where the system has it, SO_REUSEPORT as OpenPGM sets it, so several sockets on one
 *       host, libzmq's too, share the port) and joined to the group on the
 *       interface; it hears the group's packets and the NAKs subscribers unicast to us.</li>
 *   <li>{@link #SEND}: bound to the interface's address, sends to the group
 *       ({@code IP_MULTICAST_IF} the interface, {@code IP_MULTICAST_TTL} = MULTICAST_HOPS,
 *       {@code IP_MULTICAST_LOOP} = MULTICAST_LOOP) and unicasts NAKs.</li>
 * </ul>
 * RCVBUF applies to the first, SNDBUF to the second. A packet the system cannot take now (its
 * send buffer is full) is dropped and counted, and the session is told to wait for room
 * ({@link #blocked()}): PGM repairs lost data from its window. Owned by one I/O thread once
 * the session starts.
 */
final class EpgmChannels implements PgmWire {
    private static final Logger LOG = LoggerFactory.getLogger(EpgmChannels.class);
    /** Datagrams read per readiness. */
    static final int PACKETS_PER_ROUND = 64;

    /** Index of the receiving channel in {@link #list()}. */
    static final int RECEIVE = 0;
    /** Index of the sending channel in {@link #list()}. */
    static final int SEND = 1;

    private final DatagramChannel receive;
    private final DatagramChannel send;
    private final InetSocketAddress groupAddress;
    private DatagramHost host;
    private boolean blocked;
    private long packetsDropped;

    private EpgmChannels(DatagramChannel receive, DatagramChannel send, InetSocketAddress groupAddress) {
        this.receive = receive;
        this.send = send;
        this.groupAddress = groupAddress;
    }

    /** Opens both channels for {@code address} with the socket's options; closes what it opened on failure. */
    static EpgmChannels open(EpgmAddress address, OptionSource options) throws IOException {
        DatagramChannel r = null;
        DatagramChannel s = null;
        try {
            r = DatagramChannel.open(StandardProtocolFamily.INET);
            r.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (r.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                // OpenPGM (libzmq) binds its port with SO_REUSEPORT only: sharing it needs both.
                r.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            int rcvbuf = options.option(SocketOption.RCVBUF);
            if (rcvbuf > 0) {
                r.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
            }
            r.bind(new InetSocketAddress(address.port()));
            r.join(address.group(), address.networkInterface());
            r.configureBlocking(false);

            s = DatagramChannel.open(StandardProtocolFamily.INET);
            int sndbuf = options.option(SocketOption.SNDBUF);
            if (sndbuf > 0) {
                s.setOption(StandardSocketOptions.SO_SNDBUF, sndbuf);
            }
            s.setOption(StandardSocketOptions.IP_MULTICAST_IF, address.networkInterface());
            s.setOption(StandardSocketOptions.IP_MULTICAST_TTL, options.option(SocketOption.MULTICAST_HOPS));
            s.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, options.option(SocketOption.MULTICAST_LOOP));
            s.bind(new InetSocketAddress(address.interfaceAddress(), 0));
            s.configureBlocking(false);
            return new EpgmChannels(r, s, new InetSocketAddress(address.group(), address.port()));
        } catch (IOException | RuntimeException e) {
            closeQuietly(r);
            closeQuietly(s);
            throw e;
        }
    }

    /** Both channels, at {@link #RECEIVE} and {@link #SEND}. */
    List<DatagramChannel> list() {
        return List.of(receive, send);
    }

    /** The session starts: where to ask for room when the send buffer is full. */
    void host(DatagramHost h) {
        this.host = h;
    }

    /**
     * Reads up to {@value #PACKETS_PER_ROUND} datagrams from channel {@code index} (so that one
     * busy endpoint does not starve the others on its I/O thread) and hands those that came to
     * the data port to {@code to}; the send channel's are read only to drain them. A failed
     * read is logged and skipped.
     */
    void drain(int index, ByteBuffer packet, ProtocolSeam.Receiver to, long nowNanos) {
        DatagramChannel channel = index == RECEIVE ? receive : send;
        for (int i = 0; i < PACKETS_PER_ROUND; i++) {
            SocketAddress from;
            try {
                packet.clear();
                from = channel.receive(packet);
                packet.flip();
            } catch (IOException e) {
                LOG.debug("epgm: receiving on {} failed", host.endpoint(), e);
                continue;
            }
            if (from == null) {
                return;
            }
            if (index == RECEIVE) {
                to.receive(packet, (InetSocketAddress) from, nowNanos);
            }
        }
    }

    @Override
    public void multicast(ByteBuffer packet) {
        sendTo(packet, groupAddress);
    }

    @Override
    public void unicast(ByteBuffer packet, InetSocketAddress to) {
        sendTo(packet, to);
    }

    private void sendTo(ByteBuffer packet, InetSocketAddress to) {
        if (blocked) {
            packetsDropped++;
            return;
        }
        try {
            if (send.send(packet, to) == 0) {
                blocked = true;
                packetsDropped++;
                if (host != null) {
                    host.awaitWritable(SEND);
                }
            }
        } catch (IOException e) {
            // No route, or the system refused this one packet: PGM repairs data and resends control.
            packetsDropped++;
            LOG.debug("epgm: a packet to {} was not sent", to, e);
        }
    }

    /** Whether the send buffer was full; sending new data waits for {@link #writable()}. */
    boolean blocked() {
        return blocked;
    }

    /** The send buffer has room again. */
    void writable() {
        blocked = false;
    }

    /** Packets the system did not take (send buffer full, no route). */
    long packetsDropped() {
        return packetsDropped;
    }

    void close() {
        closeQuietly(receive);
        closeQuietly(send);
    }

    private static void closeQuietly(DatagramChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing an epgm channel", e);
            }
        }
    }
}
