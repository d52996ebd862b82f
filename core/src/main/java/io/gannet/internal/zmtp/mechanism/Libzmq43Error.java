package io.gannet.internal.zmtp.mechanism;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * The ERROR command as libzmq 4.3.0-4.3.4 send it after a ZAP refusal in PLAIN and CURVE:
 * a C string {@code "\x5ERROR"} meant as length 5 + "ERROR" reads as the hex escape 0x5E
 * followed by "RROR", so the body is {@code 0x5E 'R' 'R' 'O' 'R' <len> <reason>}, a
 * malformed command by RFC 37. libzmq clients of those versions match the same bytes and
 * report {@code HANDSHAKE_FAILED_AUTH} with the status code; recognising the form lets a
 * Gannet client report what they report. Every libzmq release up to 4.3.5 (and its master)
 * still writes and expects this form in PLAIN, so a Gannet PLAIN server sends it too: a
 * libzmq PLAIN client recognises nothing else. Stateless.
 */
final class Libzmq43Error {
    private static final byte[] PREFIX = {0x5E, 'R', 'R', 'O', 'R'};

    private Libzmq43Error() {
    }

    /** The reason if {@code body} is exactly that form, else null. */
    static String reason(ByteBuf body) {
        int start = body.readerIndex();
        int size = body.readableBytes();
        if (size < PREFIX.length + 1) {
            return null;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (body.getByte(start + i) != PREFIX[i]) {
                return null;
            }
        }
        int length = body.getUnsignedByte(start + PREFIX.length);
        if (PREFIX.length + 1 + length != size) {
            return null;
        }
        return body.toString(start + PREFIX.length + 1, length, StandardCharsets.US_ASCII);
    }

    /** The ERROR body as libzmq's PLAIN server writes it, for a reason of at most 255 bytes. */
    static ByteBuf encode(ByteBufAllocator alloc, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.US_ASCII);
        ByteBuf body = alloc.buffer(PREFIX.length + 1 + r.length);
        return body.writeBytes(PREFIX).writeByte(r.length).writeBytes(r);
    }
}
