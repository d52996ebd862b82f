package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import org.junit.jupiter.api.Test;

/** What the IPV6 option changes, as docs/transports.md states it. */
class Ipv6OptionTest {

    @Test
    void anIpv6LiteralNeedsNoOption() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://[::1]:*");
            String ep = pull.lastEndpoint();
            assertTrue(ep.matches("tcp://\\[::1\\]:\\d+"), ep);
            push.connect(ep);
            push.send("v6 without IPV6");
            assertEquals("v6 without IPV6", TestSupport.recv(pull));
        }
    }

    @Test
    void theOptionMakesTheWildcardDualStack() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL);
             Socket v6 = ctx.socket(SocketType.PUSH); Socket v4 = ctx.socket(SocketType.PUSH)) {
            pull.set(SocketOption.IPV6, true);
            pull.bind("tcp://*:*");
            String ep = pull.lastEndpoint();
            assertTrue(ep.startsWith("tcp://[::]:"), ep);
            int port = TestSupport.port(ep);
            v6.connect("tcp://[::1]:" + port);
            v4.connect("tcp://127.0.0.1:" + port);
            v6.send("from v6");
            assertEquals("from v6", TestSupport.recv(pull));
            v4.send("from v4");
            assertEquals("from v4", TestSupport.recv(pull));
        }
    }
}
