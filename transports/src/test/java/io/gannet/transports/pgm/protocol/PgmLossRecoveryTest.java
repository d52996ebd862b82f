package io.gannet.transports.pgm.protocol;

import static io.gannet.transports.pgm.protocol.PgmTestSupport.GSI;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.S;
import static io.gannet.transports.pgm.protocol.PgmTestSupport.v4;
import static io.gannet.transports.pgm.protocol.SimulatedNetwork.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.transports.pgm.protocol.SimulatedNetwork.Link;
import io.gannet.transports.pgm.protocol.SimulatedNetwork.Receiver;
import io.gannet.transports.pgm.protocol.SimulatedNetwork.Sender;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * PgmSource and PgmSinks over a simulated network with deterministic loss (random 1% and 5%,
 * bursts, outages), reordering and duplicates, with libzmq's OpenPGM timers: every message
 * arrives exactly once and in order, or, beyond the transmit window, is reported lost and the
 * stream continues.
 */
class PgmLossRecoveryTest {
    private static final int MESSAGES = 3000;

    private static SimulatedNetwork net(long seed) {
        return new SimulatedNetwork(seed, 3 * MS, 0.01);
    }

    @ParameterizedTest(name = "{0}% loss both ways, seed {1}")
    @CsvSource({"1, 1", "1, 2", "5, 3", "5, 4", "10, 5"})
    void randomLossIsRepairedForEveryReceiver(int percent, long seed) {
        SimulatedNetwork net = net(seed);
        Sender sender = net.addSender(v4("10.0.0.1"), GSI, 50074, 10_000, 10_000, MESSAGES, 0);
        Link loss = SimulatedNetwork.randomLoss(percent / 100.0);
        Receiver[] receivers = new Receiver[3];
        for (int i = 0; i < receivers.length; i++) {
            receivers[i] = net.addReceiver(v4("10.0.1." + (i + 1)), 30000 + i, 10_000, 10_000, loss, loss);
        }
        net.run(600 * S);
        for (Receiver r : receivers) {
            assertEquals(MESSAGES, r.deliveredFrom(0), "every message, once, in order");
            assertEquals(0, r.lost);
            assertTrue(r.sink.stats().naksSent() > 0);
            assertTrue(r.sink.stats().repairsReceived() > 0);
            assertEquals(0, r.sink.stats().badPackets());
        }
        assertTrue(sender.source.stats().rdataSent() > 0);
        assertTrue(sender.source.stats().ncfsSent() > 0);
    }

    @Test
    void burstsOfLossAreRepaired() {
        SimulatedNetwork net = net(7);
        net.addSender(v4("10.0.0.1"), GSI, 50074, 10_000, 10_000, MESSAGES, 0);
        Receiver r = net.addReceiver(v4("10.0.1.1"), 30000, 10_000, 10_000, SimulatedNetwork.bursts(300, 40),
                SimulatedNetwork.PERFECT);
        net.run(600 * S);
        assertEquals(MESSAGES, r.deliveredFrom(0));
        assertEquals(0, r.lost);
    }

    @Test
    void tailLossIsFoundFromTheHeartbeatSpmsAndRepaired() {
        SimulatedNetwork net = new SimulatedNetwork(13, 0, 0);
        net.addSender(v4("10.0.0.1"), GSI, 50074, 10_000, 10_000, MESSAGES, 0);
        // the link's first MESSAGES packets are the ODATA (sent at once); lose the last 65 of them
        Receiver r = net.addReceiver(v4("10.0.1.1"), 30000, 10_000, 10_000,
                (n, now, random) -> n >= MESSAGES - 65 && n < MESSAGES, SimulatedNetwork.PERFECT);
        net.run(600 * S);
        assertEquals(MESSAGES, r.deliveredFrom(0));
        assertEquals(0, r.lost);
        assertTrue(net.now < 1 * S, "repaired within the first heartbeats: " + net.now);
    }

