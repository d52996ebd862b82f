package io.gannet.patterns.pubsub;

import static io.gannet.patterns.pubsub.PubSubSupport.expectSubscription;
import static io.gannet.patterns.pubsub.PubSubSupport.recv;
import static io.gannet.patterns.pubsub.PubSubSupport.recvNow;
import static io.gannet.patterns.pubsub.PubSubSupport.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import org.junit.jupiter.api.Test;

/** Pub-sub behaviour that only inproc shows deterministically (connect before bind, CONFLATE). */
class InprocPubSubTest {
    @Test
    void subscriptionsMadeBeforeTheBindReachThePublisher() {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB); Socket sub = socket(ctx, SocketType.SUB)) {
            sub.subscribe("A");
            sub.connect("inproc://before-bind");
            sub.subscribe("B");
            xpub.bind("inproc://before-bind");
            expectSubscription(xpub, 1, "A");
            expectSubscription(xpub, 1, "B");
            xpub.send("B1");
            assertEquals("B1", recv(sub));
        }
    }

    @Test
    void conflateKeepsOnlyTheNewestMessage() {
        try (Context ctx = new Context(); Socket xpub = socket(ctx, SocketType.XPUB); Socket sub = socket(ctx, SocketType.SUB)) {
            sub.set(SocketOption.CONFLATE, true);
            xpub.bind("inproc://conflate");
            sub.subscribe("");
            sub.connect("inproc://conflate");
            expectSubscription(xpub, 1, "");
            for (int i = 1; i <= 10; i++) {
                xpub.send("m" + i);
            }
            assertEquals("m10", recv(sub));
            assertNull(recvNow(sub));
        }
    }
}
