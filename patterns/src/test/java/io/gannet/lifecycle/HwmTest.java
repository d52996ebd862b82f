package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** High-water marks: where PUSH stops, what counts, and what CONFLATE keeps. */
class HwmTest {
    @Test
    void pushBlocksAtHwmUntilTheReaderDrains() throws Exception {
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.set(SocketOption.RCVHWM, 3).bind(ep);
            push.set(SocketOption.SNDHWM, 2).connect(ep);
            for (int i = 0; i < 5; i++) {
                assertTrue(push.send("m" + i, Socket.DONTWAIT), "message " + i + " fits under SNDHWM + RCVHWM");
            }
            assertFalse(push.send("m5", Socket.DONTWAIT), "the sixth message is over the HWM of 2 + 3");

            AtomicBoolean sent = new AtomicBoolean();
            Thread sender = TestSupport.start("blocked-sender", () -> sent.set(push.send("m5")));
            TestSupport.awaitBlocked(sender);
            assertFalse(sent.get());
            for (int i = 0; i < 6; i++) {
                assertEquals("m" + i, pull.recvString());
            }
            TestSupport.join(sender);
            assertTrue(sent.get());
        }
    }

    @Test
    void hwmCountsWholeMessagesNotFrames() {
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.set(SocketOption.RCVHWM, 1).bind(ep);
            push.set(SocketOption.SNDHWM, 1).connect(ep);
            assertTrue(push.send(Multipart.of("a", "b", "c"), Socket.DONTWAIT));
            assertTrue(push.send(Multipart.of("d", "e", "f"), Socket.DONTWAIT));
            Multipart third = Multipart.of("g", "h");
            assertFalse(push.send(third, Socket.DONTWAIT), "two three-frame messages fill an HWM of 1 + 1");
            third.close();
            try (Multipart m = pull.recvMultipart()) {
                assertEquals(List.of("a", "b", "c"), m.strings());
            }
            try (Multipart m = pull.recvMultipart()) {
                assertEquals(List.of("d", "e", "f"), m.strings());
            }
        }
    }

    @Test
    void inprocHwmIsSndhwmPlusRcvhwmAlsoWhenConnectingFirst() {
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            push.set(SocketOption.SNDHWM, 4).connect(ep);
            pull.set(SocketOption.RCVHWM, 6).bind(ep);
            int n = 0;
            while (push.send("x", Socket.DONTWAIT)) {
                n++;
                assertTrue(n <= 10, "more than SNDHWM + RCVHWM messages were queued");
            }
            assertEquals(10, n);
            for (int i = 0; i < 10; i++) {
                assertEquals("x", pull.recvString());
            }
        }
    }

    @Test
    void conflateOnPullKeepsOnlyTheNewestMessage() {
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = TestSupport.inproc();
            pull.set(SocketOption.CONFLATE, true).bind(ep);
            push.connect(ep);
            for (int i = 0; i < 10; i++) {
                assertTrue(push.send("v" + i, Socket.DONTWAIT), "CONFLATE never blocks");
            }
            assertEquals("v9", pull.recvString());
            assertNull(pull.recvBuf(Socket.DONTWAIT), "older values were replaced");
            assertTrue(push.send("v10"));
            assertEquals("v10", pull.recvString());
        }
    }
}