    @Test
    void lossBeyondTheWindowIsReportedAndDeliveryContinues() {
        SimulatedNetwork net = new SimulatedNetwork(8, 0, 0); // no reordering: the window is tiny
        // 100 kbit/s, RECOVERY_IVL 1.5 s: a transmit window of 12 sqns; the link is down for 1 s
        net.addSender(v4("10.0.0.1"), GSI, 50074, 100, 1500, 600, 0);
        Receiver r = net.addReceiver(v4("10.0.1.1"), 30000, 100, 1500,
                SimulatedNetwork.outage(1 * S, 2 * S), SimulatedNetwork.PERFECT);
        Receiver clean = net.addReceiver(v4("10.0.1.2"), 30001, 100, 1500, SimulatedNetwork.PERFECT,
                SimulatedNetwork.PERFECT);
        net.run(600 * S);
        assertTrue(r.lost > 12, "more than a window was lost: " + r.lost);
        assertEquals(600, r.deliveredFrom(0) + r.lostFrom(0), "every message delivered or reported lost");
        assertEquals(600, r.nextIndex(0));
        assertEquals(r.lost, r.sink.stats().sqnsLost());
        assertEquals(600, clean.deliveredFrom(0));
    }

    @Test
    void aLateJoinerGetsEverythingFromWhereItJoined() {
        SimulatedNetwork net = net(9);
        // 100 kbit/s: about 200 messages at once, then 200 a second
        net.addSender(v4("10.0.0.1"), GSI, 50074, 100, 100_000, MESSAGES, 0);
        Receiver early = net.addReceiver(v4("10.0.1.1"), 30000, 100, 100_000, SimulatedNetwork.randomLoss(0.02),
                SimulatedNetwork.PERFECT);
        Receiver late = net.addReceiver(v4("10.0.1.2"), 30001, 100, 100_000, SimulatedNetwork.randomLoss(0.02),
                SimulatedNetwork.PERFECT);
        late.attached = false;
        net.run(2 * S);
        assertTrue(early.deliveredFrom(0) > 100, "the source is well under way");
        late.attached = true;
        net.run(600 * S);
        assertEquals(MESSAGES, early.deliveredFrom(0));
        assertEquals(0, late.lost);
        long joinedAt = MESSAGES - late.deliveredFrom(0);
        assertTrue(joinedAt > 100 && joinedAt < MESSAGES, "started mid-stream at " + joinedAt);
    }

    @Test
    void twoSourcesOnOneGroupAreBothRepaired() {
        SimulatedNetwork net = net(10);
        net.addSender(v4("10.0.0.1"), GSI, 50074, 10_000, 10_000, MESSAGES, 0);
        net.addSender(v4("10.0.0.2"), new byte[] {1, 2, 3, 4, 5, 6}, 50074, 10_000, 10_000, MESSAGES, 0);
        Link loss = SimulatedNetwork.randomLoss(0.05);
        Receiver r = net.addReceiver(v4("10.0.1.1"), 30000, 10_000, 10_000, loss, loss);
        net.run(600 * S);
        assertEquals(MESSAGES, r.deliveredFrom(0));
        assertEquals(MESSAGES, r.deliveredFrom(1));
        assertEquals(2, r.sink.stats().sources());
    }

    @Test
    void sequenceNumbersWrapAroundUnderLoss() {
        SimulatedNetwork net = net(11);
        net.addSender(v4("10.0.0.1"), GSI, 50074, 10_000, 10_000, MESSAGES, -MESSAGES / 2);
        Link loss = SimulatedNetwork.randomLoss(0.05);
        Receiver r = net.addReceiver(v4("10.0.1.1"), 30000, 10_000, 10_000, loss, loss);
        net.run(600 * S);
        assertEquals(MESSAGES, r.deliveredFrom(0));
        assertEquals(0, r.lost);
    }

    @Test
    void theDefaultRateIsHonouredOnTheWire() {
        // libzmq defaults: RATE 100 kbit/s. 200 full TSDUs of 1428 bytes = 200 x 1480 wire bytes.
        SimulatedNetwork net = new SimulatedNetwork(12, 0, 0);
        Sender sender = net.addSender(v4("10.0.0.1"), GSI, 50074, 100, 10_000, 0, 0);
        ByteBuffer full = ByteBuffer.allocate(1428);
        int sent = 0;
        sender.source.onTimer(net.now);
        long start = net.now;
        while (sent < 200) {
            full.clear();
            if (sender.source.send(full, net.now)) {
                sent++;
            } else {
                net.now = Math.max(net.now, sender.source.nextDeadline());
                sender.source.onTimer(net.now);
            }
        }
        long elapsed = net.now - start;
        long expected = (200L * 1480 - 12_500) * S / 12_500; // the bucket starts with 12,500 bytes
        assertTrue(Math.abs(elapsed - expected) < 20 * MS, elapsed + " vs " + expected);
        assertEquals(200, sender.source.stats().odataSent());
    }
}
