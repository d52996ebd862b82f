package io.gannet.patterns.delivery;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One delivery of a message to a {@link Consumer}: settle it exactly once with {@link #ack()}
 * after processing, or {@link #reject(boolean, String)}. Until then it counts against the
 * consumer's prefetch. May be settled from any thread.
 */
public final class Delivery {
    private final ConsumerLoop loop;
    /** The producer link it came on, owned by the consumer loop. */
    final ProducerLink producer;
    final byte[] idBytes;
    private final String id;
    private final int deliveryCount;
    private final byte[] body;
    private final Map<String, String> headers;
    private final AtomicBoolean settled = new AtomicBoolean();
    /** The settlement, written before the delivery is handed to the loop (its queue publishes them). */
    boolean ack;
    boolean requeue;
    String reason = "";

    Delivery(ConsumerLoop loop, ProducerLink producer, byte[] idBytes, String id, int deliveryCount, byte[] body,
            Map<String, String> headers) {
        this.loop = loop;
        this.producer = producer;
        this.idBytes = idBytes;
        this.id = id;
        this.deliveryCount = deliveryCount;
        this.body = body;
        this.headers = headers;
    }

    /** The message id given by the producer. */
    public String id() {
        return id;
    }

    /** The payload. */
    public byte[] body() {
        return body;
    }

    /** The payload as UTF-8 text. */
    public String bodyText() {
        return Wire.text(body);
    }

    /** The message's headers, as published. */
    public Map<String, String> headers() {
        return headers;
    }

    /** 1 on the first delivery, then 2, 3... as the producer delivers it again. */
    public int deliveryCount() {
        return deliveryCount;
    }

    /** Whether this message was delivered before (perhaps to another consumer, which may have processed it). */
    public boolean redelivered() {
        return deliveryCount > 1;
    }

    /** Acknowledges: the message is processed; the producer confirms it and sends this consumer another. */
    public void ack() {
        settleOnce();
        ack = true;
        loop.settle(this);
    }

    /**
     * Rejects: with {@code requeue} the producer delivers the message again (to any consumer,
     * counted against its {@code maxDeliveries}); without, it is dead-lettered with {@code reason}.
     */
    public void reject(boolean requeue, String reason) {
        settleOnce();
        this.requeue = requeue;
        this.reason = reason == null ? "" : reason;
        loop.settle(this);
    }

    private void settleOnce() {
        if (!settled.compareAndSet(false, true)) {
            throw new IllegalStateException("delivery of " + id + " is already settled");
        }
    }

    @Override
    public String toString() {
        return "Delivery[" + id + " #" + deliveryCount + ", " + body.length + " bytes]";
    }
}
