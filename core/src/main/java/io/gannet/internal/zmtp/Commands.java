package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * The body of a command frame: a name and its data. Implements RFC 37 "Formal Grammar"
 * ({@code command-body}) and "Commands".
 *
 * <pre>
 *  +-------------+------------------------+------------------------------+
 *  | name length | name, ASCII letters    | data (rest of the body),     |
 *  | 1 byte, >=1 | (e.g. "READY")         | meaning set by the command   |
 *  +-------------+------------------------+------------------------------+
 * </pre>
 *
 * Helpers to build a body and to read a received one without allocating: name checks
 * compare bytes in place. Every length is bounded by the bytes actually present. Indexes
 * are absolute ({@code body.readerIndex()} based) and never move the body's reader index.
 * Stateless; any thread.
 */
public final class Commands {

    private Commands() {
    }

    /** The ASCII bytes of a command name, for building and matching bodies. */
    public static byte[] name(String name) {
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("command name must be 1-255 characters: " + name);
        }
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Allocates a command body holding {@code name} and room for {@code dataSize} data bytes,
     * which the caller writes next.
     */
    public static ByteBuf allocate(ByteBufAllocator alloc, byte[] name, int dataSize) {
        ByteBuf body = alloc.buffer(1 + name.length + dataSize);
        body.writeByte(name.length);
        body.writeBytes(name);
        return body;
    }

    /**
     * Whether the body is long enough for its name and the name is not empty. A body that
     * fails this is {@link ProtocolError#MALFORMED_COMMAND}.
     */
    public static boolean isWellFormed(ByteBuf body) {
        if (!body.isReadable()) {
            return false;
        }
        int nameLength = body.getUnsignedByte(body.readerIndex());
        return nameLength > 0 && 1 + nameLength <= body.readableBytes();
    }

    /** Whether a well-formed or malformed body carries exactly this name. */
    public static boolean hasName(ByteBuf body, byte[] name) {
        int start = body.readerIndex();
        if (body.readableBytes() < 1 + name.length || body.getUnsignedByte(start) != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (body.getByte(start + 1 + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Absolute index of the first data byte of a well-formed body. */
    public static int dataIndex(ByteBuf body) {
        return body.readerIndex() + 1 + body.getUnsignedByte(body.readerIndex());
    }

    /** Number of data bytes of a well-formed body. */
    public static int dataLength(ByteBuf body) {
        return body.writerIndex() - dataIndex(body);
    }

    /** The name of a well-formed body, for log lines and error reasons (allocates). */
    public static String nameOf(ByteBuf body) {
        if (!isWellFormed(body)) {
            return "<malformed>";
        }
        int length = body.getUnsignedByte(body.readerIndex());
        return body.toString(body.readerIndex() + 1, length, StandardCharsets.ISO_8859_1);
    }
}
