package io.gannet.internal.zmtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * The ERROR command: a fatal handshake error with a reason meant for logs. Implements RFC 37
 * "The NULL Security Mechanism" ({@code error = command-size %d5 "ERROR" error-reason}) and
 * "Error Handling"; PLAIN and CURVE use the same command.
 *
 * <pre>
 *  +------+---------+---------------+------------------------------+
 *  | 0x05 | "ERROR" | reason length | reason, 0-255 bytes (VCHAR)  |
 *  |      |         | 1 byte        |                              |
 *  +------+---------+---------------+------------------------------+
 * </pre>
 *
 * libzmq sends a ZAP status code ("300", "400", "500") as the reason when authentication
 * fails; {@link HandshakeError#fromPeerReason} recognises it. Stateless; any thread.
 */
public final class ErrorCommand {
    /** Longest reason the one-byte length allows. */
    public static final int MAX_REASON = 255;

    private ErrorCommand() {
    }

    /**
     * Builds an ERROR body. Characters outside printable ASCII become '?', and the reason is
     * cut to 255 bytes. The caller owns the result.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, String reason) {
        int length = Math.min(reason.length(), MAX_REASON);
        ByteBuf body = Commands.allocate(alloc, CommandName.ERROR.bytes(), 1 + length);
        body.writeByte(length);
        for (int i = 0; i < length; i++) {
            char c = reason.charAt(i);
            body.writeByte(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return body;
    }

    /**
     * Reads the reason of an ERROR body (the caller checked the name). Bytes after the reason
     * are ignored.
     *
     * @throws ZmtpViolation {@link ProtocolError#MALFORMED_ERROR} if the length is missing or
     *                       runs past the end
     */
    public static String parse(ByteBuf body) throws ZmtpViolation {
        int index = Commands.dataIndex(body);
        int available = Commands.dataLength(body);
        if (available < 1) {
            throw new ZmtpViolation(ProtocolError.MALFORMED_ERROR, "ERROR command without a reason length");
        }
        int length = body.getUnsignedByte(index);
        if (length > available - 1) {
            throw new ZmtpViolation(ProtocolError.MALFORMED_ERROR, "ERROR reason of " + length
                    + " bytes runs past the end of the command (" + (available - 1) + " left)");
        }
        return body.toString(index + 1, length, StandardCharsets.ISO_8859_1);
    }
}
