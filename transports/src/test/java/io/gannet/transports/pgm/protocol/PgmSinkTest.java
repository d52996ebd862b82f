package io.gannet.transports.pgm.protocol;

import static io.gannet.transports.pgm.protocol.PgmTestSupport.MS;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.S;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.SOURCE_HOST;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.from;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.protocol.PgmTestSupport.PgmPacketView;
import io.gannet.transports.pgm.protocol.PgmTestSupport.RecordingWire;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The receiver: delivery order, late join, NAK back-off, NCF, repair, retries, loss, expiry. */
class PgmSinkTest {
    private static final long GSI = 0xb7c6d1bc038aL;
    private static final int NLA = 0x0a4d0001;
    private static final int GROUP = 0xefc00101;
    private static final int PORT = PgmTestSupport.PORT;

    private final RecordingWire wire = new RecordingWire();
    private final List<String> events = new ArrayList<>();
    private final ByteBuffer out = ByteBuffer.allocate(1500);
    private PgmSink sink = new PgmSink(PgmTestSupport.sinkSettings(), wire, new Events());
    private long now;

    /** Records what the sink hands up; a TSDU is the 4-byte sqn it was sent as. */
    private final class Events implements PgmDelivery {
        @Override
        public void data(Tsi source, ByteBuffer tsdu) {
            events.add((source.sourcePort() == 50074 ? "" : source.sourcePort() + ":") + tsdu.getInt(tsdu.position()));
        }

        @Override
        public void lost(Tsi source, long firstSqn, long count) {
            events.add("lost " + firstSqn + "+" + count);
        }

        @Override
        public void joined(Tsi source) {
            events.add("joined " + source);
        }

        @Override
        public void expired(Tsi source) {
            events.add("expired " + source);
        }
    }

    private void odata(int sqn, int trail) {
        data(PgmHeader.TYPE_ODATA, 50074, sqn, trail);
    }

    private void rdata(int sqn, int trail) {
        data(PgmHeader.TYPE_RDATA, 50074, sqn, trail);
    }

    private void data(int type, int sport, int sqn, int trail) {
        byte[] tsdu = ByteBuffer.allocate(4).putInt(sqn).array();
        PgmPacketWriter.data(out, type, sport, PORT, GSI, sqn, trail, tsdu, 0, 4);
        sink.receive(out, from(SOURCE_HOST), now);
    }

    private void spm(int spmSqn, int trail, int lead) {
        PgmPacketWriter.spm(out, 50074, PORT, GSI, spmSqn, trail, lead, NLA, false);
        sink.receive(out, from(SOURCE_HOST), now);
    }

