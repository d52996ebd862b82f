package io.gannet.transports.pgm.netns;

import io.gannet.transports.pgm.netns.EpgmPeers.Impl;
import io.gannet.transports.pgm.netns.NetnsLab.Side;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * 100,000 messages over epgm:// from one namespace to the other, each checked whole on
 * arrival (header, frame count, CRC-32, every byte) and in order: payloads of 1 B to 8 KB
 * (log-uniform), every 7th message multipart (three payload frames, one empty), at
 * RATE 100,000 kbit/s. Gannet to Gannet and Gannet with libzmq in both directions.
 */
class EpgmInteropTest {
    private static final int COUNT = 100_000;

    @ParameterizedTest(name = "{0} PUB -> {1} SUB")
    @CsvSource({"GANNET, GANNET", "GANNET, LIBZMQ", "LIBZMQ, GANNET"})
    void hundredThousandMessagesArriveWholeAndInOrder(Impl pubImpl, Impl subImpl) {
        try (NetnsLab lab = NetnsLab.create()) {
            List<String> common = List.of("--count", Integer.toString(COUNT), "--multipart-every", "7",
                    "--rate", "100000", "--buffer", "4000000", "--progress", "25000");
            NsChild sub = EpgmPeers.start(lab, subImpl, Side.B, "sub", "sub", common);
            NsChild pub = EpgmPeers.start(lab, pubImpl, Side.A, "pub", "pub", NetnsLabTest.plus(common, "--hello"));
            Map<String, String> done = EpgmPeers.run(List.of(sub), List.of(pub), List.of("p1"),
                    Duration.ofSeconds(150)).get(0);
            EpgmPeers.assertComplete(done, COUNT, sub, pub);
        }
    }
}
