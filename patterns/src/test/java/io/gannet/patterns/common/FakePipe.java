package io.gannet.patterns.common;

import io.gannet.Msg;
import io.gannet.SocketType;
import io.gannet.spi.Pipe;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A pipe for unit tests: records what is written, refuses new messages beyond {@code hwm}.
 * Releases each frame at once, unless made {@link #keeping()}: then it keeps the frames in
 * {@link #frames} for the test to inspect and release.
 */
public final class FakePipe implements Pipe {
    final String name;
    final int hwm;
    public final List<String> written = new ArrayList<>();
    /** The frames themselves, when {@link #keeping()}; the test releases them. */
    public final List<ByteBuf> frames = new ArrayList<>();
    private boolean keep;
    private boolean shareable;
    private boolean dead;
    int messages;
    boolean inMessage;
    private final int[] indexes = new int[SLOTS];
    private Object attachment;
    private byte[] routingId;

    public FakePipe(String name, int hwm) {
        this.name = name;
        this.hwm = hwm;
        Arrays.fill(indexes, -1);
    }

    /** Keeps written frames in {@link #frames} instead of releasing them; returns this. */
    public FakePipe keeping() {
        keep = true;
        return this;
    }

    /** Reports {@link #framesShareable()} true, as a pipe read by an engine does; returns this. */
    public FakePipe shareable() {
        shareable = true;
        return this;
    }

    /** Releases every kept frame. */
    public void releaseFrames() {
        for (ByteBuf b : frames) {
            b.release();
        }
        frames.clear();
    }

    /** Refuses every write from now on, also in the middle of a message, as a pipe whose peer left does. */
    public void die() {
        dead = true;
    }

    /** Simulates the reader draining everything. */
    void drain() {
        messages = 0;
    }

    @Override
    public boolean write(Msg msg) {
        if (dead || (!inMessage && messages >= hwm)) {
            return false;
        }
        boolean more = msg.hasMore();
        ByteBuf d = msg.take();
        written.add(d.toString(StandardCharsets.UTF_8));
        if (keep) {
            frames.add(d);
        } else {
            d.release();
        }
        inMessage = more;
        if (!more) {
            messages++;
        }
        return true;
    }

    @Override
    public boolean framesShareable() {
        return shareable;
    }

    @Override
    public boolean checkWrite() {
        return !dead && (inMessage || messages < hwm);
    }

    @Override public boolean read(Msg into) { return false; }
    @Override public boolean checkRead() { return false; }
    @Override public void flush() { }
    @Override public void rollback() { }
    @Override public byte[] routingId() { return routingId; }
    @Override public void routingId(byte[] id) { routingId = id; }
    @Override public byte[] peerRoutingId() { return null; }
    @Override public SocketType peerType() { return SocketType.SUB; }
    @Override public boolean locallyInitiated() { return false; }
    @Override public String endpoint() { return "fake://" + name; }
    @Override public void terminate() { }
    @Override public int index(int slot) { return indexes[slot]; }
    @Override public void index(int slot, int position) { indexes[slot] = position; }
    @Override public Object attachment() { return attachment; }
    @Override public void attachment(Object value) { attachment = value; }

    @Override
    public String toString() {
        return name;
    }
}
