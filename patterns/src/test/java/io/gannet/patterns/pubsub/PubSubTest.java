package io.gannet.patterns.pubsub;

import static io.gannet.patterns.pubsub.PubSubSupport.awaitProbes;
import static io.gannet.patterns.pubsub.PubSubSupport.expectSubscription;
import static io.gannet.patterns.pubsub.PubSubSupport.recv;
import static io.gannet.patterns.pubsub.PubSubSupport.recvNow;
import static io.gannet.patterns.pubsub.PubSubSupport.recvWithin;
import static io.gannet.patterns.pubsub.PubSubSupport.socket;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PUB and SUB behaviour (RFC 29, libzmq 4.3), over each transport of {@link TestTransports}. */
class PubSubTest {
    private static final String TRANSPORTS = "io.gannet.patterns.pubsub.TestTransports#schemes";

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void eachSubscriberGetsOnlyItsTopics(String scheme) {
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB);
             Socket subA = socket(ctx, SocketType.SUB); Socket subB = socket(ctx, SocketType.SUB);
             Socket subAll = socket(ctx, SocketType.SUB)) {
            String ep = TestTransports.bind(pub, scheme);
            subA.subscribe("A");
            subB.subscribe("B");
            subAll.subscribe("");
            subA.connect(ep);
            subB.connect(ep);
            subAll.connect(ep);
            awaitProbes(pub, subA, subB, subAll);
            for (String m : List.of("A1", "B1", "C1", "A2", "B2")) {
                assertTrue(pub.send(m));
            }
            // Order per publisher is kept, so a skipped message can never arrive later.
            assertEquals("A1", recv(subA));
            assertEquals("A2", recv(subA));
            assertEquals("B1", recv(subB));
            assertEquals("B2", recv(subB));
            for (String m : List.of("A1", "B1", "C1", "A2", "B2")) {
                assertEquals(m, recv(subAll));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void subscriptionsMadeBeforeAndAfterConnectBothApply(String scheme) {
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB); Socket sub = socket(ctx, SocketType.SUB)) {
            String ep = TestTransports.bind(pub, scheme);
            sub.subscribe("early");
            sub.connect(ep);
            sub.subscribe("late");
            awaitProbes(pub, sub);
            pub.send("other");
            pub.send("early1");
            pub.send("other");
            pub.send("late1");
            assertEquals("early1", recv(sub));
            assertEquals("late1", recv(sub));
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void twoSubscribesNeedTwoUnsubscribes(String scheme) {
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB); Socket sub = socket(ctx, SocketType.SUB)) {
            String ep = TestTransports.bind(pub, scheme);
            sub.subscribe("A");
            sub.subscribe("A");
            sub.subscribe("M");
            sub.connect(ep);
            awaitProbes(pub, sub);
            sub.unsubscribe("A");
            pub.send("A1");
            assertEquals("A1", recv(sub));
            sub.unsubscribe("A");
            pub.send("A2");
            pub.send("M1");
            assertEquals("M1", recv(sub));
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void multipartMessagesAreFilteredOnTheirFirstFrameAndKeptWhole(String scheme) {
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB); Socket sub = socket(ctx, SocketType.SUB)) {
            String ep = TestTransports.bind(pub, scheme);
            sub.subscribe("A");
            sub.connect(ep);
            awaitProbes(pub, sub);
            pub.sendMore("A");
            pub.sendMore("1");
            pub.send("2");
            pub.sendMore("B");
            pub.send("A-looking second frame");
            pub.sendMore("A");
            pub.send("3");
            assertEquals("A", recv(sub));
            assertTrue(sub.hasMore());
            assertEquals("1", recv(sub));
            assertTrue(sub.hasMore());
            assertEquals("2", recv(sub));
            assertFalse(sub.hasMore());
            assertEquals("A", recv(sub));
            assertEquals("3", recv(sub));
            assertFalse(sub.hasMore());
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void invertMatchingDeliversWhatDoesNotMatch(String scheme) {
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.XPUB); Socket sub = socket(ctx, SocketType.SUB)) {
            pub.set(SocketOption.INVERT_MATCHING, true);
            sub.set(SocketOption.INVERT_MATCHING, true);
            String ep = TestTransports.bind(pub, scheme);
            sub.subscribe("A");
            sub.connect(ep);
            expectSubscription(pub, 1, "A");
            for (String m : List.of("A1", "B1", "A2", "C1")) {
                pub.send(m);
            }
            assertEquals("B1", recv(sub));
            assertEquals("C1", recv(sub));
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void pubDropsForASlowSubscriberWhileAFastOneGetsEverything(String scheme) {
        int hwm = 10;
        int limit = 2 * hwm + TestTransports.bufferedBeyondHwm(scheme); // inproc: SNDHWM + RCVHWM
        int n = limit + 2_000;
        String pad = "x".repeat(1000); // large enough that kernel buffers fill too (tcp, ipc)
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB);
             Socket fast = socket(ctx, SocketType.SUB); Socket slow = socket(ctx, SocketType.SUB)) {
            pub.set(SocketOption.SNDHWM, hwm);
            fast.set(SocketOption.RCVHWM, hwm);
            slow.set(SocketOption.RCVHWM, hwm);
            String ep = TestTransports.bind(pub, scheme);
            fast.subscribe("m");
            slow.subscribe("m");
            fast.connect(ep);
            slow.connect(ep);
            awaitProbes(pub, fast, slow);
            for (int i = 0; i < n; i++) {
                assertTrue(pub.send("m" + i + ":" + pad, Socket.DONTWAIT), "PUB never blocks");
                assertEquals("m" + i + ":" + pad, recv(fast));
            }
            List<Integer> got = new ArrayList<>();
            for (String m = recvNow(slow); m != null; m = recvNow(slow)) {
                got.add(Integer.parseInt(m.substring(1, m.indexOf(':'))));
            }
            assertTrue(got.size() <= limit, "slow subscriber got " + got.size() + " > " + limit);
            assertTrue(got.size() < n);
            for (int i = 1; i < got.size(); i++) {
                assertTrue(got.get(i) > got.get(i - 1), "dropping never reorders");
            }
            if (scheme.equals("inproc")) {
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(i, got.get(i), "the slow subscriber loses the newest messages");
                }
            }
            // Once it has drained its queue, the slow subscriber gets new messages again.
            slow.subscribe("again");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String m = null;
            while (!"again".equals(m) && System.nanoTime() < deadline) {
                pub.send("again", Socket.DONTWAIT);
                m = recvWithin(slow, Duration.ofMillis(10));
            }
            assertEquals("again", m);
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void aSlowJoinerMissesWhatWasPublishedBeforeItsSubscriptionArrived(String scheme) {
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.XPUB); Socket sub = socket(ctx, SocketType.SUB)) {
            String ep = TestTransports.bind(pub, scheme);
            sub.connect(ep);
            pub.send("lost: nobody has subscribed yet");
            sub.subscribe("");
            // The fix: wait until the publisher has the subscription (XPUB shows it), then publish.
            expectSubscription(pub, 1, "");
            pub.send("kept");
            assertEquals("kept", recv(sub));
            assertNull(recvNow(sub));
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void subCannotSendAndPubCannotReceive(String scheme) {
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB); Socket sub = socket(ctx, SocketType.SUB)) {
            sub.connect(TestTransports.bind(pub, scheme));
            assertEquals(ErrorCode.ENOTSUP, assertThrows(GannetException.class, () -> sub.send("x")).code());
            assertEquals(ErrorCode.ENOTSUP, assertThrows(GannetException.class, () -> pub.recv(Socket.DONTWAIT)).code());
        }
    }
}
