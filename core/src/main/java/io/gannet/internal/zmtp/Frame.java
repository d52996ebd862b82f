package io.gannet.internal.zmtp;

/**
 * The ZMTP 3.x frame header: flag bits and size limits shared by {@link FrameEncoder} and
 * {@link FrameDecoder}. Implements RFC 37 "Framing" (and RFC 23, identical here).
 *
 * <pre>
 *  short frame (body 0..255 bytes)        long frame (body 0..2^63-1 bytes)
 *  +-------+------+-----------+           +-------+--------------------------+-----------+
 *  | flags | size | body      |           | flags | size, 8 bytes big-endian | body      |
 *  | 1 B   | 1 B  | size B    |           | 1 B   | (unsigned 64-bit)        | size B    |
 *  +-------+------+-----------+           +-------+--------------------------+-----------+
 *
 *  flags:  bit 7..3   bit 2     bit 1   bit 0
 *          reserved   COMMAND   LONG    MORE
 * </pre>
 *
 * Reserved bits are ignored on input (libzmq does) and zero on output. Long sizes below 256
 * are accepted (libzmq sends them in some paths); we write the short form up to 255. A
 * command frame never has MORE set. Constants only.
 */
public final class Frame {
    /** Bit 0: more frames of this message follow. */
    public static final int MORE = 0x01;
    /** Bit 1: the size is 8 bytes. */
    public static final int LONG = 0x02;
    /** Bit 2: the frame is a command. */
    public static final int COMMAND = 0x04;
    /** Largest body a short frame can carry. */
    public static final int MAX_SHORT_SIZE = 255;
    /** Header size of a short frame. */
    public static final int SHORT_HEADER_SIZE = 2;
    /** Header size of a long frame, the largest header. */
    public static final int LONG_HEADER_SIZE = 9;
    /**
     * Largest body Gannet can hold: one Netty buffer is indexed by an int. Larger frames are
     * refused with {@link ProtocolError#FRAME_SIZE_UNSUPPORTED}.
     */
    public static final long MAX_BODY_SIZE = Integer.MAX_VALUE;

    private Frame() {
    }
}
