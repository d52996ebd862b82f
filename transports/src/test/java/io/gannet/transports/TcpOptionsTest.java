package io.gannet.transports;

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
import io.gannet.spi.OptionSource;
import io.gannet.transports.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** libzmq's tcp source-address form, TOS, and the options Java cannot provide. */
class TcpOptionsTest {

    @Test
    void aSourceAddressWithAPortIsWhatThePeerSees() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open();
             Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            int source = TestSupport.freePort();
            String ep = "tcp://127.0.0.1:" + source + ";127.0.0.1:" + port;
            push.connect(ep);
            assertEquals(ep, push.lastEndpoint());
            try (SocketChannel accepted = server.accept()) {
                InetSocketAddress peer = (InetSocketAddress) accepted.getRemoteAddress();
                assertEquals(source, peer.getPort(), "the connection comes from the source port");
                assertEquals("127.0.0.1", peer.getAddress().getHostAddress());
            }
        }
    }

    @Test
    void aSourceAddressWithAnyPortChoosesTheLocalAddress() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open();
             Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH)) {
            server.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            // Linux routes all of 127.0.0.0/8 to lo: 127.0.0.2 is a second local address.
            push.connect("tcp://127.0.0.2:*;127.0.0.1:" + port);
            try (SocketChannel accepted = server.accept()) {
                InetSocketAddress peer = (InetSocketAddress) accepted.getRemoteAddress();
                assertEquals("127.0.0.2", peer.getAddress().getHostAddress());
            }
        }
    }

    @Test
    void messagesFlowOverASourcedConnection() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            push.connect("tcp://127.0.0.1:0;" + pull.lastEndpoint().substring("tcp://".length()));
            push.send("via source");
            assertEquals("via source", TestSupport.recv(pull));
        }
    }

    @Test
    void aSourceAddressIsRefusedWhenBinding() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            GannetException e = assertThrows(GannetException.class, () -> pull.bind("tcp://127.0.0.1:0;127.0.0.1:5999"));
            assertEquals(ErrorCode.EINVAL, e.code());
            assertTrue(e.getMessage().contains("only allowed when connecting"), e.getMessage());
            assertFalse(e.getMessage().contains("IPv6"), e.getMessage());
        }
    }

    @Test
    void tosIsSetOnConnectedAndAcceptedChannels() throws Exception {
        OptionSource tos = options(Map.of(SocketOption.TOS, 0x28));
        TcpTransport tcp = new TcpTransport();
        try (ServerSocketChannel server = tcp.listen(tcp.resolveBind("127.0.0.1:*", tos), tos);
             SocketChannel client = tcp.open(server.getLocalAddress(), tos)) {
            tcp.configure(client, tos);
            assertEquals(0x28, client.getOption(StandardSocketOptions.IP_TOS));
            client.connect(server.getLocalAddress());
            server.configureBlocking(true);
            try (SocketChannel accepted = server.accept()) {
                tcp.configure(accepted, tos); // what the listener does with each accepted channel
                assertEquals(0x28, accepted.getOption(StandardSocketOptions.IP_TOS));
            }
        }
        try (SocketChannel plain = tcp.open(new InetSocketAddress("127.0.0.1", 1), options(Map.of()))) {
            tcp.configure(plain, options(Map.of()));
            assertEquals(0, plain.getOption(StandardSocketOptions.IP_TOS), "default 0 leaves the system's value");
        }
    }

    @Test
    void tosIsValidatedAndCarriesTraffic() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThrows(GannetException.class, () -> pull.set(SocketOption.TOS, 256));
            pull.set(SocketOption.TOS, 0x10).bind("tcp://127.0.0.1:*");
            push.set(SocketOption.TOS, 0x10).connect(pull.lastEndpoint());
            push.send("low delay");
            assertEquals("low delay", TestSupport.recv(pull));
        }
    }

    @Test
    void optionsJavaCannotProvideFailWithTheReason() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.DEALER)) {
            GannetException maxrt = assertThrows(GannetException.class, () -> s.set(SocketOption.TCP_MAXRT, 5000));
            assertEquals(ErrorCode.ENOTSUP, maxrt.code());
            assertTrue(maxrt.getMessage().contains("TCP_USER_TIMEOUT"), maxrt.getMessage());
            GannetException device = assertThrows(GannetException.class, () -> s.set(SocketOption.BINDTODEVICE, "eth0"));
            assertEquals(ErrorCode.ENOTSUP, device.code());
            assertTrue(device.getMessage().contains("SO_BINDTODEVICE"), device.getMessage());
            assertFalse(SocketOption.TCP_MAXRT.isSupported());
            assertEquals(0, s.get(SocketOption.TCP_MAXRT), "reads back libzmq's default");
            assertNull(s.get(SocketOption.BINDTODEVICE));
            assertTrue(SocketOption.TOS.isSupported());
        }
    }

    private static OptionSource options(Map<SocketOption<?>, Object> values) {
        return new OptionSource() {
            @Override
            public <T> T option(SocketOption<T> option) {
                Object v = values.get(option);
                return v == null ? option.defaultValue() : option.type().cast(v);
            }
        };
    }
}
