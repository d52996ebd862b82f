package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The READY command of the NULL mechanism: the sender's metadata. Implements RFC 37
 * "The NULL Security Mechanism" ({@code ready = command-size %d5 "READY" metadata}).
 *
 * <pre>
 *  +------+---------+------------------------------------------------+
 *  | 0x05 | "READY" | metadata: properties until the end of the body |
 *  +------+---------+------------------------------------------------+
 * </pre>
 *
 * {@link Metadata} shows the property layout. Stateless; any thread.
 */
public final class ReadyCommand {

    private ReadyCommand() {
    }

    /** Builds a READY body carrying {@code metadata}. The caller owns the result. */
    public static ByteBuf encode(ByteBufAllocator alloc, Metadata metadata) {
        ByteBuf body = Commands.allocate(alloc, CommandName.READY.bytes(), metadata.encodedSize());
        metadata.writeTo(body);
        return body;
    }

    /**
     * Reads the metadata of a READY body (the caller checked the name).
     *
     * @throws ZmtpViolation {@link ProtocolError#MALFORMED_READY} if a length runs past the end
     */
    public static Metadata parse(ByteBuf body) throws ZmtpViolation {
        return Metadata.parse(body, Commands.dataIndex(body), Commands.dataLength(body), ProtocolError.MALFORMED_READY);
    }
}
