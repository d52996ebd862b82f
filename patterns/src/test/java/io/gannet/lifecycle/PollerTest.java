package io.gannet.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waiting on many sockets for POLLIN / POLLOUT. */
class PollerTest {
    @Test
    void pollTimesOutWhenNothingIsReady() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Poller poller = new Poller()) {
            pull.bind(TestSupport.inproc());
            int i = poller.register(pull, Poller.POLLIN);
            assertEquals(0, poller.poll(0));
            assertEquals(0, poller.poll(20));
            assertEquals(0, poller.poll(Duration.ofMillis(5)));
            assertFalse(poller.isReadable(i));
        }
    }

    @Test
    void aMessageFromAnotherThreadWakesAWaitingPoll() throws Exception {
        try (Context ctx = new Context();
             Socket a = ctx.socket(SocketType.PULL);
             Socket b = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            a.bind(TestSupport.inproc());
            String epB = TestSupport.inproc();
            b.bind(epB);
            push.connect(epB);
            int ia = poller.register(a, Poller.POLLIN);
            int ib = poller.register(b, Poller.POLLIN);
            Thread sender = TestSupport.start("sender", () -> push.send("wake"));
            assertEquals(1, poller.poll(-1));
            assertFalse(poller.isReadable(ia));
            assertTrue(poller.isReadable(ib));
            assertEquals("wake", b.recvString());
            TestSupport.join(sender);
            assertEquals(0, poller.poll(0), "nothing left to read");
        }
    }

    /**
     * A peer that sends and leaves at once leaves its pipe's end mark behind its message; a
     * poll racing with its departure must not take the mark for a message (it did: POLLIN,
     * then a receive that blocked).
     */
    @Test
    void pollInAlwaysMeansAMessageCanBeReceived() throws Exception {
        int peers = 2_000;
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Poller poller = new Poller()) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            Thread senders = TestSupport.start("send-and-leave", () -> {
                for (int i = 0; i < peers; i++) {
                    try (Socket push = ctx.socket(SocketType.PUSH)) {
                        push.connect(ep);
                        push.send("m" + i);
                    }
                }
            });
            int index = poller.register(pull, Poller.POLLIN);
            for (int received = 0; received < peers; received++) {
                assertEquals(1, poller.poll(-1));
                assertTrue(poller.isReadable(index));
                Msg m = pull.recv(Socket.DONTWAIT);
                assertTrue(m != null, "POLLIN without a message after " + received + " messages");
                m.close();
            }
            TestSupport.join(senders);
        }
    }

    @Test
    void pollBlocksUntilTheOtherThreadSends() throws Exception {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            AtomicInteger ready = new AtomicInteger(-1);
            Thread waiter = TestSupport.start("poller", () -> {
                try (Poller poller = new Poller()) {
                    poller.register(pull, Poller.POLLIN);
                    ready.set(poller.poll(-1));
                }
            });
            TestSupport.awaitBlocked(waiter);
            assertEquals(-1, ready.get());
            push.send("now");
            TestSupport.join(waiter);
            assertEquals(1, ready.get());
            assertEquals("now", pull.recvString());
        }
    }

    @Test
    void pollOutFollowsPeersAndTheHwm() throws Exception {
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL);
             Poller poller = new Poller()) {
            String ep = TestSupport.inproc();
            push.set(SocketOption.SNDHWM, 1).bind(ep);
            int i = poller.register(push, Poller.POLLIN | Poller.POLLOUT);
            assertEquals(0, poller.poll(0), "no peer: nowhere to send, and PUSH never reads");
            pull.set(SocketOption.RCVHWM, 1).connect(ep);
            assertEquals(1, poller.poll(Duration.ofSeconds(5)), "the new peer makes it writable");
            assertTrue(poller.isWritable(i));
            assertFalse(poller.isReadable(i));
            push.send("1");
            push.send("2");
            assertEquals(0, poller.poll(0), "at the HWM");
            Thread reader = TestSupport.start("reader", () -> {
                pull.recvString();
                pull.recvString();
            });
            assertEquals(1, poller.poll(-1), "room again once the reader drained the queue");
            assertEquals(Poller.POLLOUT, poller.readyEvents(i));
            TestSupport.join(reader);
        }
    }

    @Test
    void registeringTwiceChangesTheEventsAndUnregisterFreesTheIndex() {
        try (Context ctx = new Context();
             Socket a = ctx.socket(SocketType.PAIR);
             Socket b = ctx.socket(SocketType.PAIR);
             Poller poller = new Poller()) {
            String ep = TestSupport.inproc();
            a.bind(ep);
            b.connect(ep);
            int ia = poller.register(a, Poller.POLLIN);
            int ib = poller.register(b, Poller.POLLIN);
            assertEquals(ia, poller.register(a, Poller.POLLOUT));
            assertEquals(2, poller.size());
            assertEquals(1, poller.poll(0));
            assertTrue(poller.isWritable(ia));
            assertFalse(poller.isWritable(ib), "POLLOUT was not asked of b");
            assertTrue(poller.unregister(a));
            assertFalse(poller.unregister(a));
            assertNull(poller.socket(ia));
            assertEquals(ia, poller.register(a, Poller.POLLIN), "the free index is reused");
            assertSame(a, poller.socket(ia));
            assertThrows(GannetException.class, () -> poller.register(a, 8));
        }
    }

    @Test
    void pollingAClosedSocketIsEnotsockAndAClosedPollerIsEinval() {
        try (Context ctx = new Context()) {
            Socket s = ctx.socket(SocketType.PULL);
            Poller poller = new Poller();
            poller.register(s, Poller.POLLIN);
            s.close();
            assertEquals(ErrorCode.ENOTSOCK, assertThrows(GannetException.class, () -> poller.poll(0)).code());
            poller.unregister(s);
            Socket other = ctx.socket(SocketType.PULL);
            poller.register(other, Poller.POLLIN);
            ctx.close();
            assertEquals(ErrorCode.ETERM, assertThrows(GannetException.class, () -> poller.poll(0)).code());
            assertTrue(other.isClosed(), "the context closed it");
            poller.close();
            assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class, () -> poller.poll(0)).code());
        }
    }

    @Test
    void aFailedPollReleasesTheSocketsItHeld() {
        try (Context ctx = new Context(); Socket ok = ctx.socket(SocketType.PULL); Poller poller = new Poller()) {
            Socket closed = ctx.socket(SocketType.PULL);
            poller.register(ok, Poller.POLLIN);
            poller.register(closed, Poller.POLLIN);
            closed.close();
            assertThrows(GannetException.class, () -> poller.poll(0));
            ok.bind(TestSupport.inproc()); // not left busy
        }
    }

    @Test
    void pollingWhatIsReadyAllocatesNothing() throws Throwable {
        MethodHandle allocatedBytes = allocatedBytesCounter();
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller();
             Msg msg = new Msg()) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            int i = poller.register(pull, Poller.POLLIN);
            push.send("ready");
            for (int n = 0; n < 20_000; n++) { // warm up
                assertEquals(1, poller.poll(0));
            }
            if (allocatedBytes != null) {
                long tid = Thread.currentThread().getId();
                long before = (long) allocatedBytes.invokeExact(tid);
                int ready = 0;
                for (int n = 0; n < 10_000; n++) {
                    ready += poller.poll(0);
                }
                long allocated = (long) allocatedBytes.invokeExact(tid) - before;
                assertEquals(10_000, ready);
                assertTrue(allocated < 10_000, "10,000 polls allocated " + allocated + " bytes");
            }
            assertTrue(poller.isReadable(i));
            assertTrue(pull.recv(msg, 0));
            assertEquals("ready", msg.string());
        }
    }

    /**
     * HotSpot's per-thread allocation counter, (long threadId) -> bytes, or null where the JVM
     * has none. Found reflectively: the test module does not read java.management.
     */
    private static MethodHandle allocatedBytesCounter() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
            if (!hotspot.isInstance(bean)
                    || !(boolean) hotspot.getMethod("isThreadAllocatedMemorySupported").invoke(bean)) {
                return null;
            }
            return MethodHandles.publicLookup()
                    .findVirtual(hotspot, "getThreadAllocatedBytes", MethodType.methodType(long.class, long.class))
                    .bindTo(bean);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
