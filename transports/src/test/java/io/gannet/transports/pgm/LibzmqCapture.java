package io.gannet.transports.pgm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TSDUs of a real libzmq 4.3.4 + OpenPGM publisher, from the packet capture in the test
 * resources ({@code pgm/openpgm-libzmq-4.3.4.hex}): 30 messages "msg N", message 10 a
 * multipart [topic, part-1, part-2], message 20 one 4007-byte frame over three TSDUs, sent
 * at MULTICAST_MAXTPDU 1500 (max TSDU 1428).
 */
final class LibzmqCapture {
    static final int MAX_TSDU = 1428;
    private static final int ODATA = 0x04;
    private static final int PGM_HEADER = 16;
    private static final int ODATA_HEADER = 8;

    private LibzmqCapture() {
    }

    /** The ODATA payloads (TSDUs), by sequence number. */
    static Map<Long, byte[]> tsdus() throws IOException {
        Map<Long, byte[]> bySqn = new TreeMap<>();
        try (InputStream in = LibzmqCapture.class.getResourceAsStream("/pgm/openpgm-libzmq-4.3.4.hex")) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                byte[] p = HexFormat.of().parseHex(line.trim());
                if ((p[4] & 0xFF) != ODATA || p[5] != 0) {
                    continue;
                }
                int length = ((p[14] & 0xFF) << 8) | (p[15] & 0xFF);
                long sqn = ((p[16] & 0xFFL) << 24) | ((p[17] & 0xFF) << 16) | ((p[18] & 0xFF) << 8) | (p[19] & 0xFF);
                byte[] tsdu = new byte[length];
                System.arraycopy(p, PGM_HEADER + ODATA_HEADER, tsdu, 0, length);
                bySqn.put(sqn, tsdu);
            }
        }
        return bySqn;
    }
}
