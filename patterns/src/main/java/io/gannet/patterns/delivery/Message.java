package io.gannet.patterns.delivery;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message for a {@link Producer}: a body, optional headers (UTF-8 name/value pairs), an
 * optional id and an optional time to live. Immutable; the {@code with...} methods return
 * copies. Without an id the producer assigns one (its name, a dash and a sequence number).
 *
 * @param id      the message id, unique among the messages of every producer a consumer hears
 *                (null: the producer assigns one)
 * @param body    the payload (not copied: do not change it after publishing)
 * @param headers application headers, kept in order; names must not start with {@code x-death}
 * @param ttl     how long the message may wait for a successful delivery before it is
 *                dead-lettered with {@link DeadLetterReason#EXPIRED} (null: the producer's default)
 */
public record Message(String id, byte[] body, Map<String, String> headers, Duration ttl) {
    /** Checks and freezes the fields. */
    public Message {
        Objects.requireNonNull(body, "body");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (id != null && id.isEmpty()) {
            throw new IllegalArgumentException("a message id must not be empty");
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
    }

    /** A message with this body and nothing else. */
    public static Message of(byte[] body) {
        return new Message(null, body, Map.of(), null);
    }

    /** A message with this UTF-8 body. */
    public static Message of(String body) {
        return of(Wire.ascii(body));
    }

    /** This message with the given id. */
    public Message withId(String newId) {
        return new Message(newId, body, headers, ttl);
    }

    /** This message with one more header (replacing one of the same name). */
    public Message withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new Message(id, body, h, ttl);
    }

    /** This message with a time to live. */
    public Message withTtl(Duration newTtl) {
        return new Message(id, body, headers, newTtl);
    }
}
