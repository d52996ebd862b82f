package io.gannet.transports.pgm.protocol;

/**
 * When a source sends SPMs, as OpenPGM's {@code timer.c} and {@code source.c} schedule them:
 * three at start (OpenPGM's {@code pgm_connect}); an ambient SPM every ambient interval,
 * rebased on the time it went; and after data a heartbeat sequence that decays along the
 * heartbeat schedule. OpenPGM indexes the schedule from 1 and uses entry 1 twice (after ODATA
 * the first heartbeat is entry 1 later, the next entry 1 again, then 2, 3, ...); the state
 * reaching the schedule's length ends the heartbeats. After RDATA the heartbeats restart one
 * step further on. A late timer sends one SPM and skips the states it missed.
 */
final class SpmSchedule {
    private static final int ANNOUNCE_SPMS = 3;

    private final PgmTuning tuning;
    private boolean announced;
    private long nextAmbient;
    private int heartbeatState;
    private long nextHeartbeat;

    SpmSchedule(PgmTuning tuning, long nowNanos) {
        this.tuning = tuning;
        this.nextAmbient = nowNanos;
    }

    /** OpenPGM's interval[i] (1-based). */
    private long interval(int i) {
        return tuning.heartbeat(i - 1);
    }

    /** ODATA went: restart the heartbeats ({@code reset_heartbeat_spm}). */
    void onData(long nowNanos) {
        heartbeatState = 1;
        nextHeartbeat = nowNanos + interval(1);
    }

    /** RDATA went: restart the heartbeats one step on ({@code send_rdata}). */
    void onRepair(long nowNanos) {
        heartbeatState = 1;
        nextHeartbeat = nowNanos + interval(heartbeatState++);
    }

    /** The next time {@link #due} will return a positive count. */
    long nextDeadline() {
        if (!announced) {
            return nextAmbient;
        }
        return heartbeatState != 0 ? Math.min(nextHeartbeat, nextAmbient) : nextAmbient;
    }

    /** How many SPMs to send now (0, 1, or 3 at start), advancing the schedule. */
    int due(long nowNanos) {
        if (!announced) {
            if (nowNanos - nextAmbient < 0) {
                return 0;
            }
            announced = true;
            nextAmbient = nowNanos + tuning.ambientSpmNanos();
            return ANNOUNCE_SPMS;
        }
        boolean ambientDue = nowNanos - nextAmbient >= 0;
        boolean heartbeatDue = heartbeatState != 0 && nowNanos - nextHeartbeat >= 0;
        if (!ambientDue && !heartbeatDue) {
            return 0;
        }
        if (ambientDue) {
            nextAmbient = nowNanos + tuning.ambientSpmNanos();
        }
        if (heartbeatDue) {
            int state = heartbeatState;
            long next = nextHeartbeat;
            do {
                next += interval(state++);
                if (state == tuning.heartbeatCount()) {
                    state = 0;
                    next = nowNanos + tuning.ambientSpmNanos();
                    break;
                }
            } while (nowNanos - next >= 0);
            heartbeatState = state;
            nextHeartbeat = next;
        }
        return 1;
    }
}
