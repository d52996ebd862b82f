package io.gannet.patterns.pubsub;

import static io.gannet.patterns.pubsub.PubSubSupport.expectSubscription;
import static io.gannet.patterns.pubsub.PubSubSupport.recv;
import static io.gannet.patterns.pubsub.PubSubSupport.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An XSUB/XPUB pair forwarding by hand, as a proxy does: subscriptions flow up from the
 * subscriber through the pair to the publisher, data flows down, filtered at each publisher.
 */
class XSubXPubProxyTest {
    private static final String TRANSPORTS = "io.gannet.patterns.pubsub.TestTransports#schemes";

    private static void forward(Socket from, Socket to) {
        Msg m = from.recv();
        to.send(m);
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void subscriptionsGoUpAndMatchingDataComesDown(String scheme) {
        try (Context ctx = new Context(); Socket upstream = socket(ctx, SocketType.XPUB);
             Socket front = socket(ctx, SocketType.XSUB); Socket back = socket(ctx, SocketType.XPUB);
             Socket sub = socket(ctx, SocketType.SUB)) {
            front.connect(TestTransports.bind(upstream, scheme));
            sub.connect(TestTransports.bind(back, scheme));
            sub.subscribe("A");
            forward(back, front);
            expectSubscription(upstream, 1, "A");
            upstream.send("A1");
            upstream.send("B1");
            upstream.send("A2");
            forward(front, back);
            forward(front, back);
            assertEquals("A1", recv(sub));
            assertEquals("A2", recv(sub));
            sub.unsubscribe("A");
            forward(back, front);
            expectSubscription(upstream, 0, "A");
        }
    }

    @ParameterizedTest
    @MethodSource(TRANSPORTS)
    void anXsubReplaysItsSubscriptionsToEachNewPublisher(String scheme) {
        try (Context ctx = new Context(); Socket xsub = socket(ctx, SocketType.XSUB);
             Socket first = socket(ctx, SocketType.XPUB); Socket second = socket(ctx, SocketType.XPUB)) {
            xsub.connect(TestTransports.bind(first, scheme));
            xsub.send(PubSubSupport.subscription(1, "A"));
            xsub.send(PubSubSupport.subscription(1, "A"));
            xsub.send(PubSubSupport.subscription(1, "B"));
            expectSubscription(first, 1, "A");
            expectSubscription(first, 1, "B");
            xsub.connect(TestTransports.bind(second, scheme));
            expectSubscription(second, 1, "A"); // each topic once, whatever its count
            expectSubscription(second, 1, "B");
        }
    }
}
