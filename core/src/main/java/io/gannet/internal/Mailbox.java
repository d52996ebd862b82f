package io.gannet.internal;

/**
 * Where commands for one owner thread (an application socket or an I/O thread) are queued.
 * Many threads post; only the owner takes.
 */
public interface Mailbox {
    /**
     * Queues a hot-path command (an activation) and wakes the owner if it sleeps. Never
     * fails; a command for an owner that has closed is ignored.
     */
    void post(Command command);

    /**
     * Queues a command that carries a resource (a pipe to attach, a close) and returns true,
     * or returns false when the owner has closed and will never see it; the caller then
     * disposes of the resource it was handing over (a pipe end to attach). A refused
     * {@link Command.PeerClosed} needs nothing: an owner that closes its mailbox closes
     * every pipe end it owns (and abandons those still in Attach commands) itself.
     */
    boolean postCold(Command command);
}
