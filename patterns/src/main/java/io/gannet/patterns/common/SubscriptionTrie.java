package io.gannet.patterns.common;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A subscriber's own topic prefixes, counted: subscribing twice to "A" needs two
 * unsubscribes before "A" is gone (libzmq's {@code trie_t}). SUB filters received messages
 * with {@link #matches}; SUB and XSUB replay {@link #forEach} to each new publisher.
 *
 * <p>Owned by the socket's thread. {@link #matches} walks at most one node per byte of the
 * message and allocates nothing.
 */
public final class SubscriptionTrie {
    private final TrieNode root = new TrieNode();
    private int topics;

    /** Adds one subscription to {@code topic}; true when the topic is new (count went 0 to 1). */
    public boolean add(ByteBuf src, int offset, int length) {
        TrieNode n = root;
        for (int i = 0; i < length; i++) {
            n = n.childOrNew(src.getByte(offset + i) & 0xff);
        }
        if (n.count++ == 0) {
            topics++;
            return true;
        }
        return false;
    }

    /** Adds one subscription to {@code topic}; true when the topic is new. */
    public boolean add(byte[] topic) {
        return add(Unpooled.wrappedBuffer(topic), 0, topic.length);
    }

    /**
     * Removes one subscription to {@code topic}. True when it was the last one (the topic is
     * gone); false when others remain or the topic was never subscribed.
     */
    public boolean remove(ByteBuf src, int offset, int length) {
        TrieNode[] path = new TrieNode[length + 1];
        TrieNode n = root;
        path[0] = n;
        for (int i = 0; i < length; i++) {
            n = n.child(src.getByte(offset + i) & 0xff);
            if (n == null) {
                return false;
            }
            path[i + 1] = n;
        }
        if (n.count == 0) {
            return false;
        }
        if (--n.count > 0) {
            return false;
        }
        topics--;
        for (int i = length; i > 0 && path[i].isEmpty(); i--) {
            path[i - 1].removeChild(src.getByte(offset + i - 1) & 0xff);
        }
        return true;
    }

    /** Removes one subscription to {@code topic}; true when it was the last one. */
    public boolean remove(byte[] topic) {
        return remove(Unpooled.wrappedBuffer(topic), 0, topic.length);
    }

    /** Whether some subscribed topic is a prefix of {@code data}'s readable bytes (the empty topic is a prefix of all). */
    public boolean matches(ByteBuf data) {
        TrieNode n = root;
        int i = data.readerIndex();
        int end = data.writerIndex();
        for (;;) {
            if (n.count > 0) {
                return true;
            }
            if (i == end) {
                return false;
            }
            n = n.child(data.getByte(i++) & 0xff);
            if (n == null) {
                return false;
            }
        }
    }

    /** Visits each distinct topic once (whatever its count). */
    public void forEach(TopicVisitor visitor) {
        if (topics == 0) {
            return;
        }
        TrieNode.walk(root, (node, prefix, length) -> {
            if (node.count > 0) {
                visitor.visit(prefix, length);
            }
        });
    }

    /** Number of distinct topics. */
    public int size() {
        return topics;
    }

    public boolean isEmpty() {
        return topics == 0;
    }
}
