package io.gannet.transports.pgm.netns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a subscriber has seen of each publisher, checked message by message: the Java twin of
 * {@code Streams} in {@code epgm_peer.py}. A message is good when its header, frame count,
 * CRC-32 and every payload byte match what the publisher made, its topic is one subscribed
 * to, and its sequence number is above the last one of its publisher. Expected messages
 * that never came are counted as gaps (only before the first message with {@code late}).
 */
final class EpgmStreams {
    private static final int PRINT_LIMIT = 20;

    private final EpgmMessages messages;
    private final List<String> topics;
    private final List<String> subscriptions;
    private final List<String> pubs;
    private final long count;
    private final boolean late;
    private final Consumer<String> out;
    private final Map<String, Long> first = new HashMap<>();
    private final Map<String, Long> last = new HashMap<>();
    long received;
    long gaps;
    long missing;
    long bad;

    EpgmStreams(EpgmMessages messages, List<String> topics, List<String> subscriptions, List<String> pubs,
            long count, boolean late, Consumer<String> out) {
        this.messages = messages;
        this.topics = topics;
        this.subscriptions = subscriptions.isEmpty() ? List.of("") : subscriptions;
        this.pubs = pubs;
        this.count = count;
        this.late = late;
        this.out = out;
    }

    boolean wanted(long seq) {
        String topic = topics.get((int) (seq % topics.size()));
        return subscriptions.stream().anyMatch(topic::startsWith);
    }

    private long lastWanted() {
        long seq = count - 1;
        while (seq >= 0 && !wanted(seq)) {
            seq--;
        }
        return seq;
    }

    void check(List<byte[]> frames) {
        String[] head = new String(frames.get(0), StandardCharsets.UTF_8).split("\\|", -1);
        if (head.length != 5) {
            reject("?", -1, "header " + new String(frames.get(0), 0, Math.min(60, frames.get(0).length),
                    StandardCharsets.ISO_8859_1));
            return;
        }
        String topic = head[0];
        String pub = head[1];
        long seq;
        try {
            seq = Long.parseLong(head[2]);
        } catch (NumberFormatException e) {
            reject(pub, -1, "sequence " + head[2]);
            return;
        }
        if (!pubs.contains(pub)) {
            reject(pub, seq, "unknown publisher");
            return;
        }
        if (!topic.equals(topics.get((int) (seq % topics.size()))) || !wanted(seq)) {
            reject(pub, seq, "topic '" + topic + "' not expected");
            return;
        }
        List<byte[]> body = frames.subList(1, frames.size());
        if (!Integer.toString(body.size()).equals(head[4])) {
            reject(pub, seq, body.size() + " payload frames, header says " + head[4]);
            return;
        }
        String crc = String.format("%08x", EpgmMessages.crc(body));
        if (!crc.equals(head[3])) {
            reject(pub, seq, "crc32 " + crc + ", header says " + head[3]);
            return;
        }
        List<byte[]> expected = messages.payload(seq);
        for (int i = 0; i < body.size(); i++) {
            if (!Arrays.equals(body.get(i), expected.get(i))) {
                reject(pub, seq, "payload frame " + i + " differs from what was sent");
                return;
            }
        }
        received++;
        long expectedFrom;
        Long previous = last.get(pub);
        if (previous == null) {
            first.put(pub, seq);
            expectedFrom = late ? seq : 0;
        } else if (seq <= previous) {
            reject(pub, seq, "out of order after " + previous);
            return;
        } else {
            expectedFrom = previous + 1;
        }
        long skipped = 0;
        for (long s = expectedFrom; s < seq; s++) {
            if (wanted(s)) {
                skipped++;
            }
        }
        if (skipped > 0) {
            gaps++;
            missing += skipped;
            if (gaps <= PRINT_LIMIT) {
                out.accept("GAP " + pub + " " + seq + " " + skipped);
            }
        }
        last.put(pub, seq);
    }

    private void reject(String pub, long seq, String why) {
        bad++;
        if (bad <= PRINT_LIMIT) {
            out.accept("BAD " + pub + " " + seq + " " + why.replace(' ', '_'));
        }
    }

    boolean complete() {
        long end = lastWanted();
        return pubs.stream().allMatch(p -> last.getOrDefault(p, -1L) == end);
    }

    /** The key=value pairs of the DONE line (the same keys as the python peer's). */
    List<String> summary() {
        List<String> parts = new ArrayList<>(List.of("received=" + received, "gaps=" + gaps,
                "missing=" + missing, "bad=" + bad, "complete=" + complete()));
        for (String p : pubs) {
            parts.add("first." + p + "=" + first.getOrDefault(p, -1L));
            parts.add("last." + p + "=" + last.getOrDefault(p, -1L));
        }
        return parts;
    }
}
