package io.gannet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.SocketType;
import io.gannet.spi.DatagramRole;
import io.gannet.spi.DatagramTransport;
import io.gannet.spi.OptionSource;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.gannet.spi.SocketProtocolProvider;
import io.gannet.spi.Transport;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two providers of one scheme or socket type are refused, naming both; distinct ones are indexed. */
class DuplicateProviderTest {

    @Test
    void twoTransportsOfOneSchemeAreRefusedNamingBoth() {
        ServiceConfigurationError e = assertThrows(ServiceConfigurationError.class,
                () -> Transports.index(List.of(new TcpOne(), new TcpTwo())));
        assertTrue(e.getMessage().contains("'tcp'"), e.getMessage());
        assertTrue(e.getMessage().contains(TcpOne.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(TcpTwo.class.getName()), e.getMessage());
    }

    @Test
    void aStreamAndADatagramTransportOfOneSchemeAreRefused() {
        ServiceConfigurationError e = assertThrows(ServiceConfigurationError.class,
                () -> Transports.index(List.of(new TcpOne(), new DatagramTcp())));
        assertTrue(e.getMessage().contains(TcpOne.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(DatagramTcp.class.getName()), e.getMessage());
    }

    @Test
    void transportsOfDistinctSchemesAreIndexed() {
        TcpOne tcp = new TcpOne();
        Other other = new Other();
        Map<String, Object> map = Transports.index(List.of(tcp, other));
        assertSame(tcp, map.get("tcp"));
        assertSame(other, map.get("other"));
        assertEquals(2, map.size());
    }

    @Test
    void twoProvidersOfOneSocketTypeAreRefusedNamingBoth() {
        ServiceConfigurationError e = assertThrows(ServiceConfigurationError.class,
                () -> Protocols.index(List.of(new PairAndPush(), new PushOnly())));
        assertTrue(e.getMessage().contains("'PUSH'"), e.getMessage());
        assertTrue(e.getMessage().contains(PairAndPush.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(PushOnly.class.getName()), e.getMessage());
    }

    @Test
    void providersOfDistinctSocketTypesAreIndexed() {
        PairAndPush both = new PairAndPush();
        Map<SocketType, SocketProtocolProvider> map = Protocols.index(List.of(both));
        assertEquals(Set.of(SocketType.PAIR, SocketType.PUSH), map.keySet());
        assertSame(both, map.get(SocketType.PAIR));
    }

    @Test
    void theProvidersOnTheTestPathAreUnambiguous() {
        Transports.check();
        Protocols.check();
    }

    private static class TcpOne implements Transport {
        @Override
        public String scheme() {
            return "tcp";
        }

        @Override
        public SocketAddress resolveBind(String address, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SocketAddress resolveConnect(String address, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServerSocketChannel listen(SocketAddress address, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SocketChannel open(SocketAddress address, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void configure(SocketChannel channel, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String endpoint(SocketAddress boundAddress) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class TcpTwo extends TcpOne {
    }

    private static final class Other extends TcpOne {
        @Override
        public String scheme() {
            return "other";
        }
    }

    private static final class DatagramTcp implements DatagramTransport {
        @Override
        public String scheme() {
            return "tcp";
        }

        @Override
        public DatagramRole role(SocketType type, boolean binding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SocketAddress resolveBind(String address, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SocketAddress resolveConnect(String address, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DatagramChannel bind(SocketAddress address, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DatagramChannel open(SocketAddress address, OptionSource options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String endpoint(SocketAddress boundAddress) {
            throw new UnsupportedOperationException();
        }
    }

    private static class PushOnly implements SocketProtocolProvider {
        @Override
        public Set<SocketType> types() {
            return Set.of(SocketType.PUSH);
        }

        @Override
        public SocketProtocol create(SocketHost host) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class PairAndPush extends PushOnly {
        @Override
        public Set<SocketType> types() {
            return Set.of(SocketType.PAIR, SocketType.PUSH);
        }
    }
}
