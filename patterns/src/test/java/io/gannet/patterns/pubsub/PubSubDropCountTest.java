package io.gannet.patterns.pubsub;

import static io.gannet.patterns.pubsub.PubSubSupport.expectSubscription;
import static io.gannet.patterns.pubsub.PubSubSupport.recv;
import static io.gannet.patterns.pubsub.PubSubSupport.recvNow;
import static io.gannet.patterns.pubsub.PubSubSupport.socket;
import static io.gannet.patterns.pubsub.PubSubSupport.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.patterns.common.FakeHost;
import io.gannet.patterns.common.FakePipe;
import io.gannet.testing.TestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pub-sub losses and {@link Socket#droppedMessages()}, over inproc, where a pipe's high-water
 * mark is SNDHWM + RCVHWM and a socket sees its peers' commands only inside its own calls:
 * each scenario loses an exact number of messages.
 */
class PubSubDropCountTest {
    /** A SUB subscribed to everything, connected to {@code pub}, with room for two messages. */
    private static Socket slowSubscriber(Context ctx, String ep) {
        Socket sub = socket(ctx, SocketType.SUB);
        sub.set(SocketOption.RCVHWM, 1);
        sub.subscribe("");
        sub.connect(ep); // the subscription is in the pipe before the publisher's next call
        return sub;
    }

    private static Socket publisher(Context ctx, SocketType type, String ep) {
        Socket pub = socket(ctx, type);
        pub.set(SocketOption.SNDHWM, 1);
        pub.bind(ep);
        return pub;
    }

    @Test
    void pubCountsEachMessageASlowSubscriberLoses() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = publisher(ctx, SocketType.PUB, ep);
             Socket sub = slowSubscriber(ctx, ep)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(pub.send("m" + i, Socket.DONTWAIT), "PUB never refuses");
            }
            assertEquals(3, pub.droppedMessages(), "a pipe of SNDHWM 1 + RCVHWM 1 holds two of five");
            assertEquals("m0", recv(sub));
            assertEquals("m1", recv(sub));
            assertNull(recvNow(sub));
            assertEquals(0, sub.droppedMessages());
        }
    }

    @Test
    void aLostMultipartMessageCountsOnce() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = publisher(ctx, SocketType.PUB, ep);
             Socket sub = slowSubscriber(ctx, ep)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(pub.send("head" + i, Socket.SNDMORE));
                assertTrue(pub.send("body", Socket.SNDMORE));
                assertTrue(pub.send("tail"));
            }
            assertEquals(3, pub.droppedMessages());
        }
    }

    @Test
    void eachSlowSubscriberCountsItsOwnLosses() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = publisher(ctx, SocketType.PUB, ep);
             Socket a = slowSubscriber(ctx, ep); Socket b = slowSubscriber(ctx, ep)) {
            for (int i = 0; i < 5; i++) {
                pub.send("m" + i);
            }
            assertEquals(6, pub.droppedMessages(), "three lost by each of two subscribers");
        }
    }

    @Test
    void aSubscriberThatLeavesMidMessageLosesOneMessage() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = publisher(ctx, SocketType.PUB, ep)) {
            Socket sub = slowSubscriber(ctx, ep);
            assertTrue(pub.send("head", Socket.SNDMORE));
            sub.close();
            assertTrue(pub.send("tail"));
            assertEquals(1, pub.droppedMessages());
            pub.send("next");
            assertEquals(1, pub.droppedMessages(), "nobody left to lose anything");
        }
    }

    @Test
    void publishingToNobodyOrToOtherTopicsLosesNothing() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = publisher(ctx, SocketType.PUB, ep)) {
            for (int i = 0; i < 100; i++) {
                pub.send("nobody" + i);
            }
            try (Socket sub = socket(ctx, SocketType.SUB)) {
                sub.set(SocketOption.RCVHWM, 1);
                sub.subscribe("weather.");
                sub.connect(ep);
                for (int i = 0; i < 100; i++) {
                    pub.send("sport." + i);
                }
                assertEquals(0, pub.droppedMessages(), "a message nobody subscribed to is not a loss");
                assertEquals(0, sub.droppedMessages());
            }
        }
    }

    @Test
    void normalTrafficLosesNothing() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB);
             Socket sub = socket(ctx, SocketType.SUB)) {
            pub.bind(ep);
            sub.subscribe("");
            sub.connect(ep);
            for (int i = 0; i < 10_000; i++) {
                pub.send("m" + i, i % 3 == 0 ? Socket.SNDMORE : 0);
                if (i % 3 != 0) {
                    if (i % 3 == 1) {
                        assertEquals("m" + (i - 1), recv(sub));
                    }
                    assertEquals("m" + i, recv(sub));
                }
            }
            assertEquals(0, pub.droppedMessages());
            assertEquals(0, sub.droppedMessages());
        }
    }

    @Test
    void xpubNodropAtTheHwmRefusesAndLosesNothing() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket xpub = publisher(ctx, SocketType.XPUB, ep);
             Socket sub = slowSubscriber(ctx, ep)) {
            xpub.set(SocketOption.XPUB_NODROP, true);
            expectSubscription(xpub, 1, "");
            assertTrue(xpub.send("m0", Socket.DONTWAIT));
            assertTrue(xpub.send("m1", Socket.DONTWAIT));
            assertFalse(xpub.send("m2", Socket.DONTWAIT), "full: NODROP refuses instead of dropping");
            assertEquals(0, xpub.droppedMessages());
            assertEquals("m0", recv(sub));
            assertEquals("m1", recv(sub));
        }
    }

    @Test
    void nodropAlsoWaitsForASubscriberALossySendFoundFull() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket xpub = publisher(ctx, SocketType.XPUB, ep);
             Socket sub = slowSubscriber(ctx, ep)) {
            expectSubscription(xpub, 1, "");
            for (int i = 0; i < 3; i++) {
                xpub.send("lossy" + i);
            }
            assertEquals(1, xpub.droppedMessages());
            xpub.set(SocketOption.XPUB_NODROP, true);
            assertFalse(xpub.send("kept", Socket.DONTWAIT), "the subscriber is known full");
            assertEquals(1, xpub.droppedMessages());
            assertEquals("lossy0", recv(sub));
            assertEquals("lossy1", recv(sub));
            assertTrue(xpub.send("kept", Socket.DONTWAIT), "room again once the subscriber read");
            assertEquals("kept", recv(sub));
            assertEquals(1, xpub.droppedMessages());
        }
    }

    @Test
    void xsubCountsDataLostUpstreamAtAPublishersHwm() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB);
             Socket xsub = socket(ctx, SocketType.XSUB)) {
            xpub.set(SocketOption.RCVHWM, 1).bind(ep);
            xsub.set(SocketOption.SNDHWM, 1).connect(ep);
            for (int i = 0; i < 5; i++) {
                assertTrue(xsub.send("d" + i, Socket.DONTWAIT), "XSUB never refuses");
            }
            assertEquals(3, xsub.droppedMessages());
            assertEquals("d0", recv(xpub));
            assertEquals("d1", recv(xpub));
            assertEquals(0, xpub.droppedMessages());
        }
    }

    @Test
    void xsubCountsSubscriptionsItsReplayLosesAtTheHwm() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB);
             Socket xsub = socket(ctx, SocketType.XSUB)) {
            xpub.set(SocketOption.RCVHWM, 1).bind(ep);
            xsub.set(SocketOption.SNDHWM, 1);
            for (String topic : new String[] {"A", "B", "C", "D", "E"}) {
                assertTrue(xsub.send(subscription(1, topic)));
            }
            assertEquals(0, xsub.droppedMessages(), "no publisher yet: nothing is lost, all is remembered");
            xsub.connect(ep);
            assertEquals(3, xsub.droppedMessages(), "the replay to the new publisher fits two of five");
            expectSubscription(xpub, 1, "A");
            expectSubscription(xpub, 1, "B");
        }
    }

    @Test
    void subCountsSubscriptionsItsReplayLosesAtTheHwm() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB);
             Socket sub = socket(ctx, SocketType.SUB)) {
            xpub.set(SocketOption.RCVHWM, 1).bind(ep);
            sub.set(SocketOption.SNDHWM, 1);
            for (String topic : new String[] {"A", "B", "C", "D"}) {
                sub.subscribe(topic);
            }
            sub.connect(ep);
            assertEquals(2, sub.droppedMessages());
        }
    }

    @Test
    void subFilteringAndAbsorbedCancelsLoseNothing() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB);
             Socket sub = socket(ctx, SocketType.SUB)) {
            pub.bind(ep);
            sub.subscribe("A");
            sub.subscribe("B");
            sub.subscribe("B"); // counted twice here: the first cancel below is absorbed
            sub.connect(ep);
            assertTrue(pub.send("B1"));
            sub.unsubscribe("B");
            sub.unsubscribe("B");
            assertTrue(pub.send("A1"));
            assertEquals("A1", recv(sub), "B1 arrived after the last cancel and was filtered out");
            assertEquals(0, sub.droppedMessages());
            assertEquals(0, pub.droppedMessages());
        }
    }

    @Test
    void pubCountsDataASubscriberSendsUpstream() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB);
             Socket xsub = socket(ctx, SocketType.XSUB)) {
            pub.bind(ep);
            xsub.connect(ep);
            assertTrue(xsub.send(subscription(1, "")));
            assertTrue(xsub.send("hello", Socket.SNDMORE));
            assertTrue(xsub.send("world"));
            assertTrue(xsub.send("again"));
            pub.send("tick"); // PUB reads what came upstream inside its own call
            assertEquals(2, pub.droppedMessages(), "two data messages; the subscription is not counted");
            assertEquals("tick", recv(xsub));
            assertEquals(0, xsub.droppedMessages());
        }
    }

    @Test
    void aWelcomeMessageTheNewPipeRefusesIsCounted() {
        FakeHost host = new FakeHost(SocketType.XPUB).with(SocketOption.XPUB_WELCOME_MSG, new byte[] {'W'});
        XPub xpub = new XPub(host);
        FakePipe full = new FakePipe("full", 0);
        xpub.attach(full);
        assertEquals(1, host.dropped);
        FakePipe roomy = new FakePipe("roomy", 1);
        xpub.attach(roomy);
        assertEquals(1, host.dropped);
        assertEquals(List.of("W"), roomy.written);
        xpub.close();
    }

    @Test
    void recvOfWhatIsQueuedDoesNotCount() {
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB);
             Socket sub = socket(ctx, SocketType.SUB)) {
            xpub.bind(ep);
            sub.subscribe("t");
            sub.connect(ep);
            expectSubscription(xpub, 1, "t");
            try (Msg m = Msg.of("t1")) {
                assertTrue(xpub.send(m));
            }
            assertEquals("t1", recv(sub));
            assertEquals(0, xpub.droppedMessages());
        }
    }
}
