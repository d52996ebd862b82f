package io.gannet.patterns.common;

/** Receives topics from a trie walk; {@code topic[0, length)} is valid only during the call. */
@FunctionalInterface
public interface TopicVisitor {
    void visit(byte[] topic, int length);
}
