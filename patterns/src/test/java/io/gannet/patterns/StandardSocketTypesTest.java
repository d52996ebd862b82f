package io.gannet.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.SocketType;
import io.gannet.spi.SocketTraits;
import io.gannet.spi.SocketTraits.Subscriptions;
import org.junit.jupiter.api.Test;

/** What this module tells core about each socket type it provides. */
class StandardSocketTypesTest {
    private final StandardSocketTypes provider = new StandardSocketTypes();

    @Test
    void routerPipesWaitForThePeersId() {
        assertEquals(new SocketTraits(false, true, Subscriptions.NONE), provider.traits(SocketType.ROUTER));
    }

    @Test
    void streamTalksRawBytes() {
        assertEquals(new SocketTraits(true, false, Subscriptions.NONE), provider.traits(SocketType.STREAM));
    }

    @Test
    void publishersReceiveSubscriptionsAndSubscribersSendThem() {
        assertEquals(Subscriptions.RECEIVES, provider.traits(SocketType.PUB).subscriptions());
        assertEquals(Subscriptions.RECEIVES, provider.traits(SocketType.XPUB).subscriptions());
        assertEquals(Subscriptions.SENDS, provider.traits(SocketType.SUB).subscriptions());
        assertEquals(Subscriptions.SENDS, provider.traits(SocketType.XSUB).subscriptions());
    }

    @Test
    void theOtherTypesArePlainZmtp() {
        for (SocketType t : new SocketType[] {SocketType.PAIR, SocketType.PUSH, SocketType.PULL, SocketType.REQ,
                SocketType.REP, SocketType.DEALER}) {
            assertEquals(SocketTraits.PLAIN, provider.traits(t), t.name());
        }
    }
}
