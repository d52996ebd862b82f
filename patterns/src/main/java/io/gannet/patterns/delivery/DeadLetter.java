package io.gannet.patterns.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message that will not be delivered again, with why: what a {@link DeadLetterHandler}
 * receives. {@link #deathHeaders()} gives the original headers plus RabbitMQ-like
 * {@code x-death-*} ones, ready to publish elsewhere.
 *
 * @param id             the message id
 * @param body           the payload
 * @param headers        the original headers
 * @param reason         why it is dead
 * @param deliveryCount  how many times it was delivered
 * @param detail         the consumer's reject reason, or empty
 * @param publishedAtMs  when it was first published (epoch milliseconds)
 */
public record DeadLetter(String id, byte[] body, Map<String, String> headers, DeadLetterReason reason,
        int deliveryCount, String detail, long publishedAtMs) {
    /** The original headers plus {@code x-death-reason}, {@code x-death-count}, {@code x-death-id}, {@code x-death-time}, {@code x-death-detail}. */
    public Map<String, String> deathHeaders() {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("x-death-reason", reason.headerValue());
        h.put("x-death-count", Integer.toString(deliveryCount));
        h.put("x-death-id", id);
        h.put("x-death-time", Long.toString(publishedAtMs));
        if (!detail.isEmpty()) {
            h.put("x-death-detail", detail);
        }
        return h;
    }

    /** This dead letter as a new message for another producer (a new id, the death headers). */
    public Message toMessage() {
        return new Message(null, body, deathHeaders(), null);
    }
}
