package io.gannet.transports.pgm.protocol;

import static io.gannet.transports.pgm.protocol.PgmTestSupport.buf;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The writer produces, byte for byte, the packets libzmq 4.3.4's OpenPGM sent in the capture
 * (golden bytes), and the parser reads back every field it writes.
 */
class PgmPacketCodecTest {
    private static final long GSI = 0xb7c6d1bc038aL;
    private static final int SPORT = 50074;
    private static final int DPORT = 5555;
    private static final int SOURCE_NLA = 0x0a4d0001; // 10.77.0.1
    private static final int GROUP_NLA = 0xefc00101;  // 239.192.1.1

    private final ByteBuffer out = ByteBuffer.allocate(1500);
    private final PgmPacket p = new PgmPacket();

    @Test
    void spmMatchesOpenPgmBytes() {
        PgmPacketWriter.spm(out, SPORT, DPORT, GSI, 0, 0, -1, SOURCE_NLA, false);
        assertEquals("c39a15b300008f55b7c6d1bc038a00000000000000000000ffffffff000100000a4d0001", hex(out));
    }

    @Test
    void finSpmMatchesOpenPgmBytes() {
        PgmPacketWriter.spm(out, SPORT, DPORT, GSI, 9, 0, 31, SOURCE_NLA, true);
        assertEquals("c39a15b30001011cb7c6d1bc038a000000000009000000000000001f000100000a4d0001000400088e040000",
                hex(out));
        assertEquals(PgmPacket.Verdict.OK, p.parse(out));
        assertTrue(p.hasFin());
        assertEquals(31, p.lead());
    }

    @Test
    void odataAndRdataMatchOpenPgmBytes() {
        byte[] tsdu = hex("000006006d73672030"); // libzmq offset 0, ZMTP/1.0 frame "msg 0"
        PgmPacketWriter.data(out, PgmHeader.TYPE_ODATA, SPORT, DPORT, GSI, 0, 0, tsdu, 0, tsdu.length);
        assertEquals("c39a15b304008b07b7c6d1bc038a00090000000000000000000006006d73672030", hex(out));
        byte[] three = hex("000006006d73672033");
        PgmPacketWriter.data(out, PgmHeader.TYPE_RDATA, SPORT, DPORT, GSI, 3, 0, three, 0, three.length);
        assertEquals("c39a15b305008704b7c6d1bc038a00090000000300000000000006006d73672033", hex(out));
    }

