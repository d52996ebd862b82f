package io.gannet.patterns.common;

import io.gannet.spi.Pipe;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HashMap;

/**
 * Routing ids to pipes, for ROUTER (RFC 28: "SHALL identify each double queue using a unique
 * identity"). Looking up the id frame of an outgoing message allocates nothing: the frame's
 * bytes are copied into a reusable probe key, which compares equal to the stored key with the
 * same bytes.
 *
 * <p>Owned by the socket's thread.
 */
public final class RoutingTable {
    /** Ids are at most 255 bytes (ZMTP Identity property); longer frames can match nothing. */
    public static final int MAX_ID = 255;

    private final HashMap<Key, Pipe> pipes = new HashMap<>();
    private final Key probe = new Key(new byte[MAX_ID], 0);

    /** The pipe known by {@code id}'s readable bytes; null if none. Does not change the buffer. */
    public Pipe get(ByteBuf id) {
        int n = id.readableBytes();
        if (n > MAX_ID) {
            return null;
        }
        id.getBytes(id.readerIndex(), probe.bytes, 0, n);
        probe.length = n;
        probe.rehash();
        return pipes.get(probe);
    }

    /** The pipe known by {@code id}; null if none. */
    public Pipe get(byte[] id) {
        return pipes.get(new Key(id, id.length));
    }

    /** Records {@code pipe} under {@code id}, replacing any earlier pipe with that id. */
    public void put(byte[] id, Pipe pipe) {
        pipes.put(new Key(id.clone(), id.length), pipe);
    }

    /** Forgets {@code id} if it still names {@code pipe} (a handed-over id names another pipe). */
    public void remove(byte[] id, Pipe pipe) {
        Key k = new Key(id, id.length);
        if (pipes.get(k) == pipe) {
            pipes.remove(k);
        }
    }

    public int size() {
        return pipes.size();
    }

    /** A byte string compared by content; only the probe key is ever mutated. */
    private static final class Key {
        final byte[] bytes;
        int length;
        int hash;

        Key(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
            rehash();
        }

        void rehash() {
            int h = 1;
            for (int i = 0; i < length; i++) {
                h = 31 * h + bytes[i];
            }
            hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return k.length == length && Arrays.equals(bytes, 0, length, k.bytes, 0, length);
        }
    }
}
