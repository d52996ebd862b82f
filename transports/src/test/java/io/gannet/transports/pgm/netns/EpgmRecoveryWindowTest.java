package io.gannet.transports.pgm.netns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.netns.EpgmPeers.Impl;
import io.gannet.transports.pgm.netns.NetnsLab.Side;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loss the publisher can no longer repair: with RECOVERY_IVL 1 s and RATE 2,000 kbit/s the
 * transmit window holds about a second of data, and the subscriber's side drops every UDP
 * packet while the publisher sends three seconds' worth (3,000 messages, one a millisecond). The Gannet subscriber must report
 * the loss through its monitor (MESSAGES_DROPPED) and its drop count, resynchronise at the
 * next message boundary, and receive every later message whole: never a partial or corrupt
 * one, and the stream complete from the resync on.
 */
class EpgmRecoveryWindowTest {
    private static final int COUNT = 9000;
    private static final int BLACKOUT = 3000;

    @ParameterizedTest(name = "{0} PUB -> gannet SUB")
    @EnumSource(Impl.class)
    void lossBeyondTheWindowIsReportedAndTheStreamResynchronises(Impl pubImpl) {
        try (NetnsLab lab = NetnsLab.create()) {
            List<String> common = List.of("--count", Integer.toString(COUNT), "--profile", "fixed:100",
                    "--multipart-every", "4", "--rate", "2000", "--recovery-ivl", "1000", "--progress", "500");
            NsChild sub = EpgmPeers.start(lab, Impl.GANNET, Side.B, "sub", "sub", common);
            NsChild pub = EpgmPeers.start(lab, pubImpl, Side.A, "pub", "pub",
                    NetnsLabTest.plus(common, "--hello", "--interval-us", "1000"));
            sub.awaitLine("READY", Duration.ofSeconds(60));
            pub.awaitLine("READY", Duration.ofSeconds(60));
            sub.awaitLine("JOINED p1", Duration.ofSeconds(60));
            pub.writeLine("go");
            // The blackout is timed by the publisher's progress (the subscriber may lag on a loaded machine).
            awaitCount(pub, "SENT", 1000);
            lab.loss(Side.B, 1.0);
            long blackoutFrom = latestCount(pub, "SENT");
            assertTrue(blackoutFrom + BLACKOUT + 1000 <= COUNT, "the publisher ran ahead of the test: " + pub.describe());
            awaitCount(pub, "SENT", blackoutFrom + BLACKOUT);
            lab.loss(Side.B, 0);
            Map<String, String> done = sub.awaitDone(Duration.ofSeconds(60));
            pub.writeLine("stop");
            pub.awaitDone(Duration.ofSeconds(30));

            String why = done + "\n" + sub.describe() + "\n" + pub.describe();
            long missing = Long.parseLong(done.get("missing"));
            assertTrue(done.get("complete").equals("true"), "the stream did not resume to its end: " + why);
            assertTrue(done.get("bad").equals("0"), "a partial or corrupt message was delivered: " + why);
            assertTrue(missing > 0 && Long.parseLong(done.get("gaps")) > 0, "the blackout lost nothing: " + why);
            assertTrue(Long.parseLong(done.get("received")) + missing == COUNT, why);
            assertTrue(Long.parseLong(done.get("dropped")) > 0, "droppedMessages() counted nothing: " + why);
            assertTrue(sub.transcript().stream().anyMatch(l -> l.startsWith("EVENT MESSAGES_DROPPED ")),
                    "no MESSAGES_DROPPED monitor event: " + why);
            EpgmPeers.assertNoLeak(sub);
        }
    }

    /** The highest {@code token n} progress line printed so far (waiting for one if none is pending). */
    static long latestCount(NsChild child, String token) {
        long n = awaitCount(child, token, 0);
        for (String line = child.pollLine(token); line != null; line = child.pollLine(token)) {
            n = Math.max(n, Long.parseLong(line.substring(token.length() + 1).trim()));
        }
        return n;
    }

    /** Waits until {@code child} prints a progress line {@code token n} with n >= min; returns that n. */
    static long awaitCount(NsChild child, String token, long min) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String line = child.awaitLine(token, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            long n = Long.parseLong(line.substring(token.length() + 1).trim());
            if (n >= min) {
                return n;
            }
        }
    }
}
