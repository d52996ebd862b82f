package io.gannet.patterns;

import io.gannet.SocketType;
import io.gannet.patterns.pair.Pair;
import io.gannet.patterns.pipeline.Pull;
import io.gannet.patterns.pipeline.Push;
import io.gannet.patterns.pubsub.Pub;
import io.gannet.patterns.pubsub.Sub;
import io.gannet.patterns.pubsub.XPub;
import io.gannet.patterns.pubsub.XSub;
import io.gannet.patterns.reqrep.Dealer;
import io.gannet.patterns.reqrep.Rep;
import io.gannet.patterns.reqrep.Req;
import io.gannet.patterns.reqrep.Router;
import io.gannet.patterns.stream.Stream;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.gannet.spi.SocketProtocolProvider;
import io.gannet.spi.SocketTraits;
import java.util.EnumSet;
import java.util.Set;

/** The socket types of this module, registered for {@link java.util.ServiceLoader}. */
public final class StandardSocketTypes implements SocketProtocolProvider {
    private static final Set<SocketType> TYPES = EnumSet.of(SocketType.PAIR, SocketType.PUSH, SocketType.PULL,
            SocketType.REQ, SocketType.REP, SocketType.DEALER, SocketType.ROUTER,
            SocketType.PUB, SocketType.SUB, SocketType.XPUB, SocketType.XSUB, SocketType.STREAM);

    /** ROUTER addresses its pipes by the peer's routing id. */
    private static final SocketTraits ROUTER = new SocketTraits(false, true, SocketTraits.Subscriptions.NONE);
    /** STREAM talks raw bytes, one routing id per connection. */
    private static final SocketTraits STREAM = new SocketTraits(true, false, SocketTraits.Subscriptions.NONE);
    private static final SocketTraits PUBLISHER = new SocketTraits(false, false, SocketTraits.Subscriptions.RECEIVES);
    private static final SocketTraits SUBSCRIBER = new SocketTraits(false, false, SocketTraits.Subscriptions.SENDS);

    @Override
    public Set<SocketType> types() {
        return TYPES;
    }

    @Override
    public SocketProtocol create(SocketHost host) {
        switch (host.type()) {
            case PAIR: return new Pair(host);
            case PUSH: return new Push(host);
            case PULL: return new Pull();
            case REQ: return new Req(host);
            case REP: return new Rep(host);
            case DEALER: return new Dealer(host);
            case ROUTER: return new Router(host);
            case PUB: return new Pub(host);
            case SUB: return new Sub(host);
            case XPUB: return new XPub(host);
            case XSUB: return new XSub(host);
            case STREAM: return new Stream(host);
            default: throw new IllegalArgumentException("not provided here: " + host.type());
        }
    }

    @Override
    public SocketTraits traits(SocketType type) {
        switch (type) {
            case ROUTER: return ROUTER;
            case STREAM: return STREAM;
            case PUB: case XPUB: return PUBLISHER;
            case SUB: case XSUB: return SUBSCRIBER;
            default: return SocketTraits.PLAIN;
        }
    }
}
