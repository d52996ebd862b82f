package io.gannet.patterns.delivery;

/**
 * Where a producer's dead letters go. Called on the producer's loop thread, before the
 * negative {@link Confirm}; it should return quickly. An exception it throws is logged and
 * counted ({@link Producer.Stats#deadLetterHandlerFailures()}), and the negative confirm
 * still completes, so the message is never silently dropped.
 */
@FunctionalInterface
public interface DeadLetterHandler {
    /** Takes one dead letter. */
    void onDeadLetter(DeadLetter letter);

    /**
     * A handler that publishes every dead letter through another producer (a dead-letter
     * "queue" that consumers connect to, with its own acknowledgements), with
     * {@link DeadLetter#deathHeaders()}. A full outbox there blocks the loop of the first.
     */
    static DeadLetterHandler forwardTo(Producer deadLetterProducer) {
        return letter -> deadLetterProducer.publish(letter.toMessage());
    }
}
