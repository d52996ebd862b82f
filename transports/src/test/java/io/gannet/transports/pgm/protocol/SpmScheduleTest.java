package io.gannet.transports.pgm.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPM timing as OpenPGM schedules it with libzmq's ambient and heartbeat settings. */
class SpmScheduleTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Runs the schedule until {@code until}, always calling at the deadline; returns the SPM times in ms. */
    private static List<Long> spmTimes(SpmSchedule s, long from, long until) {
        List<Long> times = new ArrayList<>();
        long now = from;
        while (true) {
            now = Math.max(now, s.nextDeadline());
            if (now > until) {
                return times;
            }
            int n = s.due(now);
            for (int i = 0; i < n; i++) {
                times.add(now / MS);
            }
        }
    }

    @Test
    void threeAtStartThenAmbientEveryThirtySeconds() {
        SpmSchedule s = new SpmSchedule(PgmTuning.LIBZMQ, 0);
        assertEquals(List.of(0L, 0L, 0L, 30_000L, 60_000L, 90_000L), spmTimes(s, 0, 95 * S));
    }

    @Test
    void heartbeatsDecayAfterData() {
        SpmSchedule s = new SpmSchedule(PgmTuning.LIBZMQ, 0);
        assertEquals(3, s.due(0));
        s.onData(1 * S);
        // OpenPGM: 100 ms after the data, again 100 ms later (interval 1 is used twice), then
        // 100, 100, 1300 ms, 7 s, 16 s, 25 s; the ambient SPM at 30 s runs on its own.
        List<Long> expected = List.of(1100L, 1200L, 1300L, 1400L, 1500L, 2800L, 9800L, 25_800L, 30_000L, 60_000L);
        assertEquals(expected, spmTimes(s, 1 * S, 61 * S));
    }

    @Test
    void newDataRestartsTheHeartbeats() {
        SpmSchedule s = new SpmSchedule(PgmTuning.LIBZMQ, 0);
        s.due(0);
        s.onData(0);
        assertEquals(1, s.due(100 * MS));
        s.onData(150 * MS);
        assertEquals(250 * MS, s.nextDeadline());
        assertEquals(0, s.due(200 * MS));
    }

    @Test
    void heartbeatsAfterRepairStartOneStepOn() {
        SpmSchedule s = new SpmSchedule(PgmTuning.LIBZMQ, 0);
        s.due(0);
        s.onRepair(0);
        assertEquals(List.of(100L, 200L, 300L, 400L, 1700L, 8700L, 24_700L, 30_000L),
                spmTimes(s, 0, 55 * S));
    }

    @Test
    void aLateTimerSendsOneSpmAndSkipsMissedHeartbeats() {
        SpmSchedule s = new SpmSchedule(PgmTuning.LIBZMQ, 0);
        s.due(0);
        s.onData(0);
        assertEquals(1, s.due(450 * MS)); // 100, 200, 300, 400 all missed
        assertEquals(500 * MS, s.nextDeadline());
    }
}
