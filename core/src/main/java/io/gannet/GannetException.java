package io.gannet;

/**
 * The one unchecked exception type of Gannet. Each carries a libzmq-style {@link ErrorCode}.
 * Normal outcomes such as "would block" are return values, never exceptions.
 */
public class GannetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** An error with its libzmq-style code and a message saying what went wrong. */
    public GannetException(ErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    /** An error with its code, a message and the exception that caused it. */
    public GannetException(ErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    /** The libzmq-style name of the error. */
    public ErrorCode code() {
        return code;
    }
}