    private void ncf(int... sqns) {
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NCF, 50074, PORT, GSI, sqns, sqns.length, NLA, GROUP);
        sink.receive(out, from(SOURCE_HOST), now);
    }

    /** Runs the sink's timers at each deadline up to {@code until}. */
    private void runUntil(long until) {
        while (sink.nextDeadline() <= until) {
            now = Math.max(now, sink.nextDeadline());
            sink.onTimer(now);
        }
        now = until;
    }

    private List<PgmPacketView> naks() {
        return wire.unicastOfType(PgmHeader.TYPE_NAK);
    }

    @Test
    void inOrderDataGoesUpOnceAndDuplicatesAreDropped() {
        spm(0, 0, -1);
        odata(0, 0);
        odata(1, 0);
        odata(1, 0);
        odata(2, 0);
        assertEquals(List.of("joined 183.198.209.188.3.138.50074", "0", "1", "2"), events);
        assertEquals(1, sink.stats().duplicates());
        assertEquals(3, sink.stats().delivered());
        assertEquals(1, sink.stats().sources());
        runUntil(10 * S);
        assertTrue(wire.unicast.isEmpty(), "no SPMR (an SPM came first), no NAK");
    }

    @Test
    void aLateJoinerStartsAtTheFirstOdataItSees() {
        odata(100, 0);
        odata(101, 0);
        spm(40, 0, 101);
        assertEquals(List.of("100", "101"), events.subList(1, events.size()));
        runUntil(10 * S);
        assertTrue(naks().isEmpty(), "nothing before the join is asked for");
    }

    @Test
    void aGapIsNakedAfterARandomBackoffAndFilledByRdata() {
        spm(0, 0, 4);
        odata(5, 0);
        odata(7, 0);
        assertEquals(List.of("5"), events.subList(1, events.size()));
        long deadline = sink.nextDeadline();
        assertTrue(deadline > 0 && deadline <= 50 * MS, "NAK_BO_IVL: " + deadline);
        runUntil(deadline);
        List<PgmPacketView> naks = naks();
        assertEquals(1, naks.size());
        PgmPacketView nak = naks.get(0);
        assertEquals(6, nak.sqn());
        assertEquals(PORT, nak.sourcePort(), "upstream: data port to the TSI port");
        assertEquals(50074, nak.destinationPort());
        assertEquals(GSI, nak.gsi());
        assertEquals(NLA, nak.nla());
        assertEquals(GROUP, nak.groupNla());
        assertEquals(new InetSocketAddress(SOURCE_HOST, PORT), wire.unicastTo.get(0));
        rdata(6, 0);
        assertEquals(List.of("5", "6", "7"), events.subList(1, events.size()));
        assertEquals(1, sink.stats().repairsReceived());
        assertEquals(1, sink.stats().naksSent());
    }

    @Test
    void withoutAnNcfTheNakIsRepeated() {
        spm(0, 0, 4);
        odata(5, 0);
        odata(7, 0);
        runUntil(50 * MS);
        assertEquals(1, naks().size());
        runUntil(249 * MS);
        assertEquals(1, naks().size(), "NAK_RPT_IVL is 200 ms");
        runUntil(301 * MS);
        assertEquals(2, naks().size(), "backed off again and re-NAKed");
    }

    @Test
    void anNcfSuppressesTheNakAndWaitsForRdata() {
        spm(0, 0, 4);
        odata(5, 0);
        odata(7, 0);
        ncf(6); // another receiver's NAK was confirmed
        runUntil(199 * MS);
        assertTrue(naks().isEmpty());
        runUntil(260 * MS);
        assertEquals(1, naks().size(), "NAK_RDATA_IVL passed: back off and NAK");
    }

    @Test
    void anNcfBeyondTheLeadOpensTheGapsUpToIt() {
        spm(0, 0, 4);
        odata(5, 0);
        ncf(8);
        runUntil(60 * MS);
        assertEquals(List.of(6, 7), naks().stream().flatMap(n -> List.of(n.sqn(), n.list()[0]).stream()).toList());
        rdata(8, 0);
        rdata(6, 0);
        rdata(7, 0);
        assertEquals(List.of("5", "6", "7", "8"), events.subList(1, events.size()));
    }

    @Test
    void afterTheRetriesTheGapIsLostAndDeliveryContinues() {
        spm(0, 0, 4);
        odata(5, 0);
        odata(7, 0);
        runUntil(60 * S);
        assertEquals(50, naks().size(), "NAK_NCF_RETRIES");
        assertEquals(List.of("5", "lost 6+1", "7"), events.subList(1, events.size()));
        assertEquals(1, sink.stats().sqnsLost());
        odata(8, 0);
        assertEquals("8", events.get(events.size() - 1));
    }

    @Test
    void aTrailPastTheGapGivesItUpAtOnce() {
        spm(0, 0, 4);
        odata(5, 0);
        odata(7, 0);
        odata(8, 7);
        assertEquals(List.of("5", "lost 6+1", "7", "8"), events.subList(1, events.size()));
        runUntil(5 * S);
        assertTrue(naks().isEmpty());
    }

    @Test
    void anSpmLeadRevealsTailLossAndOneNakListsIt() {
        spm(0, 0, 4);
        odata(5, 0);
        spm(1, 0, 9);
        runUntil(60 * MS);
        PgmPacketView nak = naks().get(0);
        assertEquals(6, nak.sqn());
        assertArrayEquals(new int[] {7, 8, 9}, nak.list());
        assertEquals(1, naks().size());
    }

    @Test
    void aSourceSeenByDataIsAskedForAnSpmBeforeItCanBeNaked() {
        odata(10, 0);
        odata(12, 0);
        runUntil(24 * MS);
        assertTrue(wire.unicast.isEmpty());
        runUntil(26 * MS);
        List<PgmPacketView> spmrs = wire.unicastOfType(PgmHeader.TYPE_SPMR);
        assertEquals(1, spmrs.size(), "PGM_SPMR_EXPIRY is 25 ms");
        assertEquals(new InetSocketAddress(SOURCE_HOST, PORT), wire.unicastTo.get(0));
        assertEquals(50074, spmrs.get(0).destinationPort());
        runUntil(100 * MS);
        assertTrue(naks().isEmpty(), "no NLA, no NAK");
        spm(3, 0, 12);
        runUntil(200 * MS);
        assertEquals(11, naks().get(0).sqn());
        rdata(11, 0);
        assertEquals(List.of("10", "11", "12"), events.subList(1, events.size()));
    }

    @Test
    void twoSourcesAreKeptApart() {
        spm(0, 0, -1);
        odata(0, 0);
        data(PgmHeader.TYPE_ODATA, 50075, 7, 0);
        odata(1, 0);
        data(PgmHeader.TYPE_ODATA, 50075, 8, 0);
        assertEquals(List.of("joined 183.198.209.188.3.138.50074", "0", "joined 183.198.209.188.3.138.50075",
                "50075:7", "1", "50075:8"), events);
        assertEquals(2, sink.stats().sources());
    }

    @Test
    void aSilentSourceIsDrainedAndForgotten() {
        spm(0, 0, 4);
        odata(5, 0);
        odata(7, 0);
        runUntil(299 * S);
        assertEquals(1, sink.stats().sources());
        runUntil(301 * S);
        assertEquals(List.of("5", "lost 6+1", "7", "expired 183.198.209.188.3.138.50074"),
                events.subList(1, events.size()));
        assertEquals(0, sink.stats().sources());
        assertEquals(Long.MAX_VALUE, sink.nextDeadline());
    }

    @Test
    void aGapLargerThanTheWindowGivesUpItsOldestSqns() {
        spm(0, 0, -1);
        odata(0, 0);
        for (int sqn = 2; sqn <= 100; sqn++) {
            odata(sqn, 0); // window: 100 kbit/s x 10 s / 1500 = 80 sqns
        }
        assertEquals("lost 1+1", events.get(2));
        assertEquals(2 + 99 + 1, events.size());
        assertEquals("100", events.get(events.size() - 1));
    }

    @Test
    void aJumpFarBeyondTheWindowIsOneLostRun() {
        spm(0, 0, -1);
        odata(0, 0);
        odata(1_000_000, 0);
        assertEquals("lost 1+999920", events.get(2));
        spm(1, 1_000_000, 1_000_000);
        assertEquals(List.of("lost 999921+79", "1000000"), events.subList(3, events.size()));
        assertEquals(999_999, sink.stats().sqnsLost());
    }

    @Test
    void sequenceNumbersWrapAtTwoToTheThirtyTwo() {
        spm(0, -10, -3);
        odata(-2, -10);
        odata(-1, -10);
        odata(1, -10);
        runUntil(60 * MS);
        assertEquals(0, naks().get(0).sqn());
        rdata(0, -10);
        assertEquals(List.of("-2", "-1", "0", "1"), events.subList(1, events.size()));
        odata(3, -5);
        odata(4, 3);
        assertEquals("lost 2+1", events.get(5));
        odata(-20, -30);
        assertEquals(1, sink.stats().duplicates(), "before the trail: a duplicate, across the wrap too");
    }

    @Test
    void aWindowStraddlingTheWrapKeepsEverySlotApart() {
        // 80 slots: 2^32 is no multiple of 80, so sqn % 80 would put -45 and 35 in one slot
        spm(0, -60, -51);
        for (int sqn = -50; sqn <= 28; sqn++) {
            if (sqn != -45) {
                odata(sqn, -60);
            }
        }
        assertEquals(List.of("-50", "-49", "-48", "-47", "-46"), events.subList(1, 6));
        rdata(-45, -60);
        assertEquals(1 + 79, events.size());
        for (int k = 0; k < 79; k++) {
            assertEquals(String.valueOf(-50 + k), events.get(1 + k));
        }
    }

    @Test
    void packetsThatCannotStartASourceAreIgnored() {
        rdata(5, 0);
        ncf(5);
        PgmPacketWriter.spm(out, 50074, PORT, GSI, 0, 0, 10, NLA, true);
        sink.receive(out, from(SOURCE_HOST), now);
        assertTrue(events.isEmpty());
        assertEquals(0, sink.stats().sources());
        assertEquals(3, sink.stats().otherPackets());
        PgmPacketWriter.data(out, PgmHeader.TYPE_ODATA, 50074, PORT + 1, GSI, 0, 0, new byte[4], 0, 4);
        sink.receive(out, from(SOURCE_HOST), now);
        assertEquals(4, sink.stats().otherPackets(), "another data port");
    }

    @Test
    void anOldSpmIsADuplicate() {
        spm(5, 0, -1);
        spm(4, 0, 3);
        assertEquals(1, sink.stats().duplicates());
        odata(0, 0);
        assertEquals(List.of("0"), events.subList(1, events.size()));
    }

    @Test
    void aTsduLargerThanTheMaxTpduAllowsIsBad() {
        sink = new PgmSink(PgmTestSupport.sinkSettings(), wire, new Events());
        byte[] big = new byte[1449];
        PgmPacketWriter.data(ByteBuffer.allocate(2000), PgmHeader.TYPE_ODATA, 50074, PORT, GSI, 0, 0, big, 0, 1);
        ByteBuffer b = ByteBuffer.allocate(2000);
        PgmPacketWriter.data(b, PgmHeader.TYPE_ODATA, 50074, PORT, GSI, 0, 0, big, 0, big.length);
        sink.receive(b, from(SOURCE_HOST), 0);
        assertEquals(1, sink.stats().badPackets());
    }
}
