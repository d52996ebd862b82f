package io.gannet.patterns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.spi.Pipe;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PipeTrieTest {
    private final FakePipe p1 = new FakePipe("p1", 10);
    private final FakePipe p2 = new FakePipe("p2", 10);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> match(PipeTrie t, String message) {
        Set<String> out = new TreeSet<>();
        t.match(Unpooled.wrappedBuffer(b(message)), (Pipe p) -> out.add(p.toString()));
        return out;
    }

    @Test
    void firstPipeOfATopicIsReportedAndRepeatsPerPipeAreIdempotent() {
        PipeTrie t = new PipeTrie();
        assertTrue(t.add(b("A"), p1));
        assertFalse(t.add(b("A"), p1));
        assertFalse(t.add(b("A"), p2));
        assertEquals(PipeTrie.Removal.REMAINS, t.remove(b("A"), p1));
        assertEquals(PipeTrie.Removal.NOT_FOUND, t.remove(b("A"), p1));
        assertEquals(PipeTrie.Removal.LAST, t.remove(b("A"), p2));
        assertTrue(t.isEmpty());
    }

    @Test
    void matchVisitsThePipesOfEveryPrefix() {
        PipeTrie t = new PipeTrie();
        t.add(b(""), p1);
        t.add(b("news"), p2);
        t.add(b("weather"), p2);
        assertEquals(Set.of("p1", "p2"), match(t, "news.today"));
        assertEquals(Set.of("p1"), match(t, "new"));
        assertEquals(Set.of("p1"), match(t, ""));
    }

    @Test
    void removingAPipeReportsTopicsNobodyElseHolds() {
        PipeTrie t = new PipeTrie();
        t.add(b("A"), p1);
        t.add(b("B"), p1);
        t.add(b("B"), p2);
        List<String> last = new ArrayList<>();
        t.removePipe(p1, (topic, n) -> last.add(new String(topic, 0, n, StandardCharsets.UTF_8)), true);
        assertEquals(List.of("A"), last);
        assertEquals(Set.of("p2"), match(t, "B"));
        assertEquals(Set.of(), match(t, "A"));
        List<String> all = new ArrayList<>();
        t.removePipe(p2, (topic, n) -> all.add(new String(topic, 0, n, StandardCharsets.UTF_8)), false);
        assertEquals(List.of("B"), all);
        assertTrue(t.isEmpty());
    }

    @Test
    void tenThousandSubscriptionsFromTwoPipes() {
        PipeTrie t = new PipeTrie();
        for (int i = 0; i < 10_000; i++) {
            t.add(b("t" + i + "."), (i % 2 == 0) ? p1 : p2);
        }
        assertEquals(Set.of("p1"), match(t, "t42.x"));
        assertEquals(Set.of("p2"), match(t, "t9999.x"));
        int[] reported = new int[1];
        t.removePipe(p1, (topic, n) -> reported[0]++, true);
        assertEquals(5_000, reported[0]);
        assertEquals(5_000, t.size());
        t.removePipe(p2, null, true);
        assertTrue(t.isEmpty());
    }
}
