package io.gannet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A whole message as a list of frames, for code that prefers convenience to zero allocation.
 * {@link #close()} releases every frame.
 */
public final class Multipart implements AutoCloseable, Iterable<Msg> {
    private final List<Msg> frames;

    /** An empty message; add frames with {@link #add(Msg)}. */
    public Multipart() {
        this.frames = new ArrayList<>(4);
    }

    /** A message of UTF-8 text frames. */
    public static Multipart of(String... frames) {
        Multipart m = new Multipart();
        for (String f : frames) {
            m.add(Msg.of(f));
        }
        return m;
    }

    /** A message of byte-array frames (copied). */
    public static Multipart of(byte[]... frames) {
        Multipart m = new Multipart();
        for (byte[] f : frames) {
            m.add(Msg.of(f));
        }
        return m;
    }

    /** Appends a frame (taking ownership of it); returns this. */
    public Multipart add(Msg frame) {
        frames.add(frame);
        return this;
    }

    /** Appends a UTF-8 text frame; returns this. */
    public Multipart add(String frame) {
        return add(Msg.of(frame));
    }

    /** Appends a copy of {@code frame}; returns this. */
    public Multipart add(byte[] frame) {
        return add(Msg.of(frame));
    }

    /** The frame at {@code index}; the Multipart keeps ownership. */
    public Msg get(int index) {
        return frames.get(index);
    }

    /** The number of frames. */
    public int size() {
        return frames.size();
    }

    /** The frame at {@code index} as UTF-8 text. */
    public String getString(int index) {
        return frames.get(index).string();
    }

    /** The frames as UTF-8 strings. */
    public List<String> strings() {
        List<String> out = new ArrayList<>(frames.size());
        for (Msg m : frames) {
            out.add(m.string());
        }
        return out;
    }

    /** Removes and returns the first frame; the caller owns it. */
    public Msg pop() {
        return frames.remove(0);
    }

    @Override
    public Iterator<Msg> iterator() {
        return frames.iterator();
    }

    @Override
    public void close() {
        for (Msg m : frames) {
            m.close();
        }
        frames.clear();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Multipart[");
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            byte[] b = frames.get(i).bytes();
            sb.append(new String(b, StandardCharsets.UTF_8));
        }
        return sb.append(']').toString();
    }
}
