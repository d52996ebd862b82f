package io.gannet.cli;

/**
 * The exit statuses of the {@code gannet} tool, so scripts can tell what went wrong.
 * The table in {@code docs/cli.md} lists the same values.
 */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** An unexpected error: a bug, or a failure the other codes do not cover. */
    public static final int ERROR = 1;
    /** A bad command line: an unknown command or option, a missing or malformed value. */
    public static final int USAGE = 2;
    /** A malformed endpoint, or one whose transport is not available. */
    public static final int BAD_ENDPOINT = 3;
    /** A well-formed endpoint that cannot be used: address in use, or not on this machine. */
    public static final int ENDPOINT_UNAVAILABLE = 4;
    /** Nothing (or fewer than {@code --count} messages) arrived or could be sent within {@code --timeout}. */
    public static final int TIMEOUT = 5;
    /**
     * {@code send}: messages were still unsent when {@code --linger} ran out (no peer took
     * them in time); they were dropped.
     */
    public static final int NOT_DELIVERED = 6;
    /** Interrupted (Ctrl-C stops long-running commands with this status, as shells expect). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
