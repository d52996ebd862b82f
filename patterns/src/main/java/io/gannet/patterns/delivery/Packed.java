package io.gannet.patterns.delivery;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packed frames of the batch feature (docs/acknowledged-delivery-protocol.md, section 9):
 * many deliveries, or many acknowledged ids, in one frame, so that a batch costs one ZeroMQ
 * frame instead of four per message. Every length and number is a 4-byte big-endian integer.
 *
 * <pre>
 * DELIVERS frame: { id-length id  delivery-count  header-count { name-length name value-length value }  body-length body } ...
 * ACKS frame:     { id-length id } ...
 * </pre>
 */
final class Packed {
    /** A DELIVERS frame is closed once it holds this many bytes (one more message may pass it). */
    static final int FRAME_BYTES = 64 * 1024;

    private Packed() {
    }

    /** The bytes {@code e} adds to a DELIVERS frame. */
    static int size(Entry e) {
        int n = 4 + e.idBytes.length + 4 + 4 + 4 + e.body.length;
        for (byte[] h : e.headerBytes) {
            n += 4 + h.length;
        }
        return n;
    }

    /** Appends one delivery of {@code e} (its current delivery count) to {@code out}. */
    static void put(ByteBuffer out, Entry e) {
        out.putInt(e.idBytes.length).put(e.idBytes).putInt(e.deliveries).putInt(e.headerBytes.length / 2);
        for (byte[] h : e.headerBytes) {
            out.putInt(h.length).put(h);
        }
        out.putInt(e.body.length).put(e.body);
    }

    /** One delivery read back from a DELIVERS frame. */
    record Delivered(byte[] idBytes, String id, int count, byte[] body, Map<String, String> headers) {
    }

    /** The deliveries of a DELIVERS frame; null when it is malformed (the whole frame is then ignored). */
    static List<Delivered> deliveries(byte[] frame) {
        ByteBuffer in = ByteBuffer.wrap(frame);
        List<Delivered> out = new ArrayList<>();
        try {
            while (in.hasRemaining()) {
                byte[] idBytes = bytes(in);
                String id = Wire.text(idBytes);
                int count = in.getInt();
                int headerCount = in.getInt();
                if (id.isEmpty() || count < 1 || headerCount < 0 || headerCount > in.remaining() / 8) {
                    return null;
                }
                Map<String, String> headers = headerCount == 0 ? Map.of() : new LinkedHashMap<>();
                for (int i = 0; i < headerCount; i++) {
                    headers.put(Wire.text(bytes(in)), Wire.text(bytes(in)));
                }
                out.add(new Delivered(idBytes, id, count, bytes(in), headers));
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
        return out;
    }

    /** An ACKS frame for these ids. */
    static byte[] ids(List<byte[]> ids) {
        int n = 0;
        for (byte[] id : ids) {
            n += 4 + id.length;
        }
        ByteBuffer out = ByteBuffer.allocate(n);
        for (byte[] id : ids) {
            out.putInt(id.length).put(id);
        }
        return out.array();
    }

    /** The ids of an ACKS frame; null when it is malformed. */
    static List<String> ids(byte[] frame) {
        ByteBuffer in = ByteBuffer.wrap(frame);
        List<String> out = new ArrayList<>();
        try {
            while (in.hasRemaining()) {
                out.add(Wire.text(bytes(in)));
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length " + length);
        }
        byte[] b = new byte[length];
        in.get(b);
        return b;
    }
}
