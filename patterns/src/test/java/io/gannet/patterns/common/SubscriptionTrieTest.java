package io.gannet.patterns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean matches(SubscriptionTrie t, String message) {
        ByteBuf buf = Unpooled.wrappedBuffer(b(message));
        return t.matches(buf);
    }

    @Test
    void subscriptionsAreCountedSoTwoSubscribesNeedTwoCancels() {
        SubscriptionTrie t = new SubscriptionTrie();
        assertTrue(t.add(b("A")));
        assertFalse(t.add(b("A")));
        assertFalse(t.remove(b("A")));
        assertTrue(matches(t, "A1"));
        assertTrue(t.remove(b("A")));
        assertFalse(matches(t, "A1"));
        assertTrue(t.isEmpty());
    }

    @Test
    void cancellingAnUnknownTopicChangesNothing() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(b("AB"));
        assertFalse(t.remove(b("A")));
        assertFalse(t.remove(b("ABC")));
        assertFalse(t.remove(b("X")));
        assertTrue(matches(t, "ABC"));
        assertEquals(1, t.size());
    }

    @Test
    void aTopicMatchesMessagesItPrefixes() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(b("weather."));
        assertTrue(matches(t, "weather.paris"));
        assertTrue(matches(t, "weather."));
        assertFalse(matches(t, "weather"));
        assertFalse(matches(t, "news"));
        assertFalse(matches(t, ""));
    }

    @Test
    void theEmptyTopicMatchesEverything() {
        SubscriptionTrie t = new SubscriptionTrie();
        assertFalse(matches(t, "x"));
        t.add(new byte[0]);
        assertTrue(matches(t, "x"));
        assertTrue(matches(t, ""));
        assertTrue(t.remove(new byte[0]));
        assertFalse(matches(t, "x"));
    }

    @Test
    void binaryTopicsUseAllByteValues() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(new byte[] {(byte) 0xff, 0});
        t.add(new byte[] {0, (byte) 0x80});
        assertTrue(t.matches(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 0, 7})));
        assertTrue(t.matches(Unpooled.wrappedBuffer(new byte[] {0, (byte) 0x80})));
        assertFalse(t.matches(Unpooled.wrappedBuffer(new byte[] {0, 0x7f})));
    }

    @Test
    void matchingReadsOnlyTheReadableBytes() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(b("B"));
        ByteBuf buf = Unpooled.wrappedBuffer(b("AB"));
        buf.readerIndex(1);
        assertTrue(t.matches(buf));
    }

    @Test
    void forEachVisitsEachDistinctTopicOnce() {
        SubscriptionTrie t = new SubscriptionTrie();
        t.add(b("A"));
        t.add(b("A"));
        t.add(b("AB"));
        t.add(new byte[0]);
        List<String> seen = new ArrayList<>();
        t.forEach((topic, length) -> seen.add(new String(topic, 0, length, StandardCharsets.UTF_8)));
        assertEquals(List.of("", "A", "AB"), seen);
    }

    @Test
    void tenThousandSubscriptionsMatchAndRemoveCleanly() {
        SubscriptionTrie t = new SubscriptionTrie();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(t.add(b("topic/" + i + "/")));
        }
        assertEquals(10_000, t.size());
        for (int i = 0; i < 10_000; i += 7) {
            assertTrue(matches(t, "topic/" + i + "/payload"));
        }
        assertFalse(matches(t, "topic/10000/"));
        assertFalse(matches(t, "topic/1"));
        for (int i = 0; i < 10_000; i++) {
            assertTrue(t.remove(b("topic/" + i + "/")));
        }
        assertTrue(t.isEmpty());
        assertFalse(matches(t, "topic/5/"));
    }

    @Test
    void aVeryLongTopicDoesNotOverflowTheStack() {
        SubscriptionTrie t = new SubscriptionTrie();
        byte[] topic = new byte[100_000];
        t.add(topic);
        List<Integer> lengths = new ArrayList<>();
        t.forEach((p, length) -> lengths.add(length));
        assertEquals(List.of(100_000), lengths);
        assertTrue(t.remove(topic));
    }
}
