package io.gannet.patterns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Msg;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributorTest {
    private final Distributor d = new Distributor();
    private final FakePipe a = new FakePipe("a", 2);
    private final FakePipe b = new FakePipe("b", 100);
    private final FakePipe c = new FakePipe("c", 100);

    private void sendMatching(String text, boolean more, FakePipe... to) {
        for (FakePipe p : to) {
            d.match(p);
        }
        d.sendToMatching(Msg.of(text).more(more));
        if (!more) {
            d.unmatch();
        }
    }

    @Test
    void sendsOnlyToMatchedPipes() {
        d.attach(a);
        d.attach(b);
        d.attach(c);
        sendMatching("x", false, a, c);
        assertEquals(List.of("x"), a.written);
        assertEquals(List.of(), b.written);
        assertEquals(List.of("x"), c.written);
    }

    @Test
    void aFullPipeIsSkippedUntilActivated() {
        d.attach(a);
        d.attach(b);
        for (int i = 0; i < 5; i++) {
            d.sendToAll(Msg.of("m" + i));
        }
        assertEquals(List.of("m0", "m1"), a.written);
        assertEquals(5, b.written.size());
        a.drain();
        d.activated(a);
        d.sendToAll(Msg.of("m5"));
        assertEquals(List.of("m0", "m1", "m5"), a.written);
    }

    @Test
    void checkHwmSeesAFullMatchedPipe() {
        d.attach(a);
        d.attach(b);
        sendMatching("1", false, a);
        sendMatching("2", false, a);
        d.match(a);
        d.match(b);
        assertFalse(d.checkHwm());
        d.unmatch();
        d.match(b);
        assertTrue(d.checkHwm());
    }

    @Test
    void aPipeAttachedMidMessageWaitsForTheNextMessage() {
        d.attach(b);
        d.sendToAll(Msg.of("h").more(true));
        d.attach(c);
        d.sendToAll(Msg.of("t"));
        d.sendToAll(Msg.of("next"));
        assertEquals(List.of("h", "t", "next"), b.written);
        assertEquals(List.of("next"), c.written);
    }

    @Test
    void reverseMatchSelectsTheOtherPipes() {
        d.attach(a);
        d.attach(b);
        d.attach(c);
        d.match(b);
        d.reverseMatch();
        d.sendToMatching(Msg.of("x"));
        assertEquals(List.of("x"), a.written);
        assertEquals(List.of(), b.written);
        assertEquals(List.of("x"), c.written);
    }

    @Test
    void terminatedPipesAreForgottenAndActivationIsIdempotent() {
        d.attach(a);
        d.attach(b);
        d.activated(b);
        d.activated(b);
        d.terminated(a);
        assertFalse(d.hasPipe(a));
        assertEquals(1, d.size());
        d.sendToAll(Msg.of("x"));
        assertEquals(List.of("x"), b.written);
    }
}
