package io.gannet.patterns.pubsub;

import static io.gannet.patterns.pubsub.PubSubSupport.expectSubscription;
import static io.gannet.patterns.pubsub.PubSubSupport.recv;
import static io.gannet.patterns.pubsub.PubSubSupport.recvNow;
import static io.gannet.patterns.pubsub.PubSubSupport.socket;
import static io.gannet.patterns.pubsub.PubSubSupport.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * XPUB behaviour (libzmq 4.3): which subscriptions reach the application, XPUB_VERBOSE,
 * XPUB_VERBOSER, XPUB_MANUAL, XPUB_WELCOME_MSG, XPUB_NODROP and departing subscribers.
 * Where a test shows that a notification did NOT arrive, it sends a later subscription on
 * the same pipe and checks that one arrives next (a pipe keeps order).
 */
class XPubTest {
    private static final String TRANSPORTS = "io.gannet.patterns.pubsub.TestTransports#schemes";

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void byDefaultOnlyATopicsFirstSubscriptionAndLastCancelArePassedOn(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB);
             Socket s1 = socket(ctx, SocketType.SUB); Socket s2 = socket(ctx, SocketType.SUB)) {
            String ep = TestTransports.bind(xpub, scheme);
            s1.connect(ep);
            s2.connect(ep);
            s1.subscribe("A");
            expectSubscription(xpub, 1, "A");
            s2.subscribe("A");
            s2.subscribe("B");
            expectSubscription(xpub, 1, "B");
            s1.unsubscribe("A");
            s1.subscribe("C");
            expectSubscription(xpub, 1, "C");
            s2.unsubscribe("A");
            expectSubscription(xpub, 0, "A");
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void verbosePassesEverySubscriptionButOnlyLastCancels(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB);
             Socket s1 = socket(ctx, SocketType.SUB); Socket s2 = socket(ctx, SocketType.SUB)) {
            xpub.set(SocketOption.XPUB_VERBOSE, true);
            String ep = TestTransports.bind(xpub, scheme);
            s1.connect(ep);
            s2.connect(ep);
            s1.subscribe("A");
            expectSubscription(xpub, 1, "A");
            s2.subscribe("A");
            expectSubscription(xpub, 1, "A");
            s1.unsubscribe("A");
            s1.subscribe("C");
            expectSubscription(xpub, 1, "C");
            s2.unsubscribe("A");
            expectSubscription(xpub, 0, "A");
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void verboserPassesEveryCancelToo(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB);
             Socket s1 = socket(ctx, SocketType.SUB); Socket s2 = socket(ctx, SocketType.SUB)) {
            xpub.set(SocketOption.XPUB_VERBOSER, true);
            String ep = TestTransports.bind(xpub, scheme);
            s1.connect(ep);
            s2.connect(ep);
            s1.subscribe("A");
            expectSubscription(xpub, 1, "A");
            s2.subscribe("A");
            expectSubscription(xpub, 1, "A");
            s1.unsubscribe("A");
            expectSubscription(xpub, 0, "A");
            s2.unsubscribe("A");
            expectSubscription(xpub, 0, "A");
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void aSubForwardsEachSubscribeButOnlyItsFinalCancel(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB); Socket sub = socket(ctx, SocketType.SUB)) {
            xpub.set(SocketOption.XPUB_VERBOSER, true);
            sub.connect(TestTransports.bind(xpub, scheme));
            sub.subscribe("A");
            sub.subscribe("A");
            expectSubscription(xpub, 1, "A");
            expectSubscription(xpub, 1, "A");
            sub.unsubscribe("A");
            sub.subscribe("Z");
            expectSubscription(xpub, 1, "Z");
            sub.unsubscribe("A");
            expectSubscription(xpub, 0, "A");
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void thePublisherKeepsATopicUntilTheXsubCancelsItsLastSubscription(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB); Socket xsub = socket(ctx, SocketType.XSUB)) {
            xpub.set(SocketOption.XPUB_VERBOSER, true);
            xsub.connect(TestTransports.bind(xpub, scheme));
            xsub.send(subscription(1, "A"));
            xsub.send(subscription(1, "A"));
            xsub.send(subscription(1, "Z"));
            expectSubscription(xpub, 1, "A");
            expectSubscription(xpub, 1, "A");
            expectSubscription(xpub, 1, "Z");
            xsub.send(subscription(0, "A")); // one of two: not forwarded
            xsub.send(subscription(1, "Y"));
            expectSubscription(xpub, 1, "Y");
            xpub.send("A1");
            assertEquals("A1", recv(xsub));
            xsub.send(subscription(0, "A"));
            expectSubscription(xpub, 0, "A");
            xpub.send("A2");
            xpub.send("Z1");
            assertEquals("Z1", recv(xsub));
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void manualModeLetsTheApplicationChooseTheSubscription(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB); Socket xsub = socket(ctx, SocketType.XSUB)) {
            xpub.set(SocketOption.XPUB_MANUAL, true);
            xsub.connect(TestTransports.bind(xpub, scheme));
            xsub.send(subscription(1, "A"));
            expectSubscription(xpub, 1, "A");
            xpub.subscribe("B");
            xpub.subscribe("M");
            xpub.send("A1");
            xpub.send("B1");
            assertEquals("B1", recv(xsub));
            xsub.send(subscription(0, "A"));
            expectSubscription(xpub, 0, "A");
            xpub.unsubscribe("B");
            xpub.send("B2");
            xpub.send("M1");
            assertEquals("M1", recv(xsub));
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void subscribeOnAnXpubNeedsManualMode(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB)) {
            TestTransports.bind(xpub, scheme);
            assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class, () -> xpub.subscribe("A")).code());
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void aDepartingSubscriberCancelsTheTopicsOnlyItHeld(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB); Socket stays = socket(ctx, SocketType.SUB)) {
            String ep = TestTransports.bind(xpub, scheme);
            stays.connect(ep);
            stays.subscribe("B");
            expectSubscription(xpub, 1, "B");
            try (Socket leaves = socket(ctx, SocketType.SUB)) {
                leaves.connect(ep);
                leaves.subscribe("A");
                leaves.subscribe("B");
                expectSubscription(xpub, 1, "A");
            }
            expectSubscription(xpub, 0, "A");
            stays.subscribe("C");
            expectSubscription(xpub, 1, "C");
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void eachNewSubscriberGetsTheWelcomeMessage(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB);
             Socket s1 = socket(ctx, SocketType.SUB); Socket s2 = socket(ctx, SocketType.SUB)) {
            xpub.set(SocketOption.XPUB_WELCOME_MSG, "W".getBytes());
            xpub.set(SocketOption.XPUB_VERBOSE, true);
            String ep = TestTransports.bind(xpub, scheme);
            s1.subscribe("W");
            s2.subscribe("W");
            s1.connect(ep);
            s2.connect(ep);
            // As in libzmq's test: the XPUB attaches new pipes when it next runs (here, recv).
            expectSubscription(xpub, 1, "W");
            expectSubscription(xpub, 1, "W");
            assertEquals("W", recv(s1));
            assertEquals("W", recv(s2));
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void nodropRefusesToSendWhileASubscriberIsFull(String scheme) {
        int hwm = 10;
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB); Socket sub = socket(ctx, SocketType.SUB)) {
            xpub.set(SocketOption.XPUB_NODROP, true);
            xpub.set(SocketOption.SNDHWM, hwm);
            sub.set(SocketOption.RCVHWM, hwm);
            sub.connect(TestTransports.bind(xpub, scheme));
            sub.subscribe("");
            expectSubscription(xpub, 1, "");
            int sent = 0;
            while (xpub.send("m" + sent, Socket.DONTWAIT)) {
                sent++;
            }
            if (scheme.equals("inproc")) {
                assertEquals(2 * hwm, sent); // SNDHWM + RCVHWM
            } else {
                // The I/O thread drains the pipe into the kernel in the background, so the
                // refusal can come anywhere from SNDHWM on.
                assertTrue(sent >= hwm, "sent " + sent);
            }
            for (int i = 0; i < sent; i++) {
                assertEquals("m" + i, recv(sub), "nothing is dropped");
            }
            assertTrue(xpub.send("again")); // room again: waits for the activation if need be
            assertEquals("again", recv(sub));
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void dataSentUpstreamByAnXsubReachesTheXpubApplication(String scheme) {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB); Socket xsub = socket(ctx, SocketType.XSUB)) {
            xsub.connect(TestTransports.bind(xpub, scheme));
            xsub.sendMore("hello");
            xsub.send("world");
            assertEquals("hello", recv(xpub));
            assertTrue(xpub.hasMore());
            assertEquals("world", recv(xpub));
            assertFalse(xpub.hasMore());
            assertNull(recvNow(xpub));
        }
    }
}
