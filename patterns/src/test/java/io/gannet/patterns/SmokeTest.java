package io.gannet.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void pushPullInproc() throws Exception {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("inproc://a");
            push.connect("inproc://a");
            Thread t = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    push.send("m" + i);
                }
            });
            t.start();
            for (int i = 0; i < 100_000; i++) {
                assertEquals("m" + i, pull.recvString());
            }
            t.join();
        }
    }
}
