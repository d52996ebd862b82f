package io.gannet.transports.pgm.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.netns.EpgmPeers.Impl;
import io.gannet.transports.pgm.netns.NetnsLab.Side;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Late joiners, two publishers on one group, and topic filtering at the receiver. */
class EpgmScenariosTest {

    /**
     * A subscriber that joins while the publisher is mid-stream starts at a message boundary
     * (its first message is whole) and from there misses nothing.
     */
    @ParameterizedTest(name = "{0} PUB -> late {1} SUB")
    @CsvSource({"LIBZMQ, GANNET", "GANNET, LIBZMQ", "GANNET, GANNET"})
    void lateJoinerStartsAtAMessageBoundaryAndMissesNothingAfter(Impl pubImpl, Impl subImpl) {
        int count = 8000;
        try (NetnsLab lab = NetnsLab.create()) {
            List<String> common = List.of("--count", Integer.toString(count), "--multipart-every", "3",
                    "--rate", "100000", "--buffer", "4000000");
            // The subscriber's process is up before the publisher starts (however slow a JVM
            // is to start), and connects only once 1500 messages are out: late by construction.
            NsChild sub = EpgmPeers.start(lab, subImpl, Side.B, "sub", "sub", NetnsLabTest.plus(common, "--late"));
            sub.awaitLine("STARTED", Duration.ofSeconds(60));
            NsChild pub = EpgmPeers.start(lab, pubImpl, Side.A, "pub", "pub",
                    NetnsLabTest.plus(common, "--interval-us", "500", "--progress", "500"));
            pub.awaitLine("READY", Duration.ofSeconds(60));
            EpgmRecoveryWindowTest.awaitCount(pub, "SENT", 1500);
            sub.writeLine("go");
            Map<String, String> done = sub.awaitDone(Duration.ofSeconds(90));
            pub.writeLine("stop");
            pub.awaitDone(Duration.ofSeconds(30));
            long first = Long.parseLong(done.get("first.p1"));
            String why = done + "\n" + sub.describe() + "\n" + pub.describe();
            assertTrue(first > 0 && first < count - 1, "the subscriber did not join mid-stream: " + why);
            EpgmPeers.assertComplete(done, count - first, sub, pub);
        }
    }

    /**
     * Two publishers (one Gannet, one libzmq) on the same group and port, sending multipart
     * messages that span TSDUs: a Gannet subscriber receives both streams complete and
     * whole, told apart by their TSI (one decoder per source, whole messages handed up).
     * No libzmq subscriber here: libzmq's receiver pushes each frame into the socket as its
     * source's decoder completes it, so two sources' multipart messages (every test message
     * is: a header frame, then payload) interleave frame by frame there — a libzmq limit.
     */
    @Test
    void twoPublishersOnOneGroupAreBothReceivedCompleteAndWhole() {
        int count = 10_000;
        try (NetnsLab lab = NetnsLab.create()) {
            List<String> common = List.of("--count", Integer.toString(count), "--multipart-every", "5",
                    "--rate", "50000", "--buffer", "4000000");
            NsChild gannetSub = EpgmPeers.start(lab, Impl.GANNET, Side.B, "gannet sub", "sub",
                    NetnsLabTest.plus(common, "--pubs", "p1,p2"));
            NsChild p1 = EpgmPeers.start(lab, Impl.GANNET, Side.A, "pub p1", "pub",
                    NetnsLabTest.plus(common, "--hello", "--pub-id", "p1"));
            NsChild p2 = EpgmPeers.start(lab, Impl.LIBZMQ, Side.A, "pub p2", "pub",
                    NetnsLabTest.plus(common, "--hello", "--pub-id", "p2"));
            List<Map<String, String>> done = EpgmPeers.run(List.of(gannetSub), List.of(p1, p2),
                    List.of("p1", "p2"), Duration.ofSeconds(120));
            EpgmPeers.assertComplete(done.get(0), 2L * count, gannetSub, p1, p2);
        }
    }

    /**
     * A subscriber gets only its topic: the publisher sends topics A, B and C in turn to the
     * group (an epgm publisher sees no subscriptions), and each subscriber filters for B.
     */
    @ParameterizedTest(name = "{0} PUB -> SUB filtering topic B")
    @EnumSource(Impl.class)
    void subscriberReceivesOnlyItsTopic(Impl pubImpl) {
        int count = 9000;
        try (NetnsLab lab = NetnsLab.create()) {
            List<String> common = List.of("--count", Integer.toString(count), "--topics", "A,B,C",
                    "--rate", "100000", "--buffer", "4000000");
            List<String> subArgs = NetnsLabTest.plus(common, "--subscribe", "B");
            NsChild gannetSub = EpgmPeers.start(lab, Impl.GANNET, Side.B, "gannet sub", "sub", subArgs);
            NsChild libzmqSub = EpgmPeers.start(lab, Impl.LIBZMQ, Side.B, "libzmq sub", "sub", subArgs);
            NsChild pub = EpgmPeers.start(lab, pubImpl, Side.A, "pub", "pub", NetnsLabTest.plus(common, "--hello"));
            List<Map<String, String>> done = EpgmPeers.run(List.of(gannetSub, libzmqSub), List.of(pub),
                    List.of("p1"), Duration.ofSeconds(90));
            // Topic of seq s is "ABC".charAt(s % 3): B is every third message, from seq 1.
            EpgmPeers.assertComplete(done.get(0), count / 3, gannetSub, pub);
            EpgmPeers.assertComplete(done.get(1), count / 3, libzmqSub, pub);
            assertEquals("1", done.get(0).get("first.p1"));
        }
    }
}
