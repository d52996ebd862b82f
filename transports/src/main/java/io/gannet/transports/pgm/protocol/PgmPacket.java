package io.gannet.transports.pgm.protocol;

import java.nio.ByteBuffer;

import static io.gannet.transports.pgm.protocol.PgmHeader.AFI_IP;
import static io.gannet.transports.pgm.protocol.PgmHeader.DATA_HEADER_LENGTH;
import static io.gannet.transports.pgm.protocol.PgmHeader.FLAG_OPT_PRESENT;
import static io.gannet.transports.pgm.protocol.PgmHeader.HEADER_LENGTH;
import static io.gannet.transports.pgm.protocol.PgmHeader.MAX_NAK_LIST;
import static io.gannet.transports.pgm.protocol.PgmHeader.NAK_LENGTH;
import static io.gannet.transports.pgm.protocol.PgmHeader.SPM_LENGTH;

/**
 * A reusable, allocation-free view of one parsed PGM packet (layout in {@link PgmHeader}).
 * {@link #parse} checks everything a receiver must before trusting a field: length, checksum,
 * type, NLA family, the options chain (each option inside the chain, OPT_LENGTH first, at most
 * 16 options, the end bit present) and, for data, that the TSDU length matches the bytes.
 * After a {@link Verdict#OK} the getters describe the packet; the payload stays in the
 * caller's buffer. Not thread-safe: one per driving thread.
 */
public final class PgmPacket {

    /** The outcome of {@link #parse}. */
    public enum Verdict {
        /** A well-formed packet. */
        OK,
        /** Shorter than its type needs. */
        TOO_SHORT,
        /** The checksum does not match. */
        BAD_CHECKSUM,
        /** ODATA or RDATA without a checksum (OpenPGM requires one). */
        MISSING_CHECKSUM,
        /** Not a packet type RFC 3208 defines. */
        UNKNOWN_TYPE,
        /** An NLA that is not IPv4. */
        BAD_NLA,
        /** A malformed options chain. */
        BAD_OPTIONS,
        /** The TSDU length field does not match the data. */
        BAD_LENGTH
    }

    private static final int MAX_OPTIONS = 16;

    private int sourcePort;
    private int destinationPort;
    private int type;
    private int flags;
    private int checksum;
    private long gsi;
    private int tsduLength;
    private int sqn;
    private int trail;
    private int lead;
    private int nla;
    private int groupNla;
    private final int[] nakList = new int[MAX_NAK_LIST];
    private int nakListLength;
    private boolean fragment;
    private int fragmentFirstSqn;
    private int fragmentOffset;
    private int fragmentLength;
    private boolean fin;
    private boolean syn;
    private int payloadIndex;
    private int payloadLength;

    /**
     * Parses the packet between the buffer's position and limit (neither is changed).
     *
     * @param buf the packet, PGM header first
     * @return {@link Verdict#OK} or why the packet must be dropped
     */
    public Verdict parse(ByteBuffer buf) {
        reset();
        int from = buf.position();
        int length = buf.remaining();
        if (length < HEADER_LENGTH) {
            return Verdict.TOO_SHORT;
        }
        sourcePort = buf.getShort(from) & 0xFFFF;
        destinationPort = buf.getShort(from + 2) & 0xFFFF;
        type = buf.get(from + 4) & 0xFF;
        flags = buf.get(from + 5) & 0xFF;
        checksum = buf.getShort(from + 6) & 0xFFFF;
        gsi = ((long) (buf.getShort(from + 8) & 0xFFFF) << 32) | (buf.getInt(from + 10) & 0xFFFF_FFFFL);
        tsduLength = buf.getShort(from + 14) & 0xFFFF;
        if (!PgmHeader.isKnownType(type)) {
            return Verdict.UNKNOWN_TYPE;
        }
        boolean isData = type == PgmHeader.TYPE_ODATA || type == PgmHeader.TYPE_RDATA;
        if (checksum == 0 && isData) {
            return Verdict.MISSING_CHECKSUM;
        }
        if (checksum != 0 && checksum != PgmChecksum.compute(buf, from, length)) {
            return Verdict.BAD_CHECKSUM;
        }
        int end = from + length;
        return switch (type) {
            case PgmHeader.TYPE_ODATA, PgmHeader.TYPE_RDATA -> parseData(buf, from, end);
            case PgmHeader.TYPE_SPM -> parseSpm(buf, from, end);
            case PgmHeader.TYPE_NAK, PgmHeader.TYPE_NNAK, PgmHeader.TYPE_NCF -> parseNak(buf, from, end);
            case PgmHeader.TYPE_SPMR -> parseOptions(buf, from + HEADER_LENGTH, end);
            default -> Verdict.OK; // POLL, POLR, ACK: known, unused; the header is enough
        };
    }

