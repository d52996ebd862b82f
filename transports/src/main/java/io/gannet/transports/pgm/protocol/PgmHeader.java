package io.gannet.transports.pgm.protocol;

/**
 * The PGM wire layout (RFC 3208 sections 8 and 9), as OpenPGM reads and writes it inside UDP
 * (no IP header: the packet starts at the PGM header). Every multi-byte field is big-endian.
 *
 * <pre>
 * PGM header (16 bytes, section 8):
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Source Port           |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Type     |    Options    |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Global Source ID (6 bytes)            ... |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | ...    Global Source ID       |           TSDU Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * ODATA / RDATA body (8.2):  sqn (4) | trail (4) | options | TSDU
 * SPM body (8.1):            spm_sqn (4) | trail (4) | lead (4) | AFI (2) | reserved (2) | path NLA (4) | options
 * NAK / N-NAK / NCF (8.3):   sqn (4) | AFI (2) | res (2) | source NLA (4) | AFI (2) | res (2) | group NLA (4) | options
 * SPMR (13.6):               options only
 *
 * Option (9): |E| type (7) | length (1) | reserved/OPX (1) | reserved/U (1) | data ...
 *   OPT_LENGTH (first, 4 bytes): type 0x00 | length 4 | total length of all options (2)
 *   OPT_NAK_LIST: 4 + 4n bytes, n &lt;= 62 sequence numbers
 *   OPT_FRAGMENT: 16 bytes: first sqn (4) | offset (4) | APDU length (4)
 *   OPT_FIN / OPT_SYN: 4 bytes
 * </pre>
 *
 * <p>In a NAK or SPMR (upstream) the ports are swapped: source port = the data-destination
 * port, destination port = the source's TSI port; the GSI is still the source's.
 */
public final class PgmHeader {
    /** Bytes in the common header. */
    public static final int HEADER_LENGTH = 16;
    /** Bytes in an ODATA/RDATA header (common header + sqn + trail). */
    public static final int DATA_HEADER_LENGTH = HEADER_LENGTH + 8;
    /** Bytes in an IPv4 SPM without options. */
    public static final int SPM_LENGTH = HEADER_LENGTH + 20;
    /** Bytes in an IPv4 NAK/NNAK/NCF without options. */
    public static final int NAK_LENGTH = HEADER_LENGTH + 20;
    /** What OpenPGM charges its rate limit per packet beyond the PGM bytes: IPv4 (20) + UDP (8). */
    public static final int IP_UDP_OVERHEAD = 28;
    /**
     * Room OpenPGM keeps in every data packet for OPT_LENGTH + OPT_FRAGMENT (4 + 3 + 13 bytes),
     * so its {@code PGM_MSS}, which libzmq uses as the TSDU size, is this much below the
     * room of an option-less ODATA.
     */
    public static final int FRAGMENT_OPTIONS_ROOM = 20;
    /** Sequence numbers one OPT_NAK_LIST carries (a NAK names one more in its body). */
    public static final int MAX_NAK_LIST = 62;

    /** Source Path Message. */
    public static final int TYPE_SPM = 0x00;
    /** Poll request (not used by libzmq's OpenPGM; ignored). */
    public static final int TYPE_POLL = 0x01;
    /** Poll response (ignored). */
    public static final int TYPE_POLR = 0x02;
    /** Original data. */
    public static final int TYPE_ODATA = 0x04;
    /** Repair data. */
    public static final int TYPE_RDATA = 0x05;
    /** Negative acknowledgement. */
    public static final int TYPE_NAK = 0x08;
    /** Null NAK (from a DLR). */
    public static final int TYPE_NNAK = 0x09;
    /** NAK confirmation. */
    public static final int TYPE_NCF = 0x0A;
    /** SPM request. */
    public static final int TYPE_SPMR = 0x0C;
    /** PGMCC ACK (ignored). */
    public static final int TYPE_ACK = 0x0D;

    /** Options flag: option extensions present. */
    public static final int FLAG_OPT_PRESENT = 0x01;
    /** Options flag: network-significant options. */
    public static final int FLAG_OPT_NETWORK = 0x02;
    /** Options flag: parity packet (FEC; not supported, such packets are dropped). */
    public static final int FLAG_OPT_PARITY = 0x80;

    /** Option type: option extension length. */
    public static final int OPT_LENGTH = 0x00;
    /** Option type: fragmentation. */
    public static final int OPT_FRAGMENT = 0x01;
    /** Option type: NAK list. */
    public static final int OPT_NAK_LIST = 0x02;
    /** Option type: session start. */
    public static final int OPT_SYN = 0x0D;
    /** Option type: session end. */
    public static final int OPT_FIN = 0x0E;
    /** Option type bit: last option. */
    public static final int OPT_END = 0x80;
    /** Mask of the option type without the end bit. */
    public static final int OPT_MASK = 0x7F;

    /** Address family indicator of an IPv4 NLA (RFC 1700). */
    public static final int AFI_IP = 1;
    /** Address family indicator of an IPv6 NLA. */
    public static final int AFI_IP6 = 2;

    private PgmHeader() {
    }

    /**
     * Whether {@code type} is one of the packet types RFC 3208 and OpenPGM define.
     *
     * @param type the type byte
     * @return true for a known type
     */
    public static boolean isKnownType(int type) {
        return switch (type) {
            case TYPE_SPM, TYPE_POLL, TYPE_POLR, TYPE_ODATA, TYPE_RDATA, TYPE_NAK, TYPE_NNAK, TYPE_NCF,
                 TYPE_SPMR, TYPE_ACK -> true;
            default -> false;
        };
    }

    /**
     * A readable name for a packet type, for logs and test messages.
     *
     * @param type the type byte
     * @return the name, or the number in hex
     */
    public static String typeName(int type) {
        return switch (type) {
            case TYPE_SPM -> "SPM";
            case TYPE_POLL -> "POLL";
            case TYPE_POLR -> "POLR";
            case TYPE_ODATA -> "ODATA";
            case TYPE_RDATA -> "RDATA";
            case TYPE_NAK -> "NAK";
            case TYPE_NNAK -> "NNAK";
            case TYPE_NCF -> "NCF";
            case TYPE_SPMR -> "SPMR";
            case TYPE_ACK -> "ACK";
            default -> "0x" + Integer.toHexString(type);
        };
    }
}
