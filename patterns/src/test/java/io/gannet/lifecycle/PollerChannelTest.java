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
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.testing.TestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A Poller waiting on Gannet sockets and plain java.nio channels in one wait. */
class PollerChannelTest {

    @Test
    void aPipeBecomingReadableWakesAWaitingPoll() throws Exception {
        Pipe pipe = Pipe.open();
        try (Poller poller = new Poller(); Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            int i = poller.register(source, Poller.POLLIN);
            assertSame(source, poller.channel(i));
            assertNull(poller.socket(i));
            assertEquals(0, poller.poll(0), "nothing written yet");

            Thread writer = TestSupport.start("writer", () -> write(sink, "x"));
            assertEquals(1, poller.poll(-1));
            assertTrue(poller.isReadable(i));
            assertFalse(poller.isWritable(i));
            TestSupport.join(writer);
            assertEquals(1, source.read(ByteBuffer.allocate(8)));
            assertEquals(0, poller.poll(0), "drained");
        }
    }

    @Test
    void socketChannelsReportAcceptConnectReadAndWrite() throws Exception {
        try (Poller poller = new Poller();
             ServerSocketChannel server = ServerSocketChannel.open();
             SocketChannel client = SocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            client.configureBlocking(false);
            int s = poller.register(server, Poller.POLLIN);
            client.connect(server.getLocalAddress());
            int c = poller.register(client, Poller.POLLOUT);

            awaitReady(poller, s, Poller.POLLIN);
            try (SocketChannel accepted = server.accept()) {
                awaitReady(poller, c, Poller.POLLOUT);
                client.finishConnect();
                assertEquals(Poller.POLLOUT, poller.poll(0) > 0 ? poller.readyEvents(c) : -1, "connected: writable");

                poller.register(client, Poller.POLLIN); // only reads now
                assertEquals(0, poller.poll(0));
                accepted.write(ByteBuffer.wrap(new byte[] {7}));
                assertEquals(1, poller.poll(Duration.ofSeconds(10)));
                assertEquals(Poller.POLLIN, poller.readyEvents(c));
            }
        }
    }

    @Test
    void aSocketMessageWakesAPollThatAlsoWaitsOnAChannel() throws Exception {
        Pipe pipe = Pipe.open();
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller();
             Pipe.SourceChannel source = pipe.source();
             Pipe.SinkChannel sink = pipe.sink()) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            source.configureBlocking(false);
            int ip = poller.register(pull, Poller.POLLIN);
            int ic = poller.register(source, Poller.POLLIN);

            // First the socket, then the channel: each wakes the same waiting poll.
            Thread sender = TestSupport.start("sender", () -> push.send("m"));
            assertEquals(1, poller.poll(-1));
            assertTrue(poller.isReadable(ip));
            assertFalse(poller.isReadable(ic));
            assertEquals("m", pull.recvString());
            TestSupport.join(sender);

            Thread writer = TestSupport.start("writer", () -> write(sink, "c"));
            assertEquals(1, poller.poll(-1));
            assertTrue(poller.isReadable(ic));
            assertFalse(poller.isReadable(ip));
            TestSupport.join(writer);
            source.read(ByteBuffer.allocate(8));

