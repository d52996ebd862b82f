package io.gannet.internal.engine;

import java.util.concurrent.TimeUnit;

/**
 * ZMTP 3.1 heartbeats of one connection (RFC 37 PING/PONG): our PINGs every HEARTBEAT_IVL,
 * the connection dropped when nothing arrives within HEARTBEAT_TIMEOUT of a PING, and when
 * the peer stays silent past the TTL its own PING promised. Any input counts as life.
 *
 * <p>Runs on the engine's timers and clock ({@link IoServices}), so a test drives it with a
 * manual clock. Owned by the engine's I/O thread.
 */
final class Heartbeats {
    /** What the heartbeats need from their engine. */
    interface Link {
        /** Whether the connection is past its handshake and open. */
        boolean active();

        /** Whether reading is paused (RCVHWM): silence is then ours, not the peer's. */
        boolean readingPaused();

        /** Sends a PING now. */
        void sendPing();

        /** The peer is silent for too long: drop the connection. */
        void timedOut(String detail);
    }

    private final IoServices io;
    private final Link link;
    private final int ivlMs;
    private final int timeoutMs;
    private final IoTimer pingTimer;
    private final IoTimer pingTimeoutTimer;
    private final IoTimer ttlTimer = new IoTimer(t -> onTtlExpired());
    private long lastInputNanos;
    private long pingSentNanos;
    private long ttlArmedNanos;
    private long peerTtlMs;

    /**
     * @param ivlMs     HEARTBEAT_IVL, 0 for no PINGs of ours
     * @param timeoutMs HEARTBEAT_TIMEOUT after a PING, 0 for none
     */
    Heartbeats(IoServices io, Link link, int ivlMs, int timeoutMs) {
        this.io = io;
        this.link = link;
        this.ivlMs = ivlMs;
        this.timeoutMs = timeoutMs;
        this.pingTimer = ivlMs > 0 ? new IoTimer(t -> onPingDue()) : null;
        this.pingTimeoutTimer = ivlMs > 0 ? new IoTimer(t -> onPingTimeout()) : null;
        this.lastInputNanos = io.nanoTime();
    }

    /** Bytes arrived from the peer. */
    void inputArrived() {
        lastInputNanos = io.nanoTime();
    }

    /** The handshake is done: start pinging, if HEARTBEAT_IVL asks for it. */
    void start() {
        if (pingTimer != null) {
            io.schedule(pingTimer, ivlMs);
        }
    }

    /** The peer promised to speak within {@code ttlMs} (its PING's TTL, 0 for no promise). */
    void peerTtl(long ttlMs) {
        if (ttlMs <= 0) {
            return;
        }
        peerTtlMs = ttlMs;
        if (!ttlTimer.isScheduled()) {
            ttlArmedNanos = lastInputNanos;
            io.schedule(ttlTimer, ttlMs);
        }
    }

    /** The connection is closing: no timer fires any more. */
    void stop() {
        if (pingTimer != null) {
            io.cancel(pingTimer);
            io.cancel(pingTimeoutTimer);
        }
        io.cancel(ttlTimer);
    }

    private void onPingDue() {
        if (!link.active()) {
            return;
        }
        if (!pingTimeoutTimer.isScheduled() && timeoutMs > 0) {
            pingSentNanos = io.nanoTime();
            io.schedule(pingTimeoutTimer, timeoutMs);
        }
        io.schedule(pingTimer, ivlMs);
        // Last: sending may find the connection broken and stop it (and these timers).
        link.sendPing();
    }

    private void onPingTimeout() {
        if (link.readingPaused()) {
            // We stopped reading (RCVHWM): the peer's answer may be waiting unread. Not silence.
            return;
        }
        if (link.active() && lastInputNanos - pingSentNanos <= 0) {
            link.timedOut("no traffic within HEARTBEAT_TIMEOUT " + timeoutMs + " ms after a PING");
        }
    }

    private void onTtlExpired() {
        if (!link.active()) {
            return;
        }
        if (link.readingPaused()) {
            // Not reading (RCVHWM) is not the peer's silence: look again after another TTL.
            lastInputNanos = io.nanoTime();
        }
        if (lastInputNanos == ttlArmedNanos) {
            link.timedOut("peer silent past its heartbeat TTL of " + peerTtlMs + " ms");
            return;
        }
        ttlArmedNanos = lastInputNanos;
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(io.nanoTime() - lastInputNanos);
        io.schedule(ttlTimer, Math.max(1, peerTtlMs - elapsedMs));
    }
}
