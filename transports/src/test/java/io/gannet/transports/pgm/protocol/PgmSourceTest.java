package io.gannet.transports.pgm.protocol;

import static io.gannet.transports.pgm.protocol.PgmTestSupport.MS;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.PORT;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.SINK_HOST;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.from;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.protocol.PgmTestSupport.PgmPacketView;
import io.gannet.transports.pgm.protocol.PgmTestSupport.RecordingWire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender: opening SPMs, ODATA, window, NAK to NCF and RDATA, SPMR, rate limit, close. */
class PgmSourceTest {
    private static final int NLA = 0x0a4d0001;
    private static final int GROUP = 0xefc00101;
    private final RecordingWire wire = new RecordingWire();
    private final ByteBuffer nak = ByteBuffer.allocate(512);

    /** A libzmq TSDU: 2-byte offset 0, then the ZMTP/1.0 frame "msg N". */
    private static ByteBuffer msg(int n) {
        byte[] text = ("msg " + n).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 + text.length);
        b.putShort((short) 0).put((byte) (text.length + 1)).put((byte) 0).put(text).flip();
        return b;
    }

    private ByteBuffer nak(int... sqns) {
        PgmPacketWriter.nak(nak, PgmHeader.TYPE_NAK, PORT, 50074, 0xb7c6d1bc038aL, sqns, sqns.length, NLA, GROUP);
        return nak;
    }

    private static PgmSettings small(long rateKbps, int recoveryMs) {
        return PgmTestSupport.settings(PgmTestSupport.SOURCE_HOST, PgmTestSupport.GSI, 50074, rateKbps, recoveryMs);
    }

    @Test
    void opensWithThreeSpmsExactlyAsOpenPgm() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        assertTrue(wire.multicast.isEmpty(), "the constructor sends nothing");
        assertEquals(0, source.nextDeadline());
        source.onTimer(0);
        assertEquals(3, wire.multicast.size());
        assertEquals("c39a15b300008f55b7c6d1bc038a00000000000000000000ffffffff000100000a4d0001",
                hex(ByteBuffer.wrap(wire.multicast.get(0))));
        assertEquals("c39a15b300008f53b7c6d1bc038a00000000000200000000ffffffff000100000a4d0001",
                hex(ByteBuffer.wrap(wire.multicast.get(2))));
        assertEquals(30_000 * MS, source.nextDeadline(), "then the ambient SPM");
    }

    @Test
    void odataIsNumberedFromZeroWithTheTrailAsOpenPgm() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        source.onTimer(0);
        for (int i = 0; i < 3; i++) {
            assertTrue(source.send(msg(i), 0));
        }
        List<PgmPacketView> odata = wire.multicastOfType(PgmHeader.TYPE_ODATA);
        assertEquals(3, odata.size());
        assertEquals("c39a15b304008b07b7c6d1bc038a00090000000000000000000006006d73672030",
                hex(ByteBuffer.wrap(odata.get(0).raw())));
        assertEquals("c39a15b304008905b7c6d1bc038a00090000000200000000000006006d73672032",
                hex(ByteBuffer.wrap(odata.get(2).raw())));
        assertEquals(3, source.stats().odataSent());
        assertEquals(100 * MS, source.nextDeadline(), "a heartbeat SPM 100 ms after data");
        wire.clear();
        source.onTimer(100 * MS);
        PgmPacketView spm = wire.multicastOfType(PgmHeader.TYPE_SPM).get(0);
        assertEquals(3, spm.sqn());
        assertEquals(0, spm.trail());
        assertEquals(2, spm.lead());
    }

    @Test
    void aNakIsConfirmedAndRepairedByteForByteAsOpenPgm() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        for (int i = 0; i < 9; i++) {
            source.send(msg(i), 0);
        }
        wire.clear();
        // the NAK libzmq's receiver sent in the capture
        source.receive(PgmTestSupport.buf("15b3c39a0800968fb7c6d1bc038a000000000003000100000a4d000100010000efc00101"),
                from(SINK_HOST), 1 * MS);
        assertEquals(2, wire.multicast.size());
        assertEquals("c39a15b30a00948fb7c6d1bc038a000000000003000100000a4d000100010000efc00101",
                hex(ByteBuffer.wrap(wire.multicast.get(0))), "NCF");
        assertEquals("c39a15b305008704b7c6d1bc038a00090000000300000000000006006d73672033",
                hex(ByteBuffer.wrap(wire.multicast.get(1))), "RDATA");
        assertEquals(1, source.stats().naksReceived());
        assertEquals(1, source.stats().ncfsSent());
        assertEquals(1, source.stats().rdataSent());
        assertTrue(wire.unicast.isEmpty());
    }

    @Test
    void aNakListGetsOneNcfListAndRepairsInOrder() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        for (int i = 0; i < 20; i++) {
            source.send(msg(i), 0);
        }
        wire.clear();
        source.receive(nak(18, 19), from(SINK_HOST), 0);
        assertEquals("c39a15b30a031252b7c6d1bc038a000000000012000100000a4d000100010000efc00101"
                + "0004000c8208000000000013", hex(ByteBuffer.wrap(wire.multicast.get(0))));
        List<PgmPacketView> rdata = wire.multicastOfType(PgmHeader.TYPE_RDATA);
        assertEquals(List.of(18, 19), List.of(rdata.get(0).sqn(), rdata.get(1).sqn()));
        assertArrayEquals(PgmTestSupport.copy(msg(19)), rdata.get(1).payload());
        assertEquals(2, source.stats().naksReceived());
    }

    @Test
    void theWindowKeepsTheLastRateTimesRecoverySqnsAndIgnoresNaksBeyondIt() {
        // 80 kbit/s = 10 B/ms; x 1500 ms / 1500 B = a window of 10 sqns (libzmq's compute_sqns)
        PgmSource source = new PgmSource(small(80, 1500), wire, 0);
        assertEquals(10, source.windowSqns());
        for (int i = 0; i < 12; i++) {
            assertTrue(source.send(msg(i), 0));
        }
        List<PgmPacketView> odata = wire.multicastOfType(PgmHeader.TYPE_ODATA);
        assertEquals(0, odata.get(10).trail(), "stamped before the add evicts, as OpenPGM");
        assertEquals(1, odata.get(11).trail());
        wire.clear();
        source.receive(nak(0, 1), from(SINK_HOST), 0);
        assertTrue(wire.multicast.isEmpty(), "nothing to confirm or repair");
        assertEquals(2, source.stats().naksIgnored());
        source.receive(nak(1, 2, 40), from(SINK_HOST), 0);
        PgmPacketView ncf = wire.multicastOfType(PgmHeader.TYPE_NCF).get(0);
        assertEquals(2, ncf.sqn());
        assertEquals(0, ncf.list().length, "only the repairable sqn is confirmed");
        PgmPacketView rdata = wire.multicastOfType(PgmHeader.TYPE_RDATA).get(0);
        assertEquals(2, rdata.sqn());
        assertEquals(2, rdata.trail());
        assertEquals(4, source.stats().naksIgnored());
    }

    @Test
    void theRateLimitRefusesAndNamesWhenToRetry() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0); // 100 kbit/s
        source.onTimer(0);
        assertEquals(1428, source.maxTsdu());
        ByteBuffer full = ByteBuffer.allocate(1428);
        int sent = 0;
        while (source.send(full, 0)) {
            sent++;
        }
        assertEquals(8, sent, "a 12,500-byte bucket, 1,480 bytes a packet with IP and UDP");
        long retry = source.nextDeadline();
        assertEquals((1480 - 12_500 % 1480) * 1_000_000_000L / 12_500, retry);
        assertFalse(source.send(full, retry - 1));
        assertTrue(source.send(full, retry));
        assertThrows(IllegalArgumentException.class, () -> source.send(ByteBuffer.allocate(1429), retry));
    }

    @Test
    void repairsGoBeforeNewDataAndAreRateLimitedToo() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        source.onTimer(0);
        ByteBuffer full = ByteBuffer.allocate(1428);
        while (source.send(full, 0)) {
            full.rewind();
        }
        wire.clear();
        source.receive(nak(1, 2), from(SINK_HOST), 0);
        source.receive(nak(2), from(SINK_HOST), 0); // already queued: eliminated
        assertEquals(2, wire.multicastOfType(PgmHeader.TYPE_NCF).size());
        assertTrue(wire.multicastOfType(PgmHeader.TYPE_RDATA).isEmpty(), "no tokens yet");
        long t = source.nextDeadline();
        assertFalse(source.send(full, t), "the repair takes the tokens first");
        assertEquals(List.of(1), wire.multicastOfType(PgmHeader.TYPE_RDATA).stream().map(PgmPacketView::sqn).toList());
        long now = t;
        for (int i = 0; i < 10 && source.stats().rdataSent() < 2; i++) {
            now = source.nextDeadline();
            source.onTimer(now);
        }
        assertEquals(2, source.stats().rdataSent());
        assertTrue(now >= t + 1480 * 1_000_000_000L / 12_500, "the second repair waited for its tokens");
        long at = now;
        for (int i = 0; i < 10 && !source.send(full, at); i++) {
            at = source.nextDeadline();
            source.onTimer(at);
        }
        assertEquals(2, source.stats().rdataSent(), "the eliminated NAK gave no third repair");
    }

    @Test
    void anSpmrGetsAnSpm() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        source.onTimer(0);
        wire.clear();
        ByteBuffer spmr = ByteBuffer.allocate(16);
        PgmPacketWriter.spmr(spmr, PORT, 50074, 0xb7c6d1bc038aL);
        source.receive(spmr, from(SINK_HOST), 5 * MS);
        PgmPacketView spm = wire.multicastOfType(PgmHeader.TYPE_SPM).get(0);
        assertEquals(3, spm.sqn());
        assertEquals(NLA, spm.nla());
    }

    @Test
    void naksForOthersOrWithWrongAddressesAreNotServed() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        source.send(msg(0), 0);
        wire.clear();
        int[] zero = {0};
        PgmPacketWriter.nak(nak, PgmHeader.TYPE_NAK, PORT, 50075, 0xb7c6d1bc038aL, zero, 1, NLA, GROUP);
        source.receive(nak, from(SINK_HOST), 0); // another TSI's port
        PgmPacketWriter.nak(nak, PgmHeader.TYPE_NAK, PORT, 50074, 0xb7c6d1bc038bL, zero, 1, NLA, GROUP);
        source.receive(nak, from(SINK_HOST), 0); // another GSI
        PgmPacketWriter.nak(nak, PgmHeader.TYPE_NAK, 5556, 50074, 0xb7c6d1bc038aL, zero, 1, NLA, GROUP);
        source.receive(nak, from(SINK_HOST), 0); // another data port
        assertEquals(3, source.stats().otherPackets());
        PgmPacketWriter.nak(nak, PgmHeader.TYPE_NAK, PORT, 50074, 0xb7c6d1bc038aL, zero, 1, NLA + 1, GROUP);
        source.receive(nak, from(SINK_HOST), 0); // not our NLA
        PgmPacketWriter.nak(nak, PgmHeader.TYPE_NAK, PORT, 50074, 0xb7c6d1bc038aL, zero, 1, NLA, GROUP + 1);
        source.receive(nak, from(SINK_HOST), 0); // not our group
        assertEquals(2, source.stats().badPackets());
        assertTrue(wire.multicast.isEmpty());
        assertEquals(0, source.stats().naksReceived());
    }

    @Test
    void closeSendsThreeFinSpmsAndStops() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, 0);
        source.onTimer(0);
        source.send(msg(0), 0);
        wire.clear();
        source.close(MS);
        List<PgmPacketView> spms = wire.multicastOfType(PgmHeader.TYPE_SPM);
        assertEquals(3, spms.size());
        assertTrue(spms.stream().allMatch(PgmPacketView::fin));
        assertEquals(0, spms.get(0).lead());
        assertThrows(IllegalStateException.class, () -> source.send(msg(1), MS));
        assertEquals(Long.MAX_VALUE, source.nextDeadline());
        source.close(MS);
        assertEquals(3, wire.multicast.size());
    }

    @Test
    void sequenceNumbersWrapAtTwoToTheThirtyTwo() {
        PgmSource source = new PgmSource(PgmTestSupport.sourceSettings(), wire, PgmTuning.LIBZMQ, 0, -2);
        for (int i = 0; i < 4; i++) {
            source.send(msg(i), 0);
        }
        List<PgmPacketView> odata = wire.multicastOfType(PgmHeader.TYPE_ODATA);
        assertEquals(List.of(-2, -1, 0, 1), odata.stream().map(PgmPacketView::sqn).toList());
        wire.clear();
        source.receive(nak(-1, 0), from(SINK_HOST), 0);
        List<PgmPacketView> rdata = wire.multicastOfType(PgmHeader.TYPE_RDATA);
        assertEquals(List.of(-1, 0), rdata.stream().map(PgmPacketView::sqn).toList());
        assertArrayEquals(PgmTestSupport.copy(msg(2)), rdata.get(1).payload());
    }
}
