package io.gannet.internal;

import io.gannet.SocketType;
import io.gannet.internal.zmtp.Metadata;
import io.gannet.spi.Pipe;
import java.util.Arrays;

/**
 * What is known about one end of a pipe, apart from the frames it carries: who is at the other
 * end (routing id, socket type, connection properties), where the pipe came from (endpoint,
 * connected or accepted, frames shareable), and what its owner keeps on it (slot indexes, an
 * attachment). Plain state with no protocol; {@link PipeEnd} adds reading, writing and
 * termination. Written and read by the end's owner thread unless a field says otherwise.
 */
public abstract sealed class PipeDescription implements Pipe permits PipeEnd {
    private final boolean locallyInitiated;
    private final String endpoint;

    private byte[] routingId;
    private volatile byte[] peerRoutingId;
    private volatile SocketType peerType;
    private final int[] indexes = new int[SLOTS];
    private Object attachment;
    /**
     * The properties of the connection that writes into this end (set by its engine once the
     * handshake is done, read by the other end's thread for every frame it reads); null if none.
     */
    volatile Metadata properties;
    /**
     * The peer end is read by an engine, in place ({@link #framesShareable()}). Written once by
     * the thread that makes the pair, before either end is handed to its owner.
     */
    boolean framesShareable;
    /** The peer takes every message, whatever its topic ({@link #subscribedToAll()}). Written as {@link #framesShareable}. */
    boolean subscribedToAll;

    PipeDescription(boolean locallyInitiated, String endpoint) {
        this.locallyInitiated = locallyInitiated;
        this.endpoint = endpoint;
        Arrays.fill(indexes, -1);
    }

    /**
     * Engine side: the properties of the connection writing into this pipe, given to every
     * frame the other end reads from now on ({@link io.gannet.Msg#property}).
     */
    public void connectionProperties(Metadata p) {
        this.properties = p;
    }

    public void peerIdentity(SocketType type, byte[] routingId) {
        this.peerType = type;
        this.peerRoutingId = routingId;
    }

    @Override
    public byte[] routingId() {
        return routingId;
    }

    @Override
    public void routingId(byte[] id) {
        this.routingId = id;
    }

    @Override
    public byte[] peerRoutingId() {
        return peerRoutingId;
    }

    @Override
    public SocketType peerType() {
        return peerType;
    }

    @Override
    public boolean locallyInitiated() {
        return locallyInitiated;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public boolean framesShareable() {
        return framesShareable;
    }

    @Override
    public boolean subscribedToAll() {
        return subscribedToAll;
    }

    @Override
    public int index(int slot) {
        return indexes[slot];
    }

    @Override
    public void index(int slot, int position) {
        indexes[slot] = position;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attachment(Object value) {
        this.attachment = value;
    }
}
