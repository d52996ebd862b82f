package io.gannet.transports.pgm.protocol;

import java.nio.ByteBuffer;

import static io.gannet.transports.pgm.protocol.PgmHeader.AFI_IP;
import static io.gannet.transports.pgm.protocol.PgmHeader.DATA_HEADER_LENGTH;
import static io.gannet.transports.pgm.protocol.PgmHeader.FLAG_OPT_NETWORK;
import static io.gannet.transports.pgm.protocol.PgmHeader.FLAG_OPT_PRESENT;
import static io.gannet.transports.pgm.protocol.PgmHeader.HEADER_LENGTH;
import static io.gannet.transports.pgm.protocol.PgmHeader.NAK_LENGTH;
import static io.gannet.transports.pgm.protocol.PgmHeader.SPM_LENGTH;

/**
 * Writes PGM packets (layout in {@link PgmHeader}) the way OpenPGM does, into a caller-supplied
 * buffer from index 0, checksum included. Each method leaves the buffer with position 0 and
 * limit at the packet's end, ready for {@link PgmWire}. No allocation.
 */
public final class PgmPacketWriter {
    private PgmPacketWriter() {
    }

    /**
     * An ODATA or RDATA packet without options, as OpenPGM sends libzmq's whole TSDUs.
     *
     * @param out        the buffer, at least 24 + {@code length} bytes
     * @param type       {@link PgmHeader#TYPE_ODATA} or {@link PgmHeader#TYPE_RDATA}
     * @param sourcePort the TSI source port
     * @param destPort   the data-destination port
     * @param gsi        the GSI in the low 48 bits
     * @param sqn        the data sequence number
     * @param trail      the transmit window's trailing edge
     * @param data       the TSDU
     * @param offset     its first byte in {@code data}
     * @param length     its length, at most 65535
     * @return the packet length
     */
    public static int data(ByteBuffer out, int type, int sourcePort, int destPort, long gsi, int sqn, int trail,
                           byte[] data, int offset, int length) {
        header(out, sourcePort, destPort, type, 0, gsi, length);
        out.putInt(16, sqn);
        out.putInt(20, trail);
        out.put(DATA_HEADER_LENGTH, data, offset, length);
        return finish(out, DATA_HEADER_LENGTH + length);
    }

    /**
     * An SPM with the source's IPv4 path NLA; with {@code fin} it carries OPT_FIN, as OpenPGM's
     * last SPMs when a source closes.
     *
     * @param out        the buffer, at least 44 bytes
     * @param sourcePort the TSI source port
     * @param destPort   the data-destination port
     * @param gsi        the GSI
     * @param spmSqn     the SPM sequence number
     * @param trail      the transmit window's trailing edge
     * @param lead       the transmit window's leading edge
     * @param nla        the source's IPv4 address as an int
     * @param fin        whether to add OPT_FIN
     * @return the packet length
     */
    public static int spm(ByteBuffer out, int sourcePort, int destPort, long gsi, int spmSqn, int trail, int lead,
                          int nla, boolean fin) {
        header(out, sourcePort, destPort, PgmHeader.TYPE_SPM, fin ? FLAG_OPT_PRESENT : 0, gsi, 0);
        out.putInt(16, spmSqn);
        out.putInt(20, trail);
        out.putInt(24, lead);
        out.putShort(28, (short) AFI_IP);
        out.putShort(30, (short) 0);
        out.putInt(32, nla);
        int length = SPM_LENGTH;
        if (fin) {
            length = optionLength(out, length, 8);
            out.put(length, (byte) (PgmHeader.OPT_FIN | PgmHeader.OPT_END));
            out.put(length + 1, (byte) 4);
            out.putShort(length + 2, (short) 0);
            length += 4;
        }
        return finish(out, length);
    }

    /**
     * A NAK, NNAK or NCF for {@code count} sequence numbers: the first in the body, the rest
     * in OPT_NAK_LIST (then the options byte is OPT_PRESENT | OPT_NETWORK, as OpenPGM sets).
     *
     * @param out        the buffer, at least 44 + 4 * count bytes
     * @param type       {@link PgmHeader#TYPE_NAK}, {@link PgmHeader#TYPE_NNAK} or {@link PgmHeader#TYPE_NCF}
     * @param sourcePort header source port (a NAK: the data port; an NCF: the TSI port)
     * @param destPort   header destination port (a NAK: the TSI port; an NCF: the data port)
     * @param gsi        the source's GSI
     * @param sqns       the sequence numbers
     * @param count      how many, 1..63
     * @param sourceNla  the source's IPv4 NLA
     * @param groupNla   the multicast group
     * @return the packet length
     */
    public static int nak(ByteBuffer out, int type, int sourcePort, int destPort, long gsi, int[] sqns, int count,
                          int sourceNla, int groupNla) {
        if (count < 1 || count > PgmHeader.MAX_NAK_LIST + 1) {
            throw new IllegalArgumentException("a NAK names 1 to 63 sequence numbers, not " + count);
        }
        header(out, sourcePort, destPort, type, count > 1 ? FLAG_OPT_PRESENT | FLAG_OPT_NETWORK : 0, gsi, 0);
        out.putInt(16, sqns[0]);
        out.putShort(20, (short) AFI_IP);
        out.putShort(22, (short) 0);
        out.putInt(24, sourceNla);
        out.putShort(28, (short) AFI_IP);
        out.putShort(30, (short) 0);
        out.putInt(32, groupNla);
        int length = NAK_LENGTH;
        if (count > 1) {
            int listLength = 4 + 4 * (count - 1);
            length = optionLength(out, length, 4 + listLength);
            out.put(length, (byte) (PgmHeader.OPT_NAK_LIST | PgmHeader.OPT_END));
            out.put(length + 1, (byte) listLength);
            out.putShort(length + 2, (short) 0);
            for (int i = 1; i < count; i++) {
                out.putInt(length + 4 * i, sqns[i]);
            }
            length += listLength;
        }
        return finish(out, length);
    }

    /**
     * An SPM request (header only; ports swapped as for a NAK).
     *
     * @param out        the buffer, at least 16 bytes
     * @param sourcePort the data-destination port
     * @param destPort   the source's TSI port
     * @param gsi        the source's GSI
     * @return the packet length
     */
    public static int spmr(ByteBuffer out, int sourcePort, int destPort, long gsi) {
        header(out, sourcePort, destPort, PgmHeader.TYPE_SPMR, 0, gsi, 0);
        return finish(out, HEADER_LENGTH);
    }

    private static void header(ByteBuffer out, int sourcePort, int destPort, int type, int flags, long gsi,
                               int tsduLength) {
        out.clear();
        out.putShort(0, (short) sourcePort);
        out.putShort(2, (short) destPort);
        out.put(4, (byte) type);
        out.put(5, (byte) flags);
        out.putShort(6, (short) 0);
        out.putShort(8, (short) (gsi >>> 32));
        out.putInt(10, (int) gsi);
        out.putShort(14, (short) tsduLength);
    }

    /** Writes OPT_LENGTH at {@code at} for a chain of {@code total} bytes; returns where the next option goes. */
    private static int optionLength(ByteBuffer out, int at, int total) {
        out.put(at, (byte) PgmHeader.OPT_LENGTH);
        out.put(at + 1, (byte) 4);
        out.putShort(at + 2, (short) total);
        return at + 4;
    }

    private static int finish(ByteBuffer out, int length) {
        out.putShort(PgmChecksum.FIELD, (short) PgmChecksum.compute(out, 0, length));
        out.position(0).limit(length);
        return length;
    }
}
