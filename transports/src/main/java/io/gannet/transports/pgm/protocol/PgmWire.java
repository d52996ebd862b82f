package io.gannet.transports.pgm.protocol;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Where the protocol puts packets; implemented by the glue over datagram channels.
 *
 * <p>The buffer is only valid during the call: the implementation writes it out at once (or
 * copies it) and must not keep a reference. Both methods are called on the thread that drives
 * the {@link PgmSource} or {@link PgmSink}.
 */
public interface PgmWire {
    /**
     * Sends a packet (PGM header and body, no UDP header) to the group and port of the
     * settings.
     *
     * @param packet the packet between its position and limit
     */
    void multicast(ByteBuffer packet);

    /**
     * Sends a packet to one host: NAKs go to a source's NLA (learnt from its SPM) at the
     * endpoint's port.
     *
     * @param packet the packet between its position and limit
     * @param to     the destination host and UDP port
     */
    void unicast(ByteBuffer packet, InetSocketAddress to);
}
