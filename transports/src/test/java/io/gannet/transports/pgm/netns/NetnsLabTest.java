package io.gannet.transports.pgm.netns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.netns.EpgmPeers.Impl;
import io.gannet.transports.pgm.netns.NetnsLab.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, with libzmq on both ends: two namespaces carry epgm between them,
 * the loss filter really drops packets (and OpenPGM repairs them), and close() leaves
 * nothing behind.
 */
class NetnsLabTest {

    @Test
    void libzmqPublisherReachesLibzmqSubscriberAcrossNamespacesThroughFivePercentLoss() {
        try (NetnsLab lab = NetnsLab.create()) {
            lab.loss(Side.B, 0.05);
            List<String> common = List.of("--count", "5000", "--multipart-every", "7", "--buffer", "4000000");
            NsChild sub = EpgmPeers.start(lab, Impl.LIBZMQ, Side.B, "sub", "sub", common);
            NsChild pub = EpgmPeers.start(lab, Impl.LIBZMQ, Side.A, "pub", "pub", plus(common, "--hello"));
            Map<String, String> done = EpgmPeers.run(List.of(sub), List.of(pub), List.of("p1"),
                    Duration.ofSeconds(60)).get(0);
            EpgmPeers.assertComplete(done, 5000, sub, pub);
            assertTrue(lab.droppedPackets(Side.B) > 0, "the loss filter dropped nothing");
        }
    }

    @Test
    void closeRemovesBothNamespaces() {
        NetnsLab lab = NetnsLab.create();
        String a = lab.namespace(Side.A);
        String b = lab.namespace(Side.B);
        assertTrue(namespaces().contains(a + "\n") || namespaces().contains(a + " "), namespaces());
        lab.close();
        assertFalse(namespaces().contains(a), namespaces());
        assertFalse(namespaces().contains(b), namespaces());
    }

    @Test
    void lossFilterThresholdIsTheFractionOfTwoToThe32() {
        assertTrue(NetnsLab.lossBytecode(0.01).contains("37 1 0 42949673,"));
        assertTrue(NetnsLab.lossBytecode(0.05).contains("37 1 0 214748365,"));
        assertTrue(NetnsLab.lossBytecode(1).contains("5 0 0 0,6 0 0 2"));
        assertEquals(9, NetnsLab.lossBytecode(0.5).split(",").length);
    }

    private static String namespaces() {
        return NetnsLab.run(List.of("ip", "netns", "list")) + "\n";
    }

    static List<String> plus(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }
}
