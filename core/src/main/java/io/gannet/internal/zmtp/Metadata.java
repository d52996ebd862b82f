package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connection metadata: the properties a peer announces after the security handshake
 * (RFC 37 "Connection Metadata"), e.g. {@code Socket-Type}, {@code Identity}, {@code X-*}
 * user properties and ZAP metadata. Names are case-insensitive; values are opaque bytes.
 * Also the wire form shared by NULL's READY and the PLAIN and CURVE commands that carry
 * metadata (RFC 37 "The NULL Security Mechanism", {@code metadata}):
 *
 * <pre>
 *  property, repeated until the end of the command:
 *  +-------------+-----------------+-----------------------+------------------+
 *  | name length | name, 1-255 B   | value length, 4 bytes | value, 0..2^31-1 |
 *  | 1 byte      | ASCII           | big-endian unsigned   | bytes, opaque    |
 *  +-------------+-----------------+-----------------------+------------------+
 * </pre>
 *
 * Immutable and safe to share between threads; keeps the order properties were given in.
 * A handful of properties per connection, so lookups are linear scans.
 */
public final class Metadata {
    /** The sender's socket type, e.g. "DEALER". */
    public static final String SOCKET_TYPE = "Socket-Type";
    /** The sender's routing id (0-255 bytes). */
    public static final String IDENTITY = "Identity";
    /** The resource asked for (RFC 37), accepted and kept but not interpreted. */
    public static final String RESOURCE = "Resource";
    /** No properties. */
    public static final Metadata EMPTY = new Metadata(new String[0], new byte[0][]);

    private final String[] names;
    private final byte[][] values;

    private Metadata(String[] names, byte[][] values) {
        this.names = names;
        this.values = values;
    }

    /** A builder for our own properties. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of properties. */
    public int size() {
        return names.length;
    }

    /** Whether a property of this name (any case) is present. */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** A copy of the value of the named property (any case), or null if absent. */
    public byte[] get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i].clone();
    }

    /** The named property decoded as UTF-8, or null if absent. */
    public String getString(String name) {
        int i = indexOf(name);
        return i < 0 ? null : new String(values[i], StandardCharsets.UTF_8);
    }

    /** The properties as an unmodifiable map in wire order, names as received (values copied). */
    public Map<String, byte[]> toMap() {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i].clone());
        }
        return Collections.unmodifiableMap(map);
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes {@link #writeTo} writes. */
    public int encodedSize() {
        int size = 0;
        for (int i = 0; i < names.length; i++) {
            size += 1 + names[i].length() + 4 + values[i].length;
        }
        return size;
    }

    /** Writes the properties in wire form. */
    public void writeTo(ByteBuf out) {
        for (int i = 0; i < names.length; i++) {
            out.writeByte(names[i].length());
            out.writeCharSequence(names[i], StandardCharsets.US_ASCII);
            out.writeInt(values[i].length);
            out.writeBytes(values[i]);
        }
    }

    /**
     * Parses properties from {@code length} bytes of {@code buf} at absolute {@code index},
     * bounding every length by the bytes present. Unknown names are kept; names are read as
     * Latin-1 so no byte is lost; a repeated name keeps its last value.
     *
     * @param onMalformed the error to report (e.g. {@link ProtocolError#MALFORMED_READY})
     * @throws ZmtpViolation if a length runs past the end or a name is empty
     */
    public static Metadata parse(ByteBuf buf, int index, int length, ProtocolError onMalformed) throws ZmtpViolation {
        Builder b = new Builder();
        int pos = index;
        int end = index + length;
        while (pos < end) {
            int nameLength = buf.getUnsignedByte(pos++);
            if (nameLength == 0) {
                throw new ZmtpViolation(onMalformed, "metadata property with an empty name");
            }
            if (nameLength > end - pos) {
                throw new ZmtpViolation(onMalformed, "metadata name of " + nameLength
                        + " bytes runs past the end of the command (" + (end - pos) + " left)");
            }
            String name = buf.toString(pos, nameLength, StandardCharsets.ISO_8859_1);
            pos += nameLength;
            if (end - pos < 4) {
                throw new ZmtpViolation(onMalformed, "metadata property " + name + " has a truncated value length");
            }
            long valueLength = buf.getUnsignedInt(pos);
            pos += 4;
            if (valueLength > end - pos) {
                throw new ZmtpViolation(onMalformed, "metadata property " + name + " claims " + valueLength
                        + " value bytes, " + (end - pos) + " left in the command");
            }
            byte[] value = new byte[(int) valueLength];
            buf.getBytes(pos, value);
            pos += value.length;
            b.putUnchecked(name, value);
        }
        return b.build();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i].length).append(" bytes");
        }
        return sb.append('}').toString();
    }

    /** Collects properties; a name given twice (any case) keeps the last value. Not thread-safe. */
    public static final class Builder {
        private String[] names = new String[4];
        private byte[][] values = new byte[4][];
        private int size;

        private Builder() {
        }

        /**
         * Adds a property.
         *
         * @throws IllegalArgumentException if the name is not 1-255 of RFC 37's name
         *                                  characters (letters, digits, "-_.+")
         */
        public Builder put(String name, byte[] value) {
            if (!isValidName(name)) {
                throw new IllegalArgumentException("invalid metadata property name: " + name);
            }
            return putUnchecked(name, value.clone());
        }

        /** Adds a property with a UTF-8 value. */
        public Builder put(String name, String value) {
            return put(name, value.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds every property of {@code other}. */
        public Builder putAll(Metadata other) {
            for (int i = 0; i < other.names.length; i++) {
                putUnchecked(other.names[i], other.values[i]);
            }
            return this;
        }

        Builder putUnchecked(String name, byte[] value) {
            for (int i = 0; i < size; i++) {
                if (names[i].equalsIgnoreCase(name)) {
                    names[i] = name;
                    values[i] = value;
                    return this;
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size++] = value;
            return this;
        }

        /** The immutable metadata. */
        public Metadata build() {
            return size == 0 ? EMPTY : new Metadata(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
        }
    }

    /** Whether {@code name} is 1-255 of RFC 37's name characters. */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '+';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
