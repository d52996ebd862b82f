package io.gannet.transports.pgm.netns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.netns.EpgmPeers.Impl;
import io.gannet.transports.pgm.netns.NetnsLab.Side;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random loss within the recovery window is repaired: the subscriber NAKs, the publisher
 * answers with NCF and RDATA, and every message arrives whole and in order. Loss is applied
 * to packets arriving on both sides (data and repairs at the subscriber, NAKs at the
 * publisher) by the cls_bpf filter of {@link NetnsLab}, which stands in for netem.
 */
class EpgmLossRepairTest {
    private static final int COUNT = 20_000;

    @ParameterizedTest(name = "{0} PUB -> {1} SUB, {2} loss")
    @CsvSource({"GANNET, LIBZMQ, 0.01", "LIBZMQ, GANNET, 0.01", "GANNET, LIBZMQ, 0.05", "LIBZMQ, GANNET, 0.05",
            "GANNET, GANNET, 0.05"})
    void randomLossIsRepairedWithNothingMissing(Impl pubImpl, Impl subImpl, double loss) {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.loss(Side.A, loss);
            lab.loss(Side.B, loss);
            List<String> common = List.of("--count", Integer.toString(COUNT), "--multipart-every", "5",
                    "--rate", "100000", "--buffer", "4000000");
            NsChild sub = EpgmPeers.start(lab, subImpl, Side.B, "sub", "sub", common);
            NsChild pub = EpgmPeers.start(lab, pubImpl, Side.A, "pub", "pub", NetnsLabTest.plus(common, "--hello"));
            Map<String, String> done = EpgmPeers.run(List.of(sub), List.of(pub), List.of("p1"),
                    Duration.ofSeconds(120)).get(0);
            EpgmPeers.assertComplete(done, COUNT, sub, pub);
            assertTrue(lab.droppedPackets(Side.B) > 0, "the loss filter dropped nothing");
        }
    }
}
