package io.gannet.transports.pgm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.protocol.PgmTestSupport.Captured;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every packet libzmq 4.3.4 + OpenPGM put on the wire in the network-namespace capture
 * (SPM, ODATA, RDATA, NAK, NCF, with OPT_NAK_LIST and OPT_FIN) parses, and each field equals
 * what the independent annotation (tshark-style decoder of the capture) says it is.
 */
class OpenPgmCaptureTest {
    private static final Pattern HEADER = Pattern.compile(
            "# (\\w+) sent .*pgm sport (\\d+) dport (\\d+) options 0x(\\p{XDigit}+) checksum 0x(\\p{XDigit}+) "
                    + "\\(valid\\) gsi (\\p{XDigit}{12}) tsdu (\\d+); (.*)");
    private static final Pattern SQN = Pattern.compile("(?:spm_)?sqn (\\d+)");
    private static final Pattern TRAIL = Pattern.compile("trail (\\d+)");
    private static final Pattern LEAD = Pattern.compile("lead (\\d+)");
    private static final Pattern LIST = Pattern.compile("OPT_NAK_LIST\\[([\\d, ]+)]");
    private static final Map<String, Integer> TYPES = Map.of("SPM", PgmHeader.TYPE_SPM, "ODATA",
            PgmHeader.TYPE_ODATA, "RDATA", PgmHeader.TYPE_RDATA, "NAK", PgmHeader.TYPE_NAK, "NCF",
            PgmHeader.TYPE_NCF);

    @Test
    void everyCapturedPacketParsesToItsAnnotatedFields() throws IOException {
        List<Captured> captures = PgmTestSupport.captures();
        assertTrue(captures.size() >= 50, "captures present: " + captures.size());
        PgmPacket p = new PgmPacket();
        Map<Integer, Integer> seen = new HashMap<>();
        for (Captured c : captures) {
            Matcher m = HEADER.matcher(c.annotation());
            assertTrue(m.matches(), c.annotation());
            ByteBuffer b = ByteBuffer.wrap(c.bytes());
            assertEquals(PgmPacket.Verdict.OK, p.parse(b), c.annotation());
            int type = TYPES.get(m.group(1));
            seen.merge(type, 1, Integer::sum);
            assertEquals(type, p.type(), c.annotation());
            assertEquals(Integer.parseInt(m.group(2)), p.sourcePort());
            assertEquals(Integer.parseInt(m.group(3)), p.destinationPort());
            assertEquals(Integer.parseInt(m.group(4), 16), p.flags());
            assertEquals(Integer.parseInt(m.group(5), 16), p.checksum());
            assertEquals(Long.parseLong(m.group(6), 16), p.gsi());
            assertEquals(Integer.parseInt(m.group(7)), p.tsduLength());
            String body = m.group(8);
            Matcher sqn = SQN.matcher(body);
            assertTrue(sqn.find(), body);
            assertEquals(Long.parseLong(sqn.group(1)), Sqn.unsigned(p.sqn()), body);
            Matcher trail = TRAIL.matcher(body);
            if (trail.find()) {
                assertEquals(Long.parseLong(trail.group(1)), Sqn.unsigned(p.trail()), body);
            }
            Matcher lead = LEAD.matcher(body);
            if (lead.find()) {
                assertEquals(Long.parseLong(lead.group(1)), Sqn.unsigned(p.lead()), body);
            }
            if (body.contains("nla 10.77.0.1")) {
                assertEquals(0x0a4d0001, p.nla(), body);
            }
            if (body.contains("group nla 239.192.1.1")) {
                assertEquals(0xefc00101, p.groupNla(), body);
            }
            Matcher list = LIST.matcher(body);
            if (list.find()) {
                String[] items = list.group(1).split(",\\s*");
                assertEquals(items.length, p.nakListLength(), body);
                for (int i = 0; i < items.length; i++) {
                    assertEquals(Long.parseLong(items[i].strip()), Sqn.unsigned(p.nakListSqn(i)));
                }
            } else {
                assertEquals(0, p.nakListLength(), body);
            }
            assertEquals(body.contains("OPT_FIN"), p.hasFin(), body);
            if (type == PgmHeader.TYPE_ODATA || type == PgmHeader.TYPE_RDATA) {
                assertEquals(p.tsduLength(), p.payloadLength());
                assertEquals(c.bytes().length, p.payloadIndex() + p.payloadLength());
            }
        }
        for (int type : TYPES.values()) {
            assertTrue(seen.getOrDefault(type, 0) > 0, "capture has a " + PgmHeader.typeName(type));
        }
    }

    @Test
    void capturedPacketsReEncodeToTheSameBytes() throws IOException {
        PgmPacket p = new PgmPacket();
        ByteBuffer out = ByteBuffer.allocate(1500);
        int reEncoded = 0;
        for (Captured c : PgmTestSupport.captures()) {
            ByteBuffer b = ByteBuffer.wrap(c.bytes());
            assertEquals(PgmPacket.Verdict.OK, p.parse(b));
            switch (p.type()) {
                case PgmHeader.TYPE_ODATA, PgmHeader.TYPE_RDATA -> PgmPacketWriter.data(out, p.type(), p.sourcePort(),
                        p.destinationPort(), p.gsi(), p.sqn(), p.trail(), c.bytes(), p.payloadIndex(), p.payloadLength());
                case PgmHeader.TYPE_SPM -> PgmPacketWriter.spm(out, p.sourcePort(), p.destinationPort(), p.gsi(),
                        p.sqn(), p.trail(), p.lead(), p.nla(), p.hasFin());
                default -> {
                    int[] sqns = new int[1 + p.nakListLength()];
                    sqns[0] = p.sqn();
                    for (int i = 0; i < p.nakListLength(); i++) {
                        sqns[i + 1] = p.nakListSqn(i);
                    }
                    PgmPacketWriter.nak(out, p.type(), p.sourcePort(), p.destinationPort(), p.gsi(), sqns,
                            sqns.length, p.nla(), p.groupNla());
                }
            }
            assertEquals(PgmTestSupport.hex(ByteBuffer.wrap(c.bytes())), PgmTestSupport.hex(out), c.annotation());
            reEncoded++;
        }
        assertTrue(reEncoded >= 50);
    }
}
