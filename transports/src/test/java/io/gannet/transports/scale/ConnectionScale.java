package io.gannet.transports.scale;

import io.gannet.Context;
import io.gannet.GannetInterruptedException;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.IOException;
import java.time.Duration;

/**
 * One Gannet server socket serving many raw tcp connections from a {@link SwarmProcess}:
 * measures what the server process holds before the connections, while they are idle after
 * each was handshaken and served one message, and after all of them were reset at once.
 * Shared by the scale tests and the connection-memory benchmark.
 *
 * <p>Every connection comes from the child process, so the figures are the server's alone.
 * The server's classes are loaded first by one Gannet client of the same context, so the
 * baseline does not leave class loading to be counted per connection.
 */
public final class ConnectionScale {

    /** Which server socket, and the role its swarm peers play. */
    public enum Server {
        /** A ROUTER answering each DEALER peer's message, routed back by routing id. */
        ROUTER(SocketType.ROUTER, ZmtpSwarm.Role.DEALER, SocketType.DEALER),
        /** A REP echo server for REQ peers (the classic echo benchmark). */
        REP(SocketType.REP, ZmtpSwarm.Role.REQ, SocketType.REQ),
        /** A PUB publishing until every SUB peer received a message. */
        PUB(SocketType.PUB, ZmtpSwarm.Role.SUB, SocketType.SUB);

        final SocketType type;
        final ZmtpSwarm.Role peerRole;
        final SocketType warmUpType;

        Server(SocketType type, ZmtpSwarm.Role peerRole, SocketType warmUpType) {
            this.type = type;
            this.peerRole = peerRole;
            this.warmUpType = warmUpType;
        }
    }

    /**
     * What one run measured.
     *
     * @param connections    how many peers connected (all at once)
     * @param handshaken     how many completed the handshake
     * @param served         how many got their message back
     * @param before         the server process before the connections (after GC)
     * @param idle           with every connection open and idle (after GC)
     * @param afterReset     after every connection was reset and the server let go of it (after GC)
     * @param servedMillis   from starting the swarm to the last peer served
     * @param resetMillis    from the resets to the server's descriptors back at their baseline
     */
    public record Result(int connections, int handshaken, int served, ProcessStats before, ProcessStats idle,
                         ProcessStats afterReset, long servedMillis, long resetMillis) {

        /** Heap plus direct memory per idle connection, in bytes. */
        public double bytesPerConnection() {
            return (idle.heapBytes() + idle.directBytes() - before.heapBytes() - before.directBytes())
                    / (double) connections;
        }

        /** Heap plus direct memory still held per connection after all were reset, in bytes. */
        public double bytesLeftPerConnection() {
            return (afterReset.heapBytes() + afterReset.directBytes() - before.heapBytes() - before.directBytes())
                    / (double) connections;
        }

        @Override
        public String toString() {
            return String.format("%d connections (%d handshaken, %d served in %d ms)%n"
                            + "  before:      %s%n  idle:        %s%n  after reset: %s (%d ms)%n"
                            + "  per idle connection: %s%n  per connection left after reset: %s",
                    connections, handshaken, served, servedMillis, before, idle, afterReset, resetMillis,
                    idle.perItem(before, connections), afterReset.perItem(before, connections));
        }
    }

    private ConnectionScale() {
    }

