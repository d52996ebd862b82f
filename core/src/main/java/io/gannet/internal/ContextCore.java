package io.gannet.internal;

import io.gannet.ContextClosedException;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketType;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a {@link io.gannet.Context} owns: its sockets, the inproc registry, the buffer
 * allocator and (started on first use) the I/O threads of the stream engine.
 * Thread-safe.
 */
public final class ContextCore {
    private final int ioThreads;
    private final int maxSockets;
    /** How long a socket with LINGER -1 may delay {@link #close}, in ms; -1 for no limit. */
    private final long lingerLimitMs;
    private final InprocRegistry inproc = new InprocRegistry();
    private final ZapConnector zap = new ZapConnector(inproc);
    private final EndpointKinds endpointKinds;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition socketsGone = lock.newCondition();
    private final Set<SocketImpl> sockets = new LinkedHashSet<>();
    private final NetworkEndpoints.Factory networkEngine;
    private volatile NetworkEndpoints network;
    private volatile boolean closed;

    /**
     * @param networkEngine starts the I/O threads that serve network endpoints (tcp, ipc, udp,
     *                      epgm), on the first bind or connect to one
     */
    public ContextCore(int ioThreads, int maxSockets, long lingerLimitMs, NetworkEndpoints.Factory networkEngine) {
        // Two providers of one scheme or socket type: refuse at start-up, not at first use.
        Transports.check();
        Protocols.check();
        this.networkEngine = networkEngine;
        this.endpointKinds = new EndpointKinds(inproc, new StreamEndpointKind(this::network),
                new DatagramEndpointKind(this::network));
        this.ioThreads = ioThreads;
        this.maxSockets = maxSockets;
        this.lingerLimitMs = lingerLimitMs;
    }

    /** The linger limit in ms, -1 for none. */
    public long lingerLimitMs() {
        return lingerLimitMs;
    }

    public int ioThreads() {
        return ioThreads;
    }

    public int maxSockets() {
        return maxSockets;
    }

    public ByteBufAllocator alloc() {
        return alloc;
    }

    /** The lookup from a scheme to the kind of endpoint that serves it. */
    EndpointKinds endpointKinds() {
        return endpointKinds;
    }

    /** Makes a socket; throws {@code EMFILE} past {@code maxSockets}. */
    public SocketImpl socket(SocketType type) {
        lock.lock();
        try {
            if (closed) {
                throw new ContextClosedException();
            }
            if (sockets.size() >= maxSockets) {
                throw new GannetException(ErrorCode.EMFILE, "the context already has its maximum of "
                        + maxSockets + " sockets; close some or raise maxSockets");
            }
            SocketImpl s = new SocketImpl(this, type);
            sockets.add(s);
            return s;
        } finally {
            lock.unlock();
        }
    }

    void socketClosed(SocketImpl s) {
        lock.lock();
        try {
            sockets.remove(s);
            if (sockets.isEmpty()) {
                socketsGone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The network engine (I/O threads), started on first use. */
    NetworkEndpoints network() {
        NetworkEndpoints s = network;
        if (s == null) {
            lock.lock();
            try {
                if (closed) {
                    throw new ContextClosedException();
                }
                s = network;
                if (s == null) {
                    s = networkEngine.start(ioThreads, alloc);
                    network = s;
                }
            } finally {
                lock.unlock();
            }
        }
        return s;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * zmq_ctx_term, without its hang: every socket is told to stop (blocked calls throw
     * {@link ContextClosedException}) and closed by whichever thread holds it next (this one
     * if none does); inproc connects still waiting for a bind are dropped; then lingering
     * connections finish (each within its LINGER, LINGER -1 within the linger limit) and the
     * I/O threads stop.
     *
     * @param timeoutNanos the longest this call waits for lingering messages, or a negative
     *                     value for no bound; an interrupt also stops the wait. What is left
     *                     then is dropped and counted.
     */
    public void close(long timeoutNanos) {
        long now = System.nanoTime();
        // A timeout too long to add to the clock is no bound at all.
        long deadline = timeoutNanos < 0 || timeoutNanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : now + timeoutNanos;
        List<SocketImpl> all;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(sockets);
        } finally {
            lock.unlock();
        }
        for (SocketImpl s : all) {
            s.terminate();
        }
        // Sockets held by other threads close as those threads leave their calls, at once.
        boolean interrupted = false;
        lock.lock();
        try {
            while (!sockets.isEmpty()) {
                try {
                    socketsGone.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
        }
        inproc.contextClosed();
        NetworkEndpoints s = network;
        if (interrupted) {
            // An interrupt during close means: stop waiting for lingering messages.
            Thread.currentThread().interrupt();
        }
        if (s != null) {
            s.shutdown(deadline, lingerLimitMs);
        }
    }

    /** The way to this context's ZAP handler ({@code inproc://zeromq.zap.01}). */
    ZapConnector zap() {
        return zap;
    }
}
