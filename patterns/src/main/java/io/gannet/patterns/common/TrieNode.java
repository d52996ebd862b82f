package io.gannet.patterns.common;

import io.gannet.spi.Pipe;
import java.util.Arrays;

/**
 * One node of the byte tries behind {@link SubscriptionTrie} and {@link PipeTrie}. Children
 * live in a range table indexed by {@code byte - min} (libzmq's layout): one array lookup per
 * byte of a message, and the table only spans the bytes actually used below this node.
 *
 * <p>Owned by the socket's thread. Invariant: a node other than the root exists only while
 * it holds a value ({@link #count} &gt; 0) or has children ({@link #live} &gt; 0).
 */
final class TrieNode {
    /** The byte value of {@code next[0]}. */
    int min;
    /** Children, {@code next[c - min]}; null when there are none. */
    TrieNode[] next;
    /** Non-null entries in {@link #next}. */
    int live;
    /** SubscriptionTrie: subscriptions to this exact prefix. PipeTrie: pipes in {@link #pipes}. */
    int count;
    /** PipeTrie only: the distinct pipes subscribed to this exact prefix, {@code [0, count)}. */
    Pipe[] pipes;

    TrieNode child(int c) {
        TrieNode[] n = next;
        if (n == null) {
            return null;
        }
        int i = c - min;
        return i >= 0 && i < n.length ? n[i] : null;
    }

    TrieNode childOrNew(int c) {
        if (next == null) {
            min = c;
            next = new TrieNode[1];
        } else if (c < min) {
            TrieNode[] wider = new TrieNode[next.length + (min - c)];
            System.arraycopy(next, 0, wider, min - c, next.length);
            next = wider;
            min = c;
        } else if (c - min >= next.length) {
            next = Arrays.copyOf(next, c - min + 1);
        }
        TrieNode n = next[c - min];
        if (n == null) {
            n = new TrieNode();
            next[c - min] = n;
            live++;
        }
        return n;
    }

    void removeChild(int c) {
        next[c - min] = null;
        if (--live == 0) {
            next = null;
        }
    }

    boolean isEmpty() {
        return count == 0 && live == 0;
    }

    /** Visits nodes during {@link #walk}; the prefix bytes are valid only during the call. */
    interface NodeVisitor {
        void visit(TrieNode node, byte[] prefix, int length);
    }

    /**
     * Visits every node, parents first, with the prefix that leads to it, and unlinks nodes
     * left empty afterwards (so a visitor may clear values). Iterative, so a very long topic
     * cannot overflow the stack. Allocates; meant for rare events (attach, detach).
     */
    static void walk(TrieNode root, NodeVisitor visitor) {
        TrieNode[] nodes = new TrieNode[16];
        int[] cursor = new int[16];
        byte[] prefix = new byte[16];
        int depth = 0;
        nodes[0] = root;
        cursor[0] = -1;
        while (depth >= 0) {
            TrieNode n = nodes[depth];
            if (cursor[depth] < 0) {
                visitor.visit(n, prefix, depth);
                cursor[depth] = 0;
            }
            TrieNode[] next = n.next;
            int i = cursor[depth];
            while (next != null && i < next.length && next[i] == null) {
                i++;
            }
            if (next != null && i < next.length) {
                cursor[depth] = i + 1;
                if (depth + 1 == nodes.length) {
                    nodes = Arrays.copyOf(nodes, depth * 2);
                    cursor = Arrays.copyOf(cursor, depth * 2);
                    prefix = Arrays.copyOf(prefix, depth * 2);
                }
                prefix[depth] = (byte) (n.min + i);
                depth++;
                nodes[depth] = next[i];
                cursor[depth] = -1;
            } else {
                if (depth > 0 && n.isEmpty()) {
                    nodes[depth - 1].removeChild(prefix[depth - 1] & 0xff);
                }
                nodes[depth] = null;
                depth--;
            }
        }
    }
}
