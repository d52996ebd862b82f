package io.gannet.transports.pgm.protocol;

import static io.gannet.transports.pgm.protocol.PgmTestSupport.SOURCE_HOST;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.from;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.protocol.PgmPacket.Verdict;
import io.gannet.transports.pgm.protocol.PgmTestSupport.Captured;
import io.gannet.transports.pgm.protocol.PgmTestSupport.RecordingWire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Malformed packets are rejected with the right verdict, counted by source and sink, and never
 * make {@code receive} throw: a seeded fuzz feeds truncated, bit-flipped, re-checksummed and
 * random packets to the parser, a source and a sink.
 */
class PgmBadPacketTest {
    private static final long GSI = 0xb7c6d1bc038aL;
    private final ByteBuffer out = ByteBuffer.allocate(1500);
    private final PgmPacket p = new PgmPacket();

    private static void rechecksum(ByteBuffer b) {
        b.putShort(b.position() + 6, (short) PgmChecksum.compute(b, b.position(), b.remaining()));
    }

    private ByteBuffer odata() {
        byte[] tsdu = {0, 0, 1, 0, 'x'};
        PgmPacketWriter.data(out, PgmHeader.TYPE_ODATA, 50074, 5555, GSI, 1, 0, tsdu, 0, tsdu.length);
        return ByteBuffer.wrap(PgmTestSupport.copy(out));
    }

