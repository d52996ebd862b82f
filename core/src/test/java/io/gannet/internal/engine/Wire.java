package io.gannet.internal.engine;

import io.gannet.internal.zmtp.Metadata;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** ZMTP bytes as a peer writes them, and the frames an engine wrote, for tests that play the peer by hand. */
final class Wire {
    private Wire() {
    }

    /** A 64-byte greeting of {@code major.minor} announcing {@code mechanism}. */
    static byte[] greeting(int major, int minor, String mechanism, boolean asServer) {
        byte[] g = new byte[64];
        g[0] = (byte) 0xFF;
        g[9] = 0x7F;
        g[10] = (byte) major;
        g[11] = (byte) minor;
        byte[] name = ascii(mechanism);
        System.arraycopy(name, 0, g, 12, name.length);
        g[32] = (byte) (asServer ? 1 : 0);
        return g;
    }

    /** A ZMTP 3.1 greeting announcing {@code mechanism}, not as server. */
    static byte[] greeting(String mechanism) {
        return greeting(3, 1, mechanism, false);
    }

    /** One frame: flags, short or long size, body. */
    static byte[] frame(byte[] body, boolean more, boolean command) {
        boolean big = body.length > 255;
        ByteBuffer b = ByteBuffer.allocate((big ? 9 : 2) + body.length);
        b.put((byte) ((more ? 1 : 0) | (big ? 2 : 0) | (command ? 4 : 0)));
        if (big) {
            b.putLong(body.length);
        } else {
            b.put((byte) body.length);
        }
        return b.put(body).array();
    }

    /** A command frame: name length, name, data. */
    static byte[] command(String name, byte[] data) {
        return frame(commandBody(name, data), false, true);
    }

    /** A command body: name length, name, data. */
    static byte[] commandBody(String name, byte[] data) {
        byte[] n = ascii(name);
        byte[] body = new byte[1 + n.length + data.length];
        body[0] = (byte) n.length;
        System.arraycopy(n, 0, body, 1, n.length);
        System.arraycopy(data, 0, body, 1 + n.length, data.length);
        return body;
    }

    /** A READY with the given properties (name, value, name, value...). */
    static byte[] ready(String... properties) {
        return command("READY", metadata(properties));
    }

    /** ZMTP metadata (name, value, name, value...). */
    static byte[] metadata(String... properties) {
        Metadata.Builder b = Metadata.builder();
        for (int i = 0; i < properties.length; i += 2) {
            b.put(properties[i], properties[i + 1]);
        }
        ByteBuf out = Unpooled.buffer();
        b.build().writeTo(out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }

    /** A PING with a TTL in deciseconds and a context. */
    static byte[] ping(int ttlDeciseconds, byte[] context) {
        byte[] data = new byte[2 + context.length];
        data[0] = (byte) (ttlDeciseconds >>> 8);
        data[1] = (byte) ttlDeciseconds;
        System.arraycopy(context, 0, data, 2, context.length);
        return command("PING", data);
    }

    /** A message of text frames, MORE on all but the last. */
    static byte[] message(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            out.writeBytes(frame(ascii(parts[i]), i < parts.length - 1, false));
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One frame as the engine wrote it. */
    record Frame(boolean command, boolean more, byte[] body) {
        /** The command's name, or null for a message frame. */
        String name() {
            return command ? new String(body, 1, body[0] & 0xFF, StandardCharsets.US_ASCII) : null;
        }

        /** The command's data after its name. */
        byte[] data() {
            int start = command ? 1 + (body[0] & 0xFF) : 0;
            return Arrays.copyOfRange(body, start, body.length);
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return command ? "CMD " + name() : (more ? "MORE " : "LAST ") + text();
        }
    }

    /** The whole frames in {@code bytes}; a cut-off frame at the end is an error. */
    static List<Frame> frames(byte[] bytes) {
        List<Frame> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            int flags = b.get() & 0xFF;
            long size = (flags & 2) != 0 ? b.getLong() : b.get() & 0xFF;
            byte[] body = new byte[(int) size];
            b.get(body);
            out.add(new Frame((flags & 4) != 0, (flags & 1) != 0, body));
        }
        return out;
    }
}
