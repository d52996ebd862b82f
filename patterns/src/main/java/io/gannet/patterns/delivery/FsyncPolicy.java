package io.gannet.patterns.delivery;

/**
 * When the durable outbox forces its file to disk. Either way, the producer's loop commits
 * (writes the pending changes to the file) once per pass, before it sends any message stored
 * since the last pass, so no consumer sees a message that a crash of the producer process
 * could lose.
 */
public enum FsyncPolicy {
    /**
     * Commit, then {@code fsync} every pass: a published message whose future
     * {@link Producer#flush()} has returned survives a power loss or kernel crash. Costs one
     * fsync per pass (group commit: one per batch, not per message).
     */
    EVERY_COMMIT,
    /**
     * Commit only, leaving the flush to disk to the operating system: survives a crash or
     * SIGKILL of the producer process, not of the machine.
     */
    OS
}