    private ByteBuffer nakList(int count) {
        int[] sqns = new int[count];
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NAK, 5555, 50074, GSI, sqns, count, 0x0a4d0001, 0xefc00101);
        return ByteBuffer.wrap(PgmTestSupport.copy(out));
    }

    @Test
    void shortPacketsAreTooShort() {
        ByteBuffer full = odata();
        for (int n = 0; n < PgmHeader.HEADER_LENGTH; n++) {
            assertEquals(Verdict.TOO_SHORT, p.parse(full.duplicate().limit(n)), "length " + n);
        }
        ByteBuffer header = full.duplicate().limit(PgmHeader.HEADER_LENGTH + 4);
        rechecksum(header);
        assertEquals(Verdict.TOO_SHORT, p.parse(header));
    }

    @Test
    void aFlippedBitFailsTheChecksum() {
        ByteBuffer b = odata();
        b.put(b.limit() - 1, (byte) (b.get(b.limit() - 1) ^ 0x10));
        assertEquals(Verdict.BAD_CHECKSUM, p.parse(b));
    }

    @Test
    void tsduLengthMustMatchTheData() {
        ByteBuffer b = odata();
        b.putShort(14, (short) 6);
        rechecksum(b);
        assertEquals(Verdict.BAD_LENGTH, p.parse(b));
        ByteBuffer longer = ByteBuffer.allocate(b.limit() + 1).put(odata()).flip();
        longer.limit(longer.capacity());
        rechecksum(longer);
        assertEquals(Verdict.BAD_LENGTH, p.parse(longer));
    }

    @Test
    void unknownTypeIsRejected() {
        ByteBuffer b = odata();
        b.put(4, (byte) 0x14); // version bits set: not a type OpenPGM knows
        rechecksum(b);
        assertEquals(Verdict.UNKNOWN_TYPE, p.parse(b));
    }

    @Test
    void nonIpv4NlaIsRejected() {
        ByteBuffer b = nakList(1);
        b.putShort(20, (short) PgmHeader.AFI_IP6);
        rechecksum(b);
        assertEquals(Verdict.BAD_NLA, p.parse(b));
    }

    @Test
    void malformedOptionChainsAreRejected() {
        // option length running past the chain
        ByteBuffer b = nakList(3);
        b.put(PgmHeader.NAK_LENGTH + 5, (byte) 40);
        rechecksum(b);
        assertEquals(Verdict.BAD_OPTIONS, p.parse(b));
        // OPT_LENGTH total past the packet end
        b = nakList(3);
        b.putShort(PgmHeader.NAK_LENGTH + 2, (short) 400);
        rechecksum(b);
        assertEquals(Verdict.BAD_OPTIONS, p.parse(b));
        // first option not OPT_LENGTH
        b = nakList(3);
        b.put(PgmHeader.NAK_LENGTH, (byte) PgmHeader.OPT_NAK_LIST);
        rechecksum(b);
        assertEquals(Verdict.BAD_OPTIONS, p.parse(b));
        // last option without the end bit
        b = nakList(3);
        b.put(PgmHeader.NAK_LENGTH + 4, (byte) PgmHeader.OPT_NAK_LIST);
        rechecksum(b);
        assertEquals(Verdict.BAD_OPTIONS, p.parse(b));
        // an option of length 0 would loop for ever in a naive walker
        b = nakList(3);
        b.put(PgmHeader.NAK_LENGTH + 5, (byte) 0);
        rechecksum(b);
        assertEquals(Verdict.BAD_OPTIONS, p.parse(b));
        // NAK list length not 4 + 4n
        b = nakList(3);
        b.put(PgmHeader.NAK_LENGTH + 5, (byte) 7);
        rechecksum(b);
        assertEquals(Verdict.BAD_OPTIONS, p.parse(b));
        // options flag set but no room for OPT_LENGTH
        b = nakList(1);
        b.put(5, (byte) PgmHeader.FLAG_OPT_PRESENT);
        rechecksum(b);
        assertEquals(Verdict.BAD_OPTIONS, p.parse(b));
    }

    @Test
    void seventeenOptionsAreTooMany() {
        ByteBuffer b = ByteBuffer.allocate(PgmHeader.NAK_LENGTH + 4 + 17 * 4);
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NAK, 5555, 50074, GSI, new int[] {1}, 1, 1, 1);
        b.put(out);
        b.put(5, (byte) PgmHeader.FLAG_OPT_PRESENT);
        b.put((byte) 0).put((byte) 4).putShort((short) (4 + 17 * 4));
        for (int i = 0; i < 17; i++) {
            b.put((byte) (i == 16 ? 0x21 | PgmHeader.OPT_END : 0x21)).put((byte) 4).putShort((short) 0);
        }
        b.flip();
        rechecksum(b);
        assertEquals(Verdict.BAD_OPTIONS, p.parse(b));
    }

    @Test
    void sourceAndSinkCountBadPacketsAndCarryOn() {
        RecordingWire wire = new RecordingWire();
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        List<String> events = new ArrayList<>();
        PgmSink sink = new PgmSink(PgmTestSupport.sinkSettings(), wire, new Recorder(events));
        ByteBuffer bad = odata();
        bad.put(20, (byte) 1);
        source.receive(bad, from(SOURCE_HOST), 0);
        sink.receive(bad, from(SOURCE_HOST), 0);
        assertEquals(1, source.stats().badPackets());
        assertEquals(1, sink.stats().badPackets());
        sink.receive(odata(), from(SOURCE_HOST), 0);
        assertEquals(List.of("joined", "data 5"), events);
    }

    @Test
    void fuzzedPacketsNeverEscapeAsExceptions() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Captured c : PgmTestSupport.captures()) {
            seeds.add(c.bytes());
        }
        seeds.add(nakList(63).array());
        Random random = new Random(20261203L);
        RecordingWire wire = new RecordingWire();
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        long[] handedUp = new long[1];
        PgmSink sink = new PgmSink(PgmTestSupport.sinkSettings(), wire, new PgmDelivery() {
            @Override
            public void data(Tsi s, ByteBuffer tsdu) {
                handedUp[0]++;
            }

            @Override
            public void lost(Tsi s, long firstSqn, long count) {
                assertTrue(count > 0 && firstSqn >= 0 && firstSqn <= 0xFFFF_FFFFL);
            }
        });
        long now = 0;
        int parsedOk = 0;
        for (int round = 0; round < 60_000; round++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] b = mutate(seed, random);
            ByteBuffer packet = ByteBuffer.wrap(b);
            if (b.length >= PgmHeader.HEADER_LENGTH && random.nextBoolean()) {
                rechecksum(packet); // get past the checksum to reach the deeper checks
            }
            if (p.parse(packet) == Verdict.OK) {
                parsedOk++;
            }
            source.receive(packet, from(SOURCE_HOST), now);
            sink.receive(packet, from(SOURCE_HOST), now);
            assertEquals(0, packet.position());
            assertEquals(b.length, packet.limit());
            now += random.nextInt(5) * PgmTestSupport.MS;
            if (round % 100 == 0) {
                sink.onTimer(now);
                source.onTimer(now);
                wire.clear();
            }
        }
        assertTrue(parsedOk > 1000, "the fuzz reached past the parser: " + parsedOk);
        assertTrue(sink.stats().badPackets() > 1000);
        assertTrue(source.stats().badPackets() > 1000);
        assertTrue(handedUp[0] > 0, "some fuzzed data was well-formed enough to deliver");
    }

    private static byte[] mutate(byte[] seed, Random random) {
        switch (random.nextInt(5)) {
            case 0 -> {
                byte[] b = seed.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 1 -> {
                byte[] b = new byte[random.nextInt(seed.length + 1)];
                System.arraycopy(seed, 0, b, 0, b.length);
                return b;
            }
            case 2 -> {
                byte[] b = new byte[seed.length + 1 + random.nextInt(40)];
                System.arraycopy(seed, 0, b, 0, seed.length);
                for (int i = seed.length; i < b.length; i++) {
                    b[i] = (byte) random.nextInt();
                }
                return b;
            }
            case 3 -> {
                byte[] b = seed.clone();
                b[random.nextInt(Math.min(b.length, 40))] = (byte) random.nextInt(); // header/body field
                return b;
            }
            default -> {
                byte[] b = new byte[random.nextInt(80)];
                random.nextBytes(b);
                return b;
            }
        }
    }

    /** Records deliveries as short strings. */
    static final class Recorder implements PgmDelivery {
        private final List<String> events;

        Recorder(List<String> events) {
            this.events = events;
        }

        @Override
        public void data(Tsi source, ByteBuffer tsdu) {
            events.add("data " + tsdu.remaining());
        }

        @Override
        public void lost(Tsi source, long firstSqn, long count) {
            events.add("lost " + firstSqn + "+" + count);
        }

        @Override
        public void joined(Tsi source) {
            events.add("joined");
        }
    }
}