    @Test
    void nakAndNcfMatchOpenPgmBytes() {
        int[] one = {3};
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NAK, DPORT, SPORT, GSI, one, 1, SOURCE_NLA, GROUP_NLA);
        assertEquals("15b3c39a0800968fb7c6d1bc038a000000000003000100000a4d000100010000efc00101", hex(out));
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NCF, SPORT, DPORT, GSI, one, 1, SOURCE_NLA, GROUP_NLA);
        assertEquals("c39a15b30a00948fb7c6d1bc038a000000000003000100000a4d000100010000efc00101", hex(out));
    }

    @Test
    void nakListMatchesOpenPgmBytes() {
        int[] two = {18, 19};
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NAK, DPORT, SPORT, GSI, two, 2, SOURCE_NLA, GROUP_NLA);
        assertEquals("15b3c39a08031452b7c6d1bc038a000000000012000100000a4d000100010000efc00101"
                + "0004000c8208000000000013", hex(out));
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NCF, SPORT, DPORT, GSI, two, 2, SOURCE_NLA, GROUP_NLA);
        assertEquals("c39a15b30a031252b7c6d1bc038a000000000012000100000a4d000100010000efc00101"
                + "0004000c8208000000000013", hex(out));
    }

    @Test
    void fullNakListRoundTrips() {
        int[] sqns = new int[63];
        for (int i = 0; i < sqns.length; i++) {
            sqns[i] = -30 + i; // across the 2^32 wrap
        }
        PgmPacketWriter.nak(out, PgmHeader.TYPE_NAK, DPORT, SPORT, GSI, sqns, 63, SOURCE_NLA, GROUP_NLA);
        assertEquals(PgmHeader.NAK_LENGTH + 4 + 4 + 4 * 62, out.remaining());
        assertEquals(PgmPacket.Verdict.OK, p.parse(out));
        assertEquals(PgmHeader.TYPE_NAK, p.type());
        assertEquals(-30, p.sqn());
        assertEquals(62, p.nakListLength());
        for (int i = 0; i < 62; i++) {
            assertEquals(sqns[i + 1], p.nakListSqn(i));
        }
        assertEquals(SOURCE_NLA, p.nla());
        assertEquals(GROUP_NLA, p.groupNla());
        assertEquals(DPORT, p.sourcePort());
        assertEquals(SPORT, p.destinationPort());
        assertEquals(GSI, p.gsi());
    }

    @Test
    void spmrRoundTrips() {
        PgmPacketWriter.spmr(out, DPORT, SPORT, GSI);
        assertEquals(PgmHeader.HEADER_LENGTH, out.remaining());
        assertEquals(PgmPacket.Verdict.OK, p.parse(out));
        assertEquals(PgmHeader.TYPE_SPMR, p.type());
        assertEquals(GSI, p.gsi());
        assertEquals(SPORT, p.destinationPort());
    }

    @Test
    void dataRoundTripsAtEveryFieldExtreme() {
        byte[] tsdu = new byte[1428];
        for (int i = 0; i < tsdu.length; i++) {
            tsdu[i] = (byte) (i * 7);
        }
        PgmPacketWriter.data(out, PgmHeader.TYPE_ODATA, 0xFFFF, 0, 0xFFFF_FFFF_FFFFL, -1, -2, tsdu, 0, tsdu.length);
        assertEquals(PgmPacket.Verdict.OK, p.parse(out));
        assertEquals(0xFFFF, p.sourcePort());
        assertEquals(0, p.destinationPort());
        assertEquals(0xFFFF_FFFF_FFFFL, p.gsi());
        assertEquals(-1, p.sqn());
        assertEquals(-2, p.trail());
        assertEquals(1428, p.payloadLength());
        byte[] back = new byte[p.payloadLength()];
        out.get(p.payloadIndex(), back);
        assertArrayEquals(tsdu, back);
        assertEquals(0, out.position(), "parse leaves the position");
    }

    @Test
    void parsesAtANonZeroPositionAndInADirectBuffer() {
        byte[] tsdu = "hello".getBytes(StandardCharsets.US_ASCII);
        PgmPacketWriter.data(out, PgmHeader.TYPE_ODATA, SPORT, DPORT, GSI, 7, 1, tsdu, 0, tsdu.length);
        byte[] packet = PgmTestSupport.copy(out);
        ByteBuffer direct = ByteBuffer.allocateDirect(packet.length + 10);
        direct.position(10);
        direct.put(packet).flip().position(10);
        assertEquals(PgmPacket.Verdict.OK, p.parse(direct));
        assertEquals(7, p.sqn());
        assertEquals(10 + PgmHeader.DATA_HEADER_LENGTH, p.payloadIndex());
    }

    @Test
    void optFragmentAndUnknownOptionsAreDecodedAndSkipped() {
        // ODATA with OPT_LENGTH, an unknown option (0x21, 6 bytes), OPT_FRAGMENT as the last
        ByteBuffer b = ByteBuffer.allocate(64);
        int optTotal = 4 + 6 + 16;
        int tsdu = 3;
        b.putShort((short) SPORT).putShort((short) DPORT).put((byte) PgmHeader.TYPE_ODATA)
                .put((byte) PgmHeader.FLAG_OPT_PRESENT).putShort((short) 0)
                .putShort((short) (GSI >>> 32)).putInt((int) GSI).putShort((short) tsdu)
                .putInt(5).putInt(1)
                .put((byte) 0).put((byte) 4).putShort((short) optTotal)
                .put((byte) 0x21).put((byte) 6).putInt(0xdeadbeef)
                .put((byte) (PgmHeader.OPT_FRAGMENT | PgmHeader.OPT_END)).put((byte) 16).putShort((short) 0)
                .putInt(4).putInt(1000).putInt(4000)
                .put((byte) 'a').put((byte) 'b').put((byte) 'c').flip();
        b.putShort(6, (short) PgmChecksum.compute(b, 0, b.limit()));
        assertEquals(PgmPacket.Verdict.OK, p.parse(b));
        assertTrue(p.hasFragment());
        assertEquals(4, p.fragmentFirstSqn());
        assertEquals(1000, p.fragmentOffset());
        assertEquals(4000, p.fragmentApduLength());
        assertEquals(PgmHeader.DATA_HEADER_LENGTH + optTotal, p.payloadIndex());
        assertEquals(3, p.payloadLength());
        assertFalse(p.hasFin());
    }

    @Test
    void checksumZeroIsOptionalForSpmButMandatoryForData() {
        PgmPacketWriter.spm(out, SPORT, DPORT, GSI, 1, 0, -1, SOURCE_NLA, false);
        out.putShort(6, (short) 0);
        assertEquals(PgmPacket.Verdict.OK, p.parse(out));
        byte[] tsdu = {1};
        PgmPacketWriter.data(out, PgmHeader.TYPE_ODATA, SPORT, DPORT, GSI, 1, 0, tsdu, 0, 1);
        out.putShort(6, (short) 0);
        assertEquals(PgmPacket.Verdict.MISSING_CHECKSUM, p.parse(out));
    }

    @Test
    void checksumOfZeroSumIsSentAsAllOnes() {
        // A packet whose words sum to 0xFFFF folds to 0 and must go out as 0xFFFF (OpenPGM).
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putShort(0, (short) 0xFFFF);
        assertEquals(0xFFFF, PgmChecksum.compute(b, 0, 16));
        b.putShort(6, (short) 0xFFFF);
        assertTrue(PgmChecksum.verify(b, 0, 16));
        b.putShort(0, (short) 0x1234);
        assertEquals(0xEDCB, PgmChecksum.compute(b, 0, 16));
    }

    @Test
    void oddLengthChecksumPadsTheLastByte() {
        ByteBuffer b = buf("c39a15b304008b07b7c6d1bc038a00090000000000000000000006006d73672030");
        assertEquals(0x8b07, PgmChecksum.compute(b, 0, b.remaining()));
        assertEquals(33, b.remaining());
    }
}
