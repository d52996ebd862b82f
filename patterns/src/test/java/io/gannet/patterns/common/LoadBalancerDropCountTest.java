package io.gannet.patterns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Msg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LoadBalancer's one loss: a message whose pipe dies after its first frame. */
class LoadBalancerDropCountTest {
    private int dropped;
    private final LoadBalancer lb = new LoadBalancer(n -> dropped += n);

    @Test
    void aPipeTerminatedMidMessageLosesTheMessageOnce() {
        FakePipe a = new FakePipe("a", 100);
        FakePipe b = new FakePipe("b", 100);
        lb.attach(a);
        lb.attach(b);
        assertTrue(lb.send(Msg.of("h").more(true), null));
        lb.terminated(a);
        assertTrue(lb.send(Msg.of("m").more(true), null));
        assertTrue(lb.send(Msg.of("t"), null));
        assertEquals(1, dropped);
        assertTrue(lb.send(Msg.of("next"), null));
        assertEquals(List.of("next"), b.written, "the rest of the lost message went nowhere");
        assertEquals(1, dropped);
    }

    @Test
    void aPipeThatRefusesMidMessageThenTerminatesLosesTheMessageOnce() {
        FakePipe a = new FakePipe("a", 100);
        lb.attach(a);
        assertTrue(lb.send(Msg.of("h").more(true), null));
        a.die();
        assertTrue(lb.send(Msg.of("m").more(true), null));
        lb.terminated(a);
        assertTrue(lb.send(Msg.of("t"), null));
        assertEquals(1, dropped);
    }

    @Test
    void aRefusedLastFrameLosesOneMessage() {
        FakePipe a = new FakePipe("a", 100);
        lb.attach(a);
        assertTrue(lb.send(Msg.of("h").more(true), null));
        a.die();
        assertTrue(lb.send(Msg.of("t"), null));
        lb.terminated(a);
        assertEquals(1, dropped);
    }

    @Test
    void aFullPipeBlocksAndLosesNothing() {
        FakePipe a = new FakePipe("a", 1);
        lb.attach(a);
        assertTrue(lb.send(Msg.of("1"), null));
        Msg second = Msg.of("2");
        assertFalse(lb.send(second, null));
        second.close();
        lb.terminated(a);
        assertEquals(0, dropped, "refusing a message is not losing it; a pipe gone between messages loses none");
    }
}
