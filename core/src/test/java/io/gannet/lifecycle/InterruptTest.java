package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.GannetInterruptedException;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Thread.interrupt() during a blocking call: the call ends with GannetInterruptedException,
 * the interrupt status is set again, and the socket keeps working.
 */
class InterruptTest {

    /** What the interrupted thread saw: the exception, its interrupt status, and the result of a retry. */
    private static final class Outcome {
        volatile Throwable thrown;
        volatile boolean flagSetAgain;
        volatile String after;
    }

    private static Outcome interruptWhileBlocked(Runnable blocking, Supplier<String> retry,
                                                 Runnable unblockRetry) throws Exception {
        Outcome o = new Outcome();
        CountDownLatch retrying = new CountDownLatch(1);
        Thread t = TestSupport.start("to-interrupt", () -> {
            try {
                blocking.run();
            } catch (Throwable e) {
                o.thrown = e;
                o.flagSetAgain = Thread.interrupted(); // also clears it for the retry
            }
            retrying.countDown();
            o.after = retry.get();
        });
        TestSupport.awaitBlocked(t);
        t.interrupt();
        retrying.await();
        unblockRetry.run();
        TestSupport.join(t);
        assertTrue(o.thrown instanceof GannetInterruptedException, "threw " + o.thrown);
        assertTrue(o.flagSetAgain, "the interrupt status was set again");
        return o;
    }

    @Test
    void interruptedRecvThrowsAndTheSocketStillReceives() throws Exception {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            Outcome o = interruptWhileBlocked(pull::recv, pull::recvString, () -> push.send("after"));
            assertEquals("after", o.after);
        }
    }

    @Test
    void interruptedSendThrowsAndTheSocketStillSends() throws Exception {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            pull.set(SocketOption.RCVHWM, 1).bind(ep);
            push.set(SocketOption.SNDHWM, 1).connect(ep);
            push.send("1");
            push.send("2");
            Outcome o = interruptWhileBlocked(() -> push.send("lost"),
                    () -> push.send("3") ? "sent" : "not sent",
                    () -> {
                        assertEquals("1", pull.recvString());
                        assertEquals("2", pull.recvString());
                    });
            assertEquals("sent", o.after);
            assertEquals("3", pull.recvString());
        }
    }

    @Test
    void interruptedPollThrowsAndThePollerStillWorks() throws Exception {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            int idx = poller.register(pull, Poller.POLLIN);
            AtomicReference<String> got = new AtomicReference<>();
            Outcome o = interruptWhileBlocked(() -> poller.poll(-1),
                    () -> {
                        poller.poll(-1);
                        got.set(poller.isReadable(idx) ? pull.recvString() : "not readable");
                        return got.get();
                    },
                    () -> push.send("after"));
            assertEquals("after", o.after);
        }
    }
}
