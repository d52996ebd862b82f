package io.gannet.patterns.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A published, not yet confirmed message inside a producer. The stored fields are set once;
 * the delivery state ({@link #deliveries}, {@link #holder}, {@link #sentAtNanos}) belongs to
 * the producer's loop thread.
 */
final class Entry {
    final String id;
    final byte[] body;
    final Map<String, String> headers;
    final long publishedAtMs;
    /** Publish order within the producer (and across restarts on one durable outbox). */
    final long order;
    /** Epoch ms after which an undelivered copy is dead-lettered; 0: never. */
    final long expiresAtMs;
    final CompletableFuture<Confirm> future = new CompletableFuture<>();
    /** The id and the headers (name, value, name, value...) in UTF-8, encoded once for every delivery. */
    final byte[] idBytes;
    final byte[][] headerBytes;

    int deliveries;
    /** Confirmed (positively or not): a copy still queued or held is skipped. */
    boolean settled;
    ConsumerSession holder;
    long sentAtNanos;

    Entry(String id, long order, byte[] body, Map<String, String> headers, long publishedAtMs, long expiresAtMs) {
        this.id = id;
        this.order = order;
        this.body = body;
        this.headers = headers;
        this.publishedAtMs = publishedAtMs;
        this.expiresAtMs = expiresAtMs;
        this.idBytes = Wire.ascii(id);
        this.headerBytes = new byte[headers.size() * 2][];
        int i = 0;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            headerBytes[i++] = Wire.ascii(h.getKey());
            headerBytes[i++] = Wire.ascii(h.getValue());
        }
    }

    boolean expired(long nowMs) {
        return expiresAtMs != 0 && nowMs >= expiresAtMs;
    }

    /** The stored form used by the durable outbox: version, order, times, headers, body. */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(order);
            out.writeLong(publishedAtMs);
            out.writeLong(expiresAtMs);
            out.writeInt(headers.size());
            for (Map.Entry<String, String> h : headers.entrySet()) {
                out.writeUTF(h.getKey());
                out.writeUTF(h.getValue());
            }
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Entry decode(String id, byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            int version = in.readByte();
            if (version != 1) {
                throw new IllegalStateException("outbox record " + id + " has unknown version " + version);
            }
            long order = in.readLong();
            long published = in.readLong();
            long expires = in.readLong();
            int n = in.readInt();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                headers.put(in.readUTF(), in.readUTF());
            }
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            return new Entry(id, order, body, headers, published, expires);
        } catch (IOException e) {
            throw new UncheckedIOException("outbox record " + id + " is damaged", e);
        }
    }
}
