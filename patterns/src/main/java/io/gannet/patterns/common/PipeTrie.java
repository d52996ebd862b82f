package io.gannet.patterns.common;

import io.gannet.spi.Pipe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A publisher's subscriptions: for each topic prefix, the set of pipes subscribed to it
 * (libzmq's {@code mtrie_t}). Per pipe a topic is a set member, not a count: libzmq
 * subscribers send SUBSCRIBE for every subscribe call but CANCEL only when their own count
 * reaches zero (as Gannet's SUB does), so counting here would leave stale subscriptions.
 * The counting that matters to a publisher is across pipes: {@link #add} reports the first
 * pipe of a topic and {@link #remove} the last, which XPUB passes to its application.
 *
 * <p>Owned by the socket's thread. {@link #match} visits one node per byte of the message
 * and allocates nothing.
 */
public final class PipeTrie {
    /** Outcome of {@link #remove}. */
    public enum Removal { NOT_FOUND, LAST, REMAINS }

    private final TrieNode root = new TrieNode();
    private int topics;

    /** Subscribes {@code pipe} to {@code topic}; true when no pipe had this topic before. Idempotent per pipe. */
    public boolean add(ByteBuf src, int offset, int length, Pipe pipe) {
        TrieNode n = root;
        for (int i = 0; i < length; i++) {
            n = n.childOrNew(src.getByte(offset + i) & 0xff);
        }
        if (find(n, pipe) >= 0) {
            return false;
        }
        if (n.pipes == null) {
            n.pipes = new Pipe[2];
        } else if (n.count == n.pipes.length) {
            Pipe[] bigger = new Pipe[n.count * 2];
            System.arraycopy(n.pipes, 0, bigger, 0, n.count);
            n.pipes = bigger;
        }
        n.pipes[n.count++] = pipe;
        if (n.count == 1) {
            topics++;
            return true;
        }
        return false;
    }

    public boolean add(byte[] topic, Pipe pipe) {
        return add(Unpooled.wrappedBuffer(topic), 0, topic.length, pipe);
    }

    /** Unsubscribes {@code pipe} from {@code topic}. */
    public Removal remove(ByteBuf src, int offset, int length, Pipe pipe) {
        TrieNode[] path = new TrieNode[length + 1];
        TrieNode n = root;
        path[0] = n;
        for (int i = 0; i < length; i++) {
            n = n.child(src.getByte(offset + i) & 0xff);
            if (n == null) {
                return Removal.NOT_FOUND;
            }
            path[i + 1] = n;
        }
        if (!removeFrom(n, pipe)) {
            return Removal.NOT_FOUND;
        }
        if (n.count > 0) {
            return Removal.REMAINS;
        }
        for (int i = length; i > 0 && path[i].isEmpty(); i--) {
            path[i - 1].removeChild(src.getByte(offset + i - 1) & 0xff);
        }
        return Removal.LAST;
    }

    public Removal remove(byte[] topic, Pipe pipe) {
        return remove(Unpooled.wrappedBuffer(topic), 0, topic.length, pipe);
    }

    /**
     * Removes every subscription of {@code pipe} (it has gone). Reports each of its topics to
     * {@code visitor} (if not null): all of them, or with {@code onlyLast} only those no
     * other pipe still has.
     */
    public void removePipe(Pipe pipe, TopicVisitor visitor, boolean onlyLast) {
        if (topics == 0) {
            return;
        }
        TrieNode.walk(root, (node, prefix, length) -> {
            if (node.count > 0 && removeFrom(node, pipe) && visitor != null && (!onlyLast || node.count == 0)) {
                visitor.visit(prefix, length);
            }
        });
    }

    /** Visits every pipe subscribed to a prefix of {@code data}'s readable bytes; a pipe may be visited more than once. */
    public void match(ByteBuf data, PipeVisitor visitor) {
        TrieNode n = root;
        int i = data.readerIndex();
        int end = data.writerIndex();
        for (;;) {
            Pipe[] ps = n.pipes;
            for (int k = 0, c = n.count; k < c; k++) {
                visitor.visit(ps[k]);
            }
            if (i == end) {
                return;
            }
            n = n.child(data.getByte(i++) & 0xff);
            if (n == null) {
                return;
            }
        }
    }

    /** Number of topics with at least one pipe. */
    public int size() {
        return topics;
    }

    public boolean isEmpty() {
        return topics == 0;
    }

    private static int find(TrieNode n, Pipe pipe) {
        Pipe[] ps = n.pipes;
        for (int k = 0; k < n.count; k++) {
            if (ps[k] == pipe) {
                return k;
            }
        }
        return -1;
    }

    private boolean removeFrom(TrieNode n, Pipe pipe) {
        int k = find(n, pipe);
        if (k < 0) {
            return false;
        }
        n.pipes[k] = n.pipes[--n.count];
        n.pipes[n.count] = null;
        if (n.count == 0) {
            n.pipes = null;
            topics--;
        }
        return true;
    }
}