    private Verdict parseData(ByteBuffer buf, int from, int end) {
        if (end - from < DATA_HEADER_LENGTH) {
            return Verdict.TOO_SHORT;
        }
        sqn = buf.getInt(from + 16);
        trail = buf.getInt(from + 20);
        Verdict v = parseOptions(buf, from + DATA_HEADER_LENGTH, end);
        if (v != Verdict.OK) {
            return v;
        }
        if (end - payloadIndex != tsduLength) {
            return Verdict.BAD_LENGTH;
        }
        payloadLength = tsduLength;
        return Verdict.OK;
    }

    private Verdict parseSpm(ByteBuffer buf, int from, int end) {
        if (end - from < HEADER_LENGTH + 14) {
            return Verdict.TOO_SHORT;
        }
        sqn = buf.getInt(from + 16);
        trail = buf.getInt(from + 20);
        lead = buf.getInt(from + 24);
        if ((buf.getShort(from + 28) & 0xFFFF) != AFI_IP) {
            return Verdict.BAD_NLA;
        }
        if (end - from < SPM_LENGTH) {
            return Verdict.TOO_SHORT;
        }
        nla = buf.getInt(from + 32);
        return parseOptions(buf, from + SPM_LENGTH, end);
    }

    private Verdict parseNak(ByteBuffer buf, int from, int end) {
        if (end - from < HEADER_LENGTH + 6) {
            return Verdict.TOO_SHORT;
        }
        sqn = buf.getInt(from + 16);
        if ((buf.getShort(from + 20) & 0xFFFF) != AFI_IP) {
            return Verdict.BAD_NLA;
        }
        if (end - from < HEADER_LENGTH + 14) {
            return Verdict.TOO_SHORT;
        }
        nla = buf.getInt(from + 24);
        if ((buf.getShort(from + 28) & 0xFFFF) != AFI_IP) {
            return Verdict.BAD_NLA;
        }
        if (end - from < NAK_LENGTH) {
            return Verdict.TOO_SHORT;
        }
        groupNla = buf.getInt(from + 32);
        return parseOptions(buf, from + NAK_LENGTH, end);
    }

    /** Walks the options chain at {@code at} (if the header says there is one); sets payloadIndex. */
    private Verdict parseOptions(ByteBuffer buf, int at, int end) {
        if ((flags & FLAG_OPT_PRESENT) == 0) {
            payloadIndex = at;
            return Verdict.OK;
        }
        if (end - at < 4) {
            return Verdict.BAD_OPTIONS;
        }
        if ((buf.get(at) & PgmHeader.OPT_MASK) != PgmHeader.OPT_LENGTH || (buf.get(at + 1) & 0xFF) != 4) {
            return Verdict.BAD_OPTIONS;
        }
        int total = buf.getShort(at + 2) & 0xFFFF;
        int optEnd = at + total;
        if (total < 4 || optEnd > end) {
            return Verdict.BAD_OPTIONS;
        }
        int pos = at + 4;
        if (pos == optEnd) {
            payloadIndex = optEnd; // OPT_LENGTH alone: an empty chain
            return Verdict.OK;
        }
        for (int count = 0; ; count++) {
            if (count == MAX_OPTIONS || optEnd - pos < 3) {
                return Verdict.BAD_OPTIONS;
            }
            int optType = buf.get(pos) & 0xFF;
            int optLength = buf.get(pos + 1) & 0xFF;
            if (optLength < 3 || pos + optLength > optEnd) {
                return Verdict.BAD_OPTIONS;
            }
            Verdict v = option(buf, optType & PgmHeader.OPT_MASK, pos, optLength);
            if (v != Verdict.OK) {
                return v;
            }
            pos += optLength;
            if ((optType & PgmHeader.OPT_END) != 0) {
                break;
            }
        }
        payloadIndex = optEnd;
        return Verdict.OK;
    }

