package io.gannet.patterns.delivery;

import java.util.List;

/**
 * Receives publisher confirms in batches: each call carries every confirm the producer's
 * loop settled in one pass (acknowledgements often arrive many to a message). Called on the
 * loop thread; it should return quickly.
 */
@FunctionalInterface
public interface ConfirmListener {
    /** One batch of confirms, in the order they were settled. */
    void onConfirms(List<Confirm> confirms);
}
