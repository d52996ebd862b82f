package io.gannet.transports.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Context;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10,000 real tcp connections on one server socket with one I/O thread: all connect at once
 * (a connect storm), each completes the ZMTP handshake and is served a message, they sit
 * idle while the server's memory is measured, and then all are reset at once; the server
 * must let go of every one and still serve. The peers are {@link ZmtpSwarm} connections in
 * a child JVM ({@link SwarmProcess}), so the memory figures are the server's own.
 *
 * <p>The bound asserted is the target for an idle connection: at most 16 KB of heap and
 * direct memory together, measured after GC (memory is not a timing: it does not depend on
 * the machine's load). This class runs in its own surefire execution with a 256 MB heap
 * (which also caps direct memory at 256 MB), so 10,000 connections must fit there.
 *
 * <p>Each process needs a file descriptor per connection: the test fails, naming the limit
 * and how to raise it, when {@code ulimit -n} is too low ({@code .ci/run} raises it).
 */
class TenThousandConnectionsTest {
    static final int CONNECTIONS = 10_000;
    /** The target per idle connection: heap plus direct memory. */
    static final long MAX_BYTES_PER_CONNECTION = 16 * 1024;
    /** What may stay per connection after all are gone (allocator chunks, grown tables). */
    static final long MAX_BYTES_LEFT_PER_CONNECTION = 2 * 1024;
    static final long HEAP_LIMIT = 256L << 20;
    private static final long PHASE_MILLIS = 60_000;

    @BeforeAll
    static void enoughFileDescriptors() {
        requireFileDescriptors(CONNECTIONS);
    }

    /** Fails (never skips) when this process may not open a descriptor per connection and some more. */
    static void requireFileDescriptors(int connections) {
        long limit = ProcessStats.maxFds();
        long needed = connections + 1024L;
        if (limit >= 0 && limit < needed) {
            fail("this test holds " + connections + " tcp connections, one file descriptor each in this JVM and in"
                    + " its peer process, but the limit (ulimit -n) is " + limit + ": raise it to at least " + needed
                    + " in the shell that runs Maven (ulimit -n " + (needed + 1023) / 1024 * 1024
                    + "; .ci/run does) and run again");
        }
    }

    @Test
    void routerServesTenThousandConnectionsAtUnder16KbEach() throws Exception {
        ConnectionScale.Result r = run(ConnectionScale.Server.ROUTER);
        assertServedWithinBounds(r);
    }

    @Test
    void pubServesTenThousandSubscribersAtUnder16KbEach() throws Exception {
        ConnectionScale.Result r = run(ConnectionScale.Server.PUB);
        assertServedWithinBounds(r);
    }

    private static ConnectionScale.Result run(ConnectionScale.Server server) throws Exception {
        ConnectionScale.Result r;
        try (Context ctx = Context.builder().ioThreads(1).build()) {
            r = ConnectionScale.run(ctx, server, CONNECTIONS, PHASE_MILLIS);
        }
        System.out.println(server + " (max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, ulimit -n "
                + ProcessStats.maxFds() + "): " + r);
        return r;
    }

    private static void assertServedWithinBounds(ConnectionScale.Result r) {
        assertEquals(CONNECTIONS, r.handshaken(), "connections handshaken");
        assertEquals(CONNECTIONS, r.served(), "connections served a message");
        assertTrue(r.bytesPerConnection() <= MAX_BYTES_PER_CONNECTION,
                String.format("heap+direct per idle connection: %.0f bytes, at most %d wanted; %s",
                        r.bytesPerConnection(), MAX_BYTES_PER_CONNECTION, r));
        assertTrue(r.idle().heapBytes() < HEAP_LIMIT, "live heap with every connection open: " + r.idle());
        assertTrue(r.bytesLeftPerConnection() <= MAX_BYTES_LEFT_PER_CONNECTION,
                String.format("heap+direct left per connection after the resets: %.0f bytes; %s",
                        r.bytesLeftPerConnection(), r));
    }
}
