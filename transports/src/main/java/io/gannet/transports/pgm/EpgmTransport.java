package io.gannet.transports.pgm;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.spi.DatagramRole;
import io.gannet.spi.DatagramSession;
import io.gannet.spi.DatagramTransport;
import io.gannet.spi.OptionSource;
import io.gannet.transports.pgm.protocol.PgmSettings;
import java.io.IOException;
import java.net.SocketAddress;
import java.security.SecureRandom;

/**
 * {@code epgm://interface;group:port}: PGM (RFC 3208) encapsulated in UDP, as libzmq 4.3 with
 * OpenPGM speaks it, so Gannet and libzmq publishers and subscribers share a group. A PUB or
 * XPUB sends there, a SUB or XSUB receives; {@code bind} and {@code connect} do the same, as
 * in libzmq. Other socket types fail with {@code ENOTSUP}.
 *
 * <ul>
 *   <li>{@code interface}: the network interface, by IPv4 address ({@code 192.168.1.2}) or
 *       by name ({@code eth0}, {@code lo}), resolved in Java. (A libzmq peer inside a
 *       network namespace resolves interfaces only by address.)</li>
 *   <li>{@code group}: one IPv4 multicast address; {@code port}: the UDP port, also PGM's
 *       data-destination port.</li>
 * </ul>
 *
 * Options (read at bind or connect): RATE, RECOVERY_IVL, MULTICAST_HOPS, MULTICAST_MAXTPDU,
 * MULTICAST_LOOP, SNDBUF, RCVBUF, MAXMSGSIZE, and the HWMs. Each endpoint is a new PGM
 * session: a random 6-byte GSI and a random source port, so publishers on one host are
 * told apart. The protocol lives in {@code io.gannet.transports.pgm.protocol}; this package
 * frames messages into it and drives it on core's I/O threads ({@link DatagramSession}).
 * Stateless; any thread.
 */
public final class EpgmTransport implements DatagramTransport {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String scheme;
    private final ProtocolSeam.Factory protocol;

    /** The {@code epgm} transport, as {@link java.util.ServiceLoader} makes it. */
    public EpgmTransport() {
        this("epgm", ProtocolSeam.PGM);
    }

    /** Tests: the same glue under another scheme, over a stand-in protocol. */
    EpgmTransport(String scheme, ProtocolSeam.Factory protocol) {
        this.scheme = scheme;
        this.protocol = protocol;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public DatagramRole role(SocketType type, boolean binding) {
        switch (type) {
            case PUB: case XPUB:
                return DatagramRole.SEND;
            case SUB: case XSUB:
                return DatagramRole.RECEIVE;
            default:
                throw new GannetException(ErrorCode.ENOTSUP, scheme + ":// (multicast) carries PUB/SUB only: a PUB or XPUB"
                        + " sends, a SUB or XSUB receives; a " + type + " cannot use it");
        }
    }

    @Override
    public SocketAddress resolveBind(String address, OptionSource options) {
        return EpgmAddress.parse(address);
    }

    @Override
    public SocketAddress resolveConnect(String address, OptionSource options) {
        return EpgmAddress.parse(address);
    }

    @Override
    public DatagramSession session(SocketAddress address, DatagramRole role, OptionSource options)
            throws IOException {
        EpgmAddress a = (EpgmAddress) address;
        PgmSettings settings = settings(a, options);
        EpgmChannels channels = EpgmChannels.open(a, options);
        try {
            if (role == DatagramRole.SEND) {
                return new EpgmSender(channels, protocol.source(settings, channels, System.nanoTime()));
            }
            return new EpgmReceiver(channels, settings, protocol, options.option(SocketOption.MAXMSGSIZE));
        } catch (RuntimeException e) {
            channels.close();
            throw e;
        }
    }

    /** The protocol's settings from the endpoint and the options; a new GSI and source port. */
    static PgmSettings settings(EpgmAddress a, OptionSource options) {
        byte[] gsi = new byte[6];
        RANDOM.nextBytes(gsi);
        int sourcePort = 1 + RANDOM.nextInt(0xFFFF);
        return new PgmSettings(a.group(), a.port(), a.interfaceAddress(),
                options.option(SocketOption.MULTICAST_MAXTPDU), options.option(SocketOption.RATE),
                options.option(SocketOption.RECOVERY_IVL), gsi, sourcePort);
    }

    @Override
    public String endpoint(SocketAddress boundAddress) {
        return scheme() + "://" + ((EpgmAddress) boundAddress).text();
    }
}