            // Then both at once.
            push.send("n");
            write(sink, "d");
            TestSupport.await("both ready", () -> poller.poll(0) == 2);
            assertTrue(poller.isReadable(ip) && poller.isReadable(ic));
        }
    }

    @Test
    void aPollParkedInTheSelectorIsWokenByASocketFromAnotherThread() throws Exception {
        Pipe pipe = Pipe.open();
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Pipe.SourceChannel source = pipe.source();
             Pipe.SinkChannel sink = pipe.sink()) {
            String ep = TestSupport.inproc();
            pull.bind(ep);
            push.connect(ep);
            source.configureBlocking(false);
            AtomicInteger result = new AtomicInteger(-1);
            Thread waiter = TestSupport.start("poller", () -> {
                try (Poller poller = new Poller()) {
                    poller.register(source, Poller.POLLIN);
                    int i = poller.register(pull, Poller.POLLIN);
                    result.set(poller.poll(-1) == 1 && poller.isReadable(i) ? 1 : 0);
                }
            });
            TestSupport.await("the poll waits in its selector", () -> isInSelect(waiter));
            push.send("wake");
            TestSupport.join(waiter);
            assertEquals(1, result.get(), "woken by the socket, not the channel");
            assertEquals("wake", pull.recvString());
        }
    }

    @Test
    void theTimeoutIsHonouredWithChannels() throws Exception {
        Pipe pipe = Pipe.open();
        try (Poller poller = new Poller(); Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            poller.register(source, Poller.POLLIN);
            long start = System.nanoTime();
            assertEquals(0, poller.poll(50));
            assertTrue(System.nanoTime() - start >= 50_000_000L, "returned before the timeout");
            assertEquals(0, poller.poll(Duration.ofNanos(1)), "a sub-millisecond timeout still returns");
        }
    }

    @Test
    void anUnregisteredChannelIsNoLongerPolledAndMayBlockAgain() throws Exception {
        Pipe pipe = Pipe.open();
        try (Poller poller = new Poller(); Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            int i = poller.register(source, Poller.POLLIN);
            assertEquals(i, poller.register(source, Poller.POLLIN | Poller.POLLERR), "registering again changes events");
            write(sink, "x");
            assertEquals(1, poller.poll(Duration.ofSeconds(10)));
            assertTrue(poller.unregister(source));
            assertFalse(poller.unregister(source));
            assertEquals(0, poller.size());
            assertFalse(source.isRegistered(), "out of the selector at once");
            source.configureBlocking(true); // would throw while registered
            assertEquals(0, poller.poll(0));
            sink.configureBlocking(false);
            assertEquals(i, poller.register(sink, Poller.POLLOUT), "the index is reused");
            assertEquals(1, poller.poll(0));
            assertTrue(poller.isWritable(i));
        }
    }

    @Test
    void aClosedChannelIsPollErr() throws Exception {
        Pipe pipe = Pipe.open();
        try (Poller poller = new Poller(); Pipe.SinkChannel sink = pipe.sink()) {
            Pipe.SourceChannel source = pipe.source();
            source.configureBlocking(false);
            int i = poller.register(source, Poller.POLLIN);
            source.close();
            assertEquals(1, poller.poll(0));
            assertEquals(Poller.POLLERR, poller.readyEvents(i));
            assertTrue(poller.unregister(source));
            assertEquals(0, poller.poll(0));
        }
    }

    @Test
    void closingThePollerReleasesItsSelector() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            Poller poller = new Poller();
            poller.register(source, Poller.POLLIN);
            assertTrue(source.isRegistered());
            poller.close();
            assertFalse(source.isRegistered(), "the selector was closed, deregistering the channel");
            assertTrue(source.isOpen(), "the channel itself stays open");
            source.configureBlocking(true);
            poller.close(); // idempotent
            assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class, () -> poller.poll(0)).code());
        }
    }

    @Test
    void blockingOrClosedChannelsAndBadEventsAreRefused() throws Exception {
        Pipe pipe = Pipe.open();
        try (Poller poller = new Poller(); Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            assertEquals(ErrorCode.EINVAL,
                    assertThrows(GannetException.class, () -> poller.register(source, Poller.POLLIN)).code());
            source.configureBlocking(false);
            assertThrows(GannetException.class, () -> poller.register(source, 8));
            sink.close();
            assertThrows(GannetException.class, () -> poller.register(sink, Poller.POLLOUT));
            assertEquals(0, poller.size());
        }
    }

    private static void awaitReady(Poller poller, int index, int events) {
        TestSupport.await("events " + events + " at " + index,
                () -> poller.poll(0) > 0 && (poller.readyEvents(index) & events) == events);
    }

    private static void write(Pipe.SinkChannel sink, String s) {
        try {
            sink.write(ByteBuffer.wrap(s.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code t} waits inside a Selector (RUNNABLE in epoll_wait, so not "parked"). */
    private static boolean isInSelect(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getMethodName().startsWith("doSelect")) {
                return true;
            }
        }
        return false;
    }
}
