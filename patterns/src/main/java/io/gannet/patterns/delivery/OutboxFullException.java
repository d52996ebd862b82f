package io.gannet.patterns.delivery;

/** Thrown by {@link Producer#publish} when the outbox is full and the producer fails fast (or its wait ran out). */
public final class OutboxFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutboxFullException(String message) {
        super(message);
    }
}
