package io.gannet.patterns.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Msg;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the Distributor reports as lost: one per message and subscriber that would have had it. */
class DistributorDropCountTest {
    private int dropped;
    private int reports;
    private final Distributor d = new Distributor(n -> {
        dropped += n;
        reports++;
    });

    private void sendMatching(String text, FakePipe... to) {
        for (FakePipe p : to) {
            d.match(p);
        }
        d.sendToMatching(Msg.of(text));
        d.unmatch();
    }

    @Test
    void aSubscriberAtItsHwmLosesEveryFurtherMessageAndEachIsCounted() {
        FakePipe full = new FakePipe("full", 2);
        FakePipe roomy = new FakePipe("roomy", 100);
        d.attach(full);
        d.attach(roomy);
        for (int i = 0; i < 5; i++) {
            d.sendToAll(Msg.of("m" + i));
        }
        assertEquals(List.of("m0", "m1"), full.written);
        assertEquals(5, roomy.written.size());
        assertEquals(3, dropped, "one refused write, then two messages skipped while known full");
    }

    @Test
    void aMultipartMessageCountsOnceNotPerFrame() {
        FakePipe full = new FakePipe("full", 1);
        d.attach(full);
        for (int i = 0; i < 3; i++) {
            d.sendToAll(Msg.of("a").more(true));
            d.sendToAll(Msg.of("b").more(true));
            d.sendToAll(Msg.of("c"));
        }
        assertEquals(List.of("a", "b", "c"), full.written);
        assertEquals(2, dropped);
    }

    @Test
    void everyFullSubscriberCountsAndOneReportIsMadePerSend() {
        FakePipe a = new FakePipe("a", 0);
        FakePipe b = new FakePipe("b", 0);
        FakePipe c = new FakePipe("c", 100);
        d.attach(a);
        d.attach(b);
        d.attach(c);
        sendMatching("x", a, b, c);
        sendMatching("y", a, b, c);
        assertEquals(4, dropped, "two subscribers lose two messages each");
        assertEquals(2, reports, "one report per send, not per subscriber");
        assertEquals(List.of("x", "y"), c.written);
    }

    @Test
    void aKnownFullPipeMatchedThroughSeveralTopicsCountsOnce() {
        FakePipe full = new FakePipe("full", 0);
        FakePipe other = new FakePipe("other", 100);
        d.attach(full);
        d.attach(other);
        sendMatching("first", full);
        assertEquals(1, dropped, "the refused write");
        d.match(full);
        d.match(other);
        d.match(full); // a second topic of the same subscriber matches too
        d.match(full);
        d.sendToMatching(Msg.of("second"));
        d.unmatch();
        assertEquals(2, dropped);
        assertEquals(List.of("second"), other.written);
    }

    @Test
    void aMessageNobodyMatchesIsNotALoss() {
        FakePipe full = new FakePipe("full", 0);
        FakePipe other = new FakePipe("other", 100);
        d.attach(full);
        d.attach(other);
        sendMatching("to nobody");
        sendMatching("to other", other);
        assertEquals(0, dropped, "a full subscriber the message does not match loses nothing");
        assertEquals(0, reports);
    }

    @Test
    void invertedMatchingCountsTheFullPipesTheMessageWouldHaveReached() {
        FakePipe full = new FakePipe("full", 0);
        FakePipe b = new FakePipe("b", 100);
        FakePipe c = new FakePipe("c", 100);
        d.attach(full);
        d.attach(b);
        d.attach(c);
        d.match(b);
        d.reverseMatch();
        d.sendToMatching(Msg.of("1"));
        d.unmatch();
        assertEquals(1, dropped, "full refused it");
        d.match(b);
        d.reverseMatch();
        d.sendToMatching(Msg.of("2"));
        d.unmatch();
        assertEquals(2, dropped, "full is known full and would have had it");
        d.match(full);
        d.reverseMatch();
        d.sendToMatching(Msg.of("3"));
        d.unmatch();
        assertEquals(2, dropped, "inverted, a match on full excludes it: not a loss");
        assertEquals(List.of("1", "2", "3"), c.written);
        assertEquals(List.of("3"), b.written);
    }

    @Test
    void aSubscriberThatLeavesMidMessageLosesItOnce() {
        FakePipe leaving = new FakePipe("leaving", 100);
        FakePipe staying = new FakePipe("staying", 100);
        d.attach(leaving);
        d.attach(staying);
        d.sendToAll(Msg.of("head").more(true));
        d.terminated(leaving);
        d.sendToAll(Msg.of("tail"));
        assertEquals(1, dropped);
        d.sendToAll(Msg.of("next"));
        assertEquals(1, dropped);
        assertEquals(List.of("head", "tail", "next"), staying.written);
    }

    @Test
    void aSubscriberThatLeavesBetweenMessagesLosesNothing() {
        FakePipe leaving = new FakePipe("leaving", 100);
        d.attach(leaving);
        d.sendToAll(Msg.of("whole"));
        d.terminated(leaving);
        d.sendToAll(Msg.of("to nobody"));
        assertEquals(0, dropped);
    }

    @Test
    void aPipeThatRefusesMidMessageLosesItOnceEvenIfItThenTerminates() {
        FakePipe dying = new FakePipe("dying", 100);
        FakePipe staying = new FakePipe("staying", 100);
        d.attach(dying);
        d.attach(staying);
        d.sendToAll(Msg.of("head").more(true));
        dying.die();
        d.sendToAll(Msg.of("body").more(true));
        d.terminated(dying);
        d.sendToAll(Msg.of("tail"));
        assertEquals(1, dropped);
    }

    @Test
    void aReactivatedPipeStopsLosingMessages() {
        FakePipe a = new FakePipe("a", 1);
        d.attach(a);
        d.sendToAll(Msg.of("1"));
        d.sendToAll(Msg.of("2"));
        assertEquals(1, dropped);
        a.drain();
        d.activated(a);
        d.sendToAll(Msg.of("3"));
        assertEquals(1, dropped);
        assertEquals(List.of("1", "3"), a.written);
    }

    @Test
    void checkHwmRefusesWhenAMatchingPipeIsKnownFullSoNodropLosesNothing() {
        FakePipe full = new FakePipe("full", 0);
        FakePipe other = new FakePipe("other", 100);
        d.attach(full);
        d.attach(other);
        sendMatching("lossy", full); // made known full by a lossy send
        assertEquals(1, dropped);
        d.match(full);
        d.match(other);
        assertFalse(d.checkHwm(), "full would lose the message");
        d.unmatch();
        d.match(other);
        assertTrue(d.checkHwm(), "a message full does not match may go");
        d.unmatch();
        d.match(other);
        d.reverseMatch();
        assertFalse(d.checkHwm(), "inverted, full would get it");
        d.unmatch();
        assertEquals(1, dropped, "checking counts nothing");
    }
}
