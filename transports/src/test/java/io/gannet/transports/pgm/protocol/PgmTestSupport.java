package io.gannet.transports.pgm.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Shared fixtures of the PGM protocol tests: settings, a recording wire, hex, the captures. */
final class PgmTestSupport {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final Inet4Address GROUP = v4("239.192.1.1");
    static final Inet4Address SOURCE_HOST = v4("10.77.0.1");
    static final Inet4Address SINK_HOST = v4("10.77.0.2");
    static final int PORT = 5555;
    static final byte[] GSI = HexFormat.of().parseHex("b7c6d1bc038a");
    static final int SOURCE_PORT = 50074;

    private PgmTestSupport() {
    }

    static Inet4Address v4(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The source of the captures: 10.77.0.1, GSI b7c6d1bc038a, port 50074, at libzmq's defaults. */
    static PgmSettings sourceSettings() {
        return new PgmSettings(GROUP, PORT, SOURCE_HOST, 1500, 100, 10_000, GSI, SOURCE_PORT);
    }

    static PgmSettings settings(Inet4Address local, byte[] gsi, int sourcePort, long rateKbps, int recoveryIvlMs) {
        return new PgmSettings(GROUP, PORT, local, 1500, rateKbps, recoveryIvlMs, gsi, sourcePort);
    }

    static PgmSettings sinkSettings() {
        return settings(SINK_HOST, HexFormat.of().parseHex("0a0b0c0d0e0f"), 40000, 100, 10_000);
    }

    static InetSocketAddress from(Inet4Address host) {
        return new InetSocketAddress(host, 40001);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.of().formatHex(a);
    }

    static ByteBuffer buf(String hex) {
        return ByteBuffer.wrap(hex(hex));
    }

    /** One captured packet: its annotation line and its bytes. */
    record Captured(String annotation, byte[] bytes) {
    }

    /** The libzmq 4.3.4 / OpenPGM packets captured in network namespaces. */
    static List<Captured> captures() throws IOException {
        List<Captured> out = new ArrayList<>();
        try (InputStream in = PgmTestSupport.class.getResourceAsStream("/pgm/openpgm-libzmq-4.3.4.hex")) {
            if (in == null) {
                throw new AssertionError("capture resource missing");
            }
            String last = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String l = line.strip();
                if (l.startsWith("#")) {
                    last = l;
                } else if (!l.isEmpty()) {
                    out.add(new Captured(last, hex(l)));
                }
            }
        }
        return out;
    }

    /** A wire that keeps a copy of every packet. */
    static final class RecordingWire implements PgmWire {
        final List<byte[]> multicast = new ArrayList<>();
        final List<byte[]> unicast = new ArrayList<>();
        final List<InetSocketAddress> unicastTo = new ArrayList<>();

        @Override
        public void multicast(ByteBuffer packet) {
            multicast.add(copy(packet));
        }

        @Override
        public void unicast(ByteBuffer packet, InetSocketAddress to) {
            unicast.add(copy(packet));
            unicastTo.add(to);
        }

        List<PgmPacketView> multicastOfType(int type) {
            return ofType(multicast, type);
        }

        List<PgmPacketView> unicastOfType(int type) {
            return ofType(unicast, type);
        }

        void clear() {
            multicast.clear();
            unicast.clear();
            unicastTo.clear();
        }

        private static List<PgmPacketView> ofType(List<byte[]> packets, int type) {
            List<PgmPacketView> out = new ArrayList<>();
            for (byte[] p : packets) {
                PgmPacketView v = PgmPacketView.of(p);
                if (v.type() == type) {
                    out.add(v);
                }
            }
            return out;
        }
    }

    static byte[] copy(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** An immutable parse of a packet, for assertions. */
    record PgmPacketView(int type, int sourcePort, int destinationPort, long gsi, int sqn, int trail, int lead,
                         int nla, int groupNla, int[] list, boolean fin, byte[] payload, byte[] raw) {
        static PgmPacketView of(byte[] raw) {
            PgmPacket p = new PgmPacket();
            ByteBuffer b = ByteBuffer.wrap(raw);
            PgmPacket.Verdict v = p.parse(b);
            if (v != PgmPacket.Verdict.OK) {
                throw new AssertionError("packet does not parse: " + v + " " + HexFormat.of().formatHex(raw));
            }
            int[] list = new int[p.nakListLength()];
            for (int i = 0; i < list.length; i++) {
                list[i] = p.nakListSqn(i);
            }
            byte[] payload = new byte[p.payloadLength()];
            b.get(p.payloadIndex(), payload);
            return new PgmPacketView(p.type(), p.sourcePort(), p.destinationPort(), p.gsi(), p.sqn(), p.trail(),
                    p.lead(), p.nla(), p.groupNla(), list, p.hasFin(), payload, raw);
        }
    }
}
