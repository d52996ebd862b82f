package io.gannet.patterns.reliability;

/**
 * A request got no reply: every attempt timed out (Lazy Pirate, Majordomo client) or every
 * server failed (Freelance). The request may or may not have been carried out by a peer that
 * answered too late; the patterns here assume idempotent requests, as the Guide does.
 */
public final class RequestFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int attempts;

    /** A failure after {@code attempts} tries, described by {@code message}. */
    public RequestFailedException(String message, int attempts) {
        super(message);
        this.attempts = attempts;
    }

    /** How many times the request was sent before giving up. */
    public int attempts() {
        return attempts;
    }
}
