package io.gannet.transports.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte-level tcp proxy for fault injection: it listens on 127.0.0.1 and forwards each
 * connection to a target, and on command cuts (FIN) or resets (RST) every open connection,
 * stalls traffic (holds it, connections stay open), delays every chunk, or refuses new
 * connections. It knows nothing of ZMTP, so it can cut a frame in half.
 *
 * <p>Threads: one acceptor, two pumps per connection (platform threads, daemons). Commands
 * may come from any thread. {@link #close()} ends everything.
 */
public final class FaultProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final List<Connection> open = new CopyOnWriteArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong cuts = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean stalled;
    private volatile boolean refusing;
    private volatile long delayNanos;
    private volatile boolean closed;

    /** Starts a proxy in front of {@code tcp://host:port}. */
    public FaultProxy(String targetEndpoint) throws IOException {
        String hostPort = targetEndpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        target = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The endpoint to connect to instead of the target. */
    public String endpoint() {
        InetSocketAddress a;
        try {
            a = (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "tcp://127.0.0.1:" + a.getPort();
    }

    /** Closes every open connection normally (both peers see the connection end). */
    public void cut() {
        for (Connection c : open) {
            if (c.close(false)) {
                cuts.incrementAndGet();
            }
        }
    }

    /** Resets every open connection (SO_LINGER 0: the peers see ECONNRESET). */
    public void reset() {
        for (Connection c : open) {
            if (c.close(true)) {
                cuts.incrementAndGet();
            }
        }
    }

    /** Holds all traffic (connections stay open, nothing flows) until {@code stall(false)}. */
    public void stall(boolean on) {
        stalled = on;
    }

    /** Delays every chunk of data by {@code delay} (zero: none). */
    public void delay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /** Closes new connections at once while on. */
    public void refuse(boolean on) {
        refusing = on;
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Connections ended by {@link #cut()} or {@link #reset()}. */
    public long cuts() {
        return cuts.get();
    }

    /** Bytes forwarded, both ways. */
    public long bytesForwarded() {
        return bytes.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                SocketChannel upstream = SocketChannel.open(target);
                accepted.incrementAndGet();
                Connection c = new Connection(client, upstream);
                open.add(c);
                c.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // The target refused (it is down): the client's connection was dropped; go on.
            }
        }
    }

    /** One proxied connection and its two pumps. */
    private final class Connection {
        private final SocketChannel client;
        private final SocketChannel upstream;
        private boolean ended;

        Connection(SocketChannel client, SocketChannel upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        }

        private void pump(SocketChannel from, SocketChannel to, String way) {
            Thread t = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
                try {
                    while (from.read(buf.clear()) >= 0) {
                        while (stalled && !closed) {
                            Thread.sleep(1);
                        }
                        long d = delayNanos;
                        if (d > 0) {
                            Thread.sleep(d / 1_000_000, (int) (d % 1_000_000));
                        }
                        buf.flip();
                        bytes.addAndGet(buf.remaining());
                        while (buf.hasRemaining()) {
                            to.write(buf);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // Cut, reset or closed: the other pump ends too.
                }
                close(false);
            }, "fault-proxy-" + way);
            t.setDaemon(true);
            t.start();
        }

        /** Ends the connection; false when it had ended already. */
        synchronized boolean close(boolean reset) {
            if (ended) {
                return false;
            }
            ended = true;
            open.remove(this);
            try {
                if (reset) {
                    client.setOption(StandardSocketOptions.SO_LINGER, 0);
                    upstream.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
            } catch (IOException e) {
                // Already closed by the peer: a plain close follows.
            }
            try {
                client.close();
            } catch (IOException e) {
                // Nothing more to do for a connection being dropped.
            }
            try {
                upstream.close();
            } catch (IOException e) {
                // As above.
            }
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Connection c : open) {
            c.close(false);
        }
    }
}
