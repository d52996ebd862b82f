package io.gannet.patterns.pubsub;

import static io.gannet.patterns.pubsub.PubSubSupport.awaitProbes;
import static io.gannet.patterns.pubsub.PubSubSupport.recv;
import static io.gannet.patterns.pubsub.PubSubSupport.recvNow;
import static io.gannet.patterns.pubsub.PubSubSupport.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fan-out as applications run it: one publisher, many subscribers each receiving on a thread
 * of its own (so each may fall asleep between messages and be woken, or be found still
 * runnable). Each subscriber gets exactly the messages its subscriptions match, each once, in
 * the order they were published; a subscriber that stops reading loses only what does not fit
 * its pipe, and every such loss is counted.
 */
class ManySubscribersTest {
    private static final int SUBSCRIBERS = 40;
    private static final int MESSAGES = 2000;

    /** Sub i: everything when i % 7 == 0; else topic "t(i%10)." and, when i % 3 == 0, "t((i+1)%10)." too. */
    private static boolean wants(int i, String message) {
        if (i % 7 == 0) {
            return true;
        }
        return message.startsWith("t" + i % 10 + ".") || i % 3 == 0 && message.startsWith("t" + (i + 1) % 10 + ".");
    }

    /** Message k: topic "t(k%11)." (so "t10." matches only the subscribers of everything). */
    private static String message(int k) {
        return "t" + k % 11 + "." + k;
    }

    @ParameterizedTest
    @MethodSource("io.gannet.patterns.pubsub.TestTransports#schemes")
    void eachSubscriberOnItsOwnThreadGetsExactlyItsTopicsInOrder(String scheme) throws InterruptedException {
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB)) {
            pub.set(SocketOption.SNDHWM, 0); // no HWM: nothing may be lost, so every message must arrive
            String ep = TestTransports.bind(pub, scheme);
            Socket[] subs = new Socket[SUBSCRIBERS];
            for (int i = 0; i < SUBSCRIBERS; i++) {
                subs[i] = socket(ctx, SocketType.SUB);
                subs[i].set(SocketOption.RCVHWM, 0);
                if (i % 7 == 0) {
                    subs[i].subscribe("");
                } else {
                    subs[i].subscribe("t" + i % 10 + ".");
                    if (i % 3 == 0) {
                        subs[i].subscribe("t" + (i + 1) % 10 + ".");
                    }
                }
                subs[i].connect(ep);
            }
            awaitProbes(pub, subs);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                int index = i;
                Thread t = new Thread(() -> receiveAll(subs[index], index, failures), "sub-" + i);
                t.start();
                threads.add(t);
            }
            for (int k = 0; k < MESSAGES; k++) {
                pub.send(message(k));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(0, pub.droppedMessages());
            for (Socket s : subs) {
                assertNull(recvNow(s), "nothing beyond the expected messages");
                assertEquals(0, s.droppedMessages());
                s.close();
            }
        }
    }

    /** Receives, in order, every message sub {@code i} wants; notes the first difference. */
    private static void receiveAll(Socket sub, int i, ConcurrentLinkedQueue<String> failures) {
        for (int k = 0; k < MESSAGES; k++) {
            String expected = message(k);
            if (!wants(i, expected)) {
                continue;
            }
            String got = recv(sub);
            if (!expected.equals(got)) {
                failures.add("sub " + i + " expected " + expected + " but got " + got);
                return;
            }
        }
    }

    @Test
    void aStalledSubscriberLosesOnlyWhatDoesNotFitAndEachLossIsCounted() throws InterruptedException {
        int fast = 10;
        int hwm = 5; // an inproc pipe holds SNDHWM + RCVHWM = 10 messages
        int batches = 40;
        String ep = TestSupport.inproc();
        try (Context ctx = new Context(); Socket pub = socket(ctx, SocketType.PUB)) {
            pub.set(SocketOption.SNDHWM, hwm);
            pub.bind(ep);
            Socket[] subs = new Socket[fast + 1];
            for (int i = 0; i <= fast; i++) {
                subs[i] = socket(ctx, SocketType.SUB);
                subs[i].set(SocketOption.RCVHWM, hwm);
                subs[i].subscribe("d");
                subs[i].connect(ep);
            }
            Socket stalled = subs[fast];
            awaitProbes(pub, subs);
            assertNull(recvNow(stalled), "only leftover probes were queued"); // its pipe starts empty
            AtomicIntegerArray received = new AtomicIntegerArray(fast);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            int total = batches * hwm;
            for (int i = 0; i < fast; i++) {
                int index = i;
                Thread t = new Thread(() -> {
                    for (int k = 0; k < total; k++) {
                        String got = recv(subs[index]);
                        if (!("d" + k).equals(got)) {
                            failures.add("sub " + index + " expected d" + k + " but got " + got);
                            return;
                        }
                        received.set(index, k + 1);
                    }
                }, "fast-" + i);
                t.start();
                threads.add(t);
            }
            for (int b = 0; b < batches; b++) {
                for (int k = b * hwm; k < (b + 1) * hwm; k++) {
                    pub.send("d" + k);
                }
                int sent = (b + 1) * hwm;
                TestSupport.await("every reading subscriber has batch " + b, () -> allAtLeast(received, sent) || !failures.isEmpty());
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(failures));
            for (int k = 0; k < 2 * hwm; k++) {
                assertEquals("d" + k, recvNow(stalled), "the stalled subscriber keeps the first messages, in order");
            }
            assertNull(recvNow(stalled));
            assertEquals(total - 2 * hwm, pub.droppedMessages(), "one loss per message the stalled subscriber missed, none for the others");
            for (Socket s : subs) {
                assertEquals(0, s.droppedMessages());
                s.close();
            }
        }
    }

    private static boolean allAtLeast(AtomicIntegerArray counts, int n) {
        for (int i = 0; i < counts.length(); i++) {
            if (counts.get(i) < n) {
                return false;
            }
        }
        return true;
    }
}
