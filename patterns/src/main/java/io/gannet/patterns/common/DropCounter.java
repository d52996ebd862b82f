package io.gannet.patterns.common;

/**
 * Where a building block reports the messages it drops, so the socket's
 * {@link io.gannet.Socket#droppedMessages()} shows them. Socket types pass
 * {@code host::countDropped} (one object, made with the socket); the block calls it only when
 * something was lost, at most once per send, so the normal path costs nothing.
 */
@FunctionalInterface
public interface DropCounter {
    /** {@code messages} whole messages were lost (never called with 0). */
    void countDropped(int messages);
}
