package io.gannet.patterns.delivery;

import java.util.Locale;

/** Why a message was dead-lettered (the {@code x-death-reason} header carries the lower-case name). */
public enum DeadLetterReason {
    /** A consumer rejected it without asking for a requeue. */
    REJECTED,
    /** It was delivered {@code maxDeliveries} times without being acknowledged. */
    MAX_DELIVERIES,
    /** Its time to live ran out before a consumer acknowledged it. */
    EXPIRED,
    /** The producer was closed before the message was confirmed (only with the in-memory outbox). */
    PRODUCER_CLOSED;

    /** The header value: {@code rejected}, {@code max_deliveries}, {@code expired}, {@code producer_closed}. */
    public String headerValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
