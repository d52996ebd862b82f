package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import org.junit.jupiter.api.Test;

class TcpPushPullTest {
    @Test
    void pushPullBindThenConnect() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("tcp://127.0.0.1:*");
            String ep = pull.lastEndpoint();
            assertTrue(ep.startsWith("tcp://127.0.0.1:"), ep);
            push.connect(ep);
            push.send("hello");
            assertEquals("hello", pull.recvString());
        }
    }
}
