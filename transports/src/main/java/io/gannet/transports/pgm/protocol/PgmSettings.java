package io.gannet.transports.pgm.protocol;

import java.net.Inet4Address;
import java.util.Objects;

/**
 * Settings both ends of a PGM session take; built by the glue from socket options and the
 * endpoint.
 *
 * @param group         the multicast group (data destination)
 * @param port          the PGM data-destination port, also the UDP encapsulation port
 * @param localAddress  our NLA (the interface address), carried in SPMs and NAKs
 * @param maxTpdu       MULTICAST_MAXTPDU: the largest IP packet (IP+UDP+PGM+payload), default 1500
 * @param rateKbps      RATE in kbit/s, default 100
 * @param recoveryIvlMs RECOVERY_IVL in milliseconds, default 10000
 * @param gsi           the 6-byte global source id
 * @param sourcePort    our PGM source port (random per socket, as OpenPGM)
 */
public record PgmSettings(Inet4Address group, int port, Inet4Address localAddress, int maxTpdu,
                          long rateKbps, int recoveryIvlMs, byte[] gsi, int sourcePort) {

    /**
     * Validates the settings.
     */
    public PgmSettings {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(gsi, "gsi");
        if (gsi.length != 6) {
            throw new IllegalArgumentException("a GSI is 6 bytes, not " + gsi.length);
        }
        gsi = gsi.clone();
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (sourcePort < 0 || sourcePort > 0xFFFF) {
            throw new IllegalArgumentException("source port out of range: " + sourcePort);
        }
        if (rateKbps <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + rateKbps);
        }
        if (recoveryIvlMs <= 0) {
            throw new IllegalArgumentException("recovery interval must be positive: " + recoveryIvlMs);
        }
    }

    /** The 6-byte GSI (a copy). */
    @Override
    public byte[] gsi() {
        return gsi.clone();
    }

    /**
     * Our TSI: the GSI and our source port.
     *
     * @return the TSI a source built from these settings sends as
     */
    public Tsi tsi() {
        return Tsi.of(gsi, sourcePort);
    }
}
