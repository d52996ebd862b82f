package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The 64-byte ZMTP 3.x greeting: layout constants and the encoder for ours. The peer's is
 * read by {@link GreetingDecoder}.
 *
 * <p>Implements RFC 37 (ZMTP 3.1) "Formal Grammar" ({@code greeting}) and "Version
 * Negotiation". We always send the whole greeting at once (RFC 37's second strategy), with
 * zero padding, version 3.1 and the as-server flag the mechanism asks for.
 *
 * <pre>
 *  offset  0    1 .. 8    9     10     11     12 ............ 31   32      33 ......... 63
 *        +----+---------+----+------+------+-------------------+------+---------------+
 *        | FF | padding | 7F | 0x03 | 0x01 | mechanism, 20 B,  | as-  | filler,       |
 *        |    | 8 bytes |    | major| minor| ASCII, NUL-padded | server| 31 x 00      |
 *        +----+---------+----+------+------+-------------------+------+---------------+
 *        |<--- signature (10 bytes) --->|
 * </pre>
 *
 * The padding is not significant (libzmq puts its old identity length + 1 in byte 8); only
 * bit 0 of byte 9 tells ZMTP 3 from a ZMTP 1.0 peer. Stateless; any thread.
 */
public final class Greeting {
    /** Size of the whole greeting. */
    public static final int SIZE = 64;
    /** Bytes a peer must see to detect our version: signature and major version. */
    public static final int VERSION_DETECT_SIZE = 11;
    /** Offset of the major version byte. */
    static final int MAJOR_OFFSET = 10;
    /** Offset of the minor version byte. */
    static final int MINOR_OFFSET = 11;
    /** Offset of the mechanism name. */
    static final int MECHANISM_OFFSET = 12;
    /** Length of the mechanism field. */
    public static final int MECHANISM_SIZE = 20;
    /** Offset of the as-server byte. */
    static final int AS_SERVER_OFFSET = 32;
    /** The major version we speak. */
    public static final int MAJOR = 3;
    /** The minor version we speak (3.1). */
    public static final int MINOR = 1;

    private Greeting() {
    }

    /**
     * Writes our greeting into {@code out} (64 bytes).
     *
     * @param mechanism the mechanism name, e.g. "NULL": 1 to 20 characters from RFC 37's set
     * @param asServer  whether we play the server role of the mechanism
     * @throws IllegalArgumentException if the mechanism name is not valid
     */
    public static void encode(ByteBuf out, String mechanism, boolean asServer) {
        if (!isValidMechanismName(mechanism)) {
            throw new IllegalArgumentException("invalid ZMTP mechanism name: " + mechanism);
        }
        out.ensureWritable(SIZE);
        out.writeByte(0xFF);
        out.writeZero(8);
        out.writeByte(0x7F);
        out.writeByte(MAJOR);
        out.writeByte(MINOR);
        out.writeBytes(mechanism.getBytes(StandardCharsets.US_ASCII));
        out.writeZero(MECHANISM_SIZE - mechanism.length());
        out.writeByte(asServer ? 1 : 0);
        out.writeZero(SIZE - AS_SERVER_OFFSET - 1);
    }

    /** Whether {@code name} can travel in a greeting: 1-20 of "A"-"Z", digits, "-_.+". */
    public static boolean isValidMechanismName(String name) {
        if (name == null || name.isEmpty() || name.length() > MECHANISM_SIZE) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isMechanismChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isMechanismChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '+';
    }
}
