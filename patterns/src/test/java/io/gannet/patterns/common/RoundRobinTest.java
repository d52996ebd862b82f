package io.gannet.patterns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoundRobinTest {
    private final RoundRobin rr = new RoundRobin(FairQueue.SLOT);

    private FakePipe[] attach(int n) {
        FakePipe[] pipes = new FakePipe[n];
        for (int i = 0; i < n; i++) {
            pipes[i] = new FakePipe("p" + i, 10);
            rr.attach(pipes[i]);
        }
        return pipes;
    }

    @Test
    void removingAnotherPipeKeepsTheCursorOnItsPipe() {
        FakePipe[] p = attach(4);
        rr.advance();
        rr.advance();
        rr.advance();
        assertSame(p[3], rr.current(), "the cursor is on the last active pipe");
        // A peer leaves while a multipart message from (or to) p3 is half done.
        rr.remove(p[1]);
        assertSame(p[3], rr.current());
        rr.remove(p[0]);
        assertSame(p[3], rr.current());
    }

    @Test
    void removingThePipeUnderTheCursorMovesItToAnActivePipe() {
        FakePipe[] p = attach(3);
        rr.advance();
        rr.advance();
        rr.remove(p[2]);
        assertTrue(rr.hasActive());
        assertTrue(rr.current() == p[0] || rr.current() == p[1]);
        rr.remove(rr.current());
        rr.remove(rr.current());
        assertFalse(rr.hasActive());
        assertEquals(0, rr.size());
    }

    @Test
    void removingAParkedPipeLeavesTheCursorAlone() {
        FakePipe[] p = attach(3);
        rr.parkCurrent(); // p0 parked
        rr.advance();
        FakePipe under = (FakePipe) rr.current();
        rr.remove(p[0]);
        assertSame(under, rr.current());
    }

    /** Random attach/park/activate/advance/remove: removals and activations never move the cursor off its pipe. */
    @Test
    void theCursorKeepsItsPipeUnderRandomChanges() {
        Random random = new Random(42);
        List<FakePipe> all = new ArrayList<>();
        List<FakePipe> parked = new ArrayList<>();
        int created = 0;
        for (int step = 0; step < 100_000; step++) {
            FakePipe before = rr.hasActive() ? (FakePipe) rr.current() : null;
            int op = random.nextInt(5);
            if (op == 0 || all.isEmpty()) {
                FakePipe p = new FakePipe("p" + created++, 10);
                all.add(p);
                rr.attach(p);
            } else if (op == 1 && !parked.isEmpty()) {
                FakePipe p = parked.remove(random.nextInt(parked.size()));
                rr.activate(p);
            } else if (op == 2 && before != null) {
                FakePipe other = all.get(random.nextInt(all.size()));
                if (other == before) {
                    continue;
                }
                all.remove(other);
                parked.remove(other);
                rr.remove(other);
            } else if (op == 3 && before != null) {
                rr.parkCurrent();
                parked.add(before);
                before = null;
            } else if (op == 4 && before != null) {
                rr.advance();
                before = null;
            }
            assertEquals(all.size(), rr.size());
            assertEquals(all.size() > parked.size(), rr.hasActive(), "step " + step);
            if (before != null) {
                assertSame(before, rr.current(), "step " + step + " moved the cursor");
            }
            if (rr.hasActive()) {
                assertFalse(parked.contains(rr.current()), "the cursor is on an active pipe");
            }
        }
    }
}