    /**
     * Serves {@code connections} swarm peers with a {@code server} socket of {@code ctx},
     * giving each phase (handshakes, serving, resets) {@code phaseMillis}.
     */
    public static Result run(Context ctx, Server server, int connections, long phaseMillis)
            throws IOException, InterruptedException {
        try (Socket s = ctx.socket(server.type)) {
            s.set(SocketOption.BACKLOG, connections);
            s.set(SocketOption.LINGER, 0);
            s.bind("tcp://127.0.0.1:*");
            String endpoint = s.lastEndpoint();
            warmUp(ctx, s, server, endpoint);
            ProcessStats before = ProcessStats.afterGc();

            long start = System.nanoTime();
            int handshaken;
            int served;
            ProcessStats idle;
            ProcessStats afterReset;
            long servedMillis;
            long resetMillis;
            try (SwarmProcess swarm = SwarmProcess.start(endpoint, connections, server.peerRole, phaseMillis)) {
                // The child's pipes, counted before its JVM is up and connecting (it takes
                // far longer to start than this line).
                long baselineFds = ProcessStats.openFds();
                if (server == Server.PUB) {
                    handshaken = SwarmProcess.count(swarm.await("handshaken", phaseMillis + 30_000));
                    served = publishUntilServed(s, swarm, phaseMillis);
                } else {
                    Thread replier = echo(s, connections, phaseMillis);
                    try {
                        handshaken = SwarmProcess.count(swarm.await("handshaken", phaseMillis + 30_000));
                        served = SwarmProcess.count(swarm.await("served", phaseMillis + 30_000));
                    } finally {
                        if (replier.isAlive()) {
                            replier.interrupt(); // a failed run: the socket goes back to this thread
                        }
                        replier.join(phaseMillis);
                    }
                }
                servedMillis = (System.nanoTime() - start) / 1_000_000;
                idle = ProcessStats.afterGc();

                long resetStart = System.nanoTime();
                swarm.reset();
                swarm.await("reset", phaseMillis);
                awaitFds(baselineFds, phaseMillis);
                resetMillis = (System.nanoTime() - resetStart) / 1_000_000;
            }
            // Still serving; the call also lets the socket run the commands that end its
            // pipes (a socket handles its mailbox inside its own calls).
            warmUp(ctx, s, server, endpoint);
            afterReset = ProcessStats.afterGc();
            return new Result(connections, handshaken, served, before, idle, afterReset, servedMillis, resetMillis);
        }
    }

    /** One round with a Gannet peer: loads every class of the path and proves the server serves. */
    private static void warmUp(Context ctx, Socket server, Server kind, String endpoint) {
        try (Socket peer = ctx.socket(kind.warmUpType)) {
            peer.set(SocketOption.LINGER, 0);
            peer.set(SocketOption.RCVTIMEO, 10_000);
            peer.set(SocketOption.SNDTIMEO, 10_000);
            server.set(SocketOption.RCVTIMEO, 10_000);
            server.set(SocketOption.SNDTIMEO, 10_000);
            if (kind == Server.PUB) {
                peer.subscribe("");
            }
            peer.connect(endpoint);
            if (kind == Server.PUB) {
                Msg got = null;
                while (got == null) {
                    server.send("warm-up");
                    got = peer.recv(Duration.ofMillis(20));
                }
                got.close();
                return;
            }
            peer.send("warm-up");
            if (kind == Server.ROUTER) {
                Multipart m = server.recvMultipart(0);
                server.send(m);
            } else {
                server.send(server.recvBytes(0));
            }
            byte[] reply = peer.recvBytes(0);
            if (reply == null) {
                throw new IllegalStateException("no warm-up reply");
            }
        }
    }

    /** A thread that answers {@code count} requests on {@code s} (ROUTER or REP), then ends. */
    private static Thread echo(Socket s, int count, long phaseMillis) {
        Thread t = new Thread(() -> {
            s.set(SocketOption.RCVTIMEO, (int) phaseMillis);
            try {
                for (int i = 0; i < count; i++) {
                    Multipart m = s.recvMultipart(0);
                    if (m == null) {
                        return;
                    }
                    s.send(m);
                }
            } catch (GannetInterruptedException e) {
                // told to stop
            }
        }, "scale-echo");
        t.start();
        return t;
    }

    /** Publishes every 20 ms until the swarm says every peer got a message; returns its count. */
    private static int publishUntilServed(Socket pub, SwarmProcess swarm, long phaseMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + phaseMillis * 1_000_000;
        for (;;) {
            pub.send("news");
            String line = swarm.poll("served");
            if (line != null) {
                return SwarmProcess.count(line);
            }
            if (System.nanoTime() > deadline) {
                return SwarmProcess.count(swarm.await("served", 30_000));
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the server's descriptors are back to {@code baseline} (its connections closed). */
    private static void awaitFds(long baseline, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (ProcessStats.openFds() > baseline) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server still has " + ProcessStats.openFds()
                        + " descriptors open, " + baseline + " before the connections");
            }
            Thread.sleep(10);
        }
    }
}
