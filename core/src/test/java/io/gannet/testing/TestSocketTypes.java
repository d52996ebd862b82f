package io.gannet.testing;

import io.gannet.SocketType;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.gannet.spi.SocketProtocolProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * Core's own tests build sockets with these: PAIR, PUSH and PULL, each a {@link TestProtocol}.
 * Registered for ServiceLoader in core's test resources only; the real socket types live in
 * the patterns module, which core's tests cannot see.
 */
public final class TestSocketTypes implements SocketProtocolProvider {
    @Override
    public Set<SocketType> types() {
        return EnumSet.of(SocketType.PAIR, SocketType.PUSH, SocketType.PULL);
    }

    @Override
    public SocketProtocol create(SocketHost host) {
        return new TestProtocol();
    }
}