    private Verdict option(ByteBuffer buf, int optType, int pos, int optLength) {
        switch (optType) {
            case PgmHeader.OPT_NAK_LIST -> {
                int n = (optLength - 4) / 4;
                if (optLength < 8 || (optLength - 4) % 4 != 0 || n > MAX_NAK_LIST) {
                    return Verdict.BAD_OPTIONS;
                }
                for (int i = 0; i < n; i++) {
                    nakList[i] = buf.getInt(pos + 4 + 4 * i);
                }
                nakListLength = n;
            }
            case PgmHeader.OPT_FRAGMENT -> {
                if (optLength != 16) {
                    return Verdict.BAD_OPTIONS;
                }
                fragment = true;
                fragmentFirstSqn = buf.getInt(pos + 4);
                fragmentOffset = buf.getInt(pos + 8);
                fragmentLength = buf.getInt(pos + 12);
            }
            case PgmHeader.OPT_FIN -> fin = true;
            case PgmHeader.OPT_SYN -> syn = true;
            case PgmHeader.OPT_LENGTH -> {
                return Verdict.BAD_OPTIONS; // only ever first
            }
            default -> {
                // an option we do not use: skipped by its length, as RFC 3208 9.x allows
            }
        }
        return Verdict.OK;
    }

    private void reset() {
        sourcePort = destinationPort = type = flags = checksum = tsduLength = 0;
        gsi = 0;
        sqn = trail = lead = nla = groupNla = 0;
        nakListLength = 0;
        fragment = fin = syn = false;
        fragmentFirstSqn = fragmentOffset = fragmentLength = 0;
        payloadIndex = payloadLength = 0;
    }

    /** @return the header's source port (a TSI port downstream, the data port upstream) */
    public int sourcePort() {
        return sourcePort;
    }

    /** @return the header's destination port */
    public int destinationPort() {
        return destinationPort;
    }

    /** @return the packet type ({@code PgmHeader.TYPE_*}) */
    public int type() {
        return type;
    }

    /** @return the options byte of the header */
    public int flags() {
        return flags;
    }

    /** @return the checksum field (0 = none sent) */
    public int checksum() {
        return checksum;
    }

    /** @return the GSI in the low 48 bits */
    public long gsi() {
        return gsi;
    }

    /** @return the TSDU length field */
    public int tsduLength() {
        return tsduLength;
    }

    /** @return the data sqn, the SPM's spm_sqn, or the NAK/NCF's first requested sqn */
    public int sqn() {
        return sqn;
    }

    /** @return the trailing edge (ODATA, RDATA, SPM) */
    public int trail() {
        return trail;
    }

    /** @return the leading edge (SPM) */
    public int lead() {
        return lead;
    }

    /** @return the SPM path NLA or the NAK/NCF source NLA, an IPv4 address as an int */
    public int nla() {
        return nla;
    }

    /** @return the NAK/NCF multicast group NLA, an IPv4 address as an int */
    public int groupNla() {
        return groupNla;
    }

    /** @return how many sequence numbers OPT_NAK_LIST carried (0 without one) */
    public int nakListLength() {
        return nakListLength;
    }

    /**
     * @param i index below {@link #nakListLength()}
     * @return the i-th sequence number of OPT_NAK_LIST
     */
    public int nakListSqn(int i) {
        if (i < 0 || i >= nakListLength) {
            throw new IndexOutOfBoundsException(i);
        }
        return nakList[i];
    }

    /** @return whether OPT_FRAGMENT was present */
    public boolean hasFragment() {
        return fragment;
    }

    /** @return OPT_FRAGMENT's first sqn of the APDU */
    public int fragmentFirstSqn() {
        return fragmentFirstSqn;
    }

    /** @return OPT_FRAGMENT's offset of this fragment in the APDU */
    public int fragmentOffset() {
        return fragmentOffset;
    }

    /** @return OPT_FRAGMENT's APDU length */
    public int fragmentApduLength() {
        return fragmentLength;
    }

    /** @return whether OPT_FIN was present (the source is closing) */
    public boolean hasFin() {
        return fin;
    }

    /** @return whether OPT_SYN was present */
    public boolean hasSyn() {
        return syn;
    }

    /** @return absolute index of the TSDU in the parsed buffer (data packets) */
    public int payloadIndex() {
        return payloadIndex;
    }

    /** @return TSDU length in bytes (data packets) */
    public int payloadLength() {
        return payloadLength;
    }
}
