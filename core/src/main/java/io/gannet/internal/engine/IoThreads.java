package io.gannet.internal.engine;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketEvent;
import io.gannet.internal.Endpoint;
import io.gannet.internal.EndpointHandle;
import io.gannet.internal.SocketPort;
import io.gannet.internal.NetworkEndpoints;
import io.gannet.spi.DatagramTransport;
import io.gannet.spi.Transport;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A context's stream engine: its I/O threads, and the entry points for binding and
 * connecting over tcp and ipc.
 *
 * <p>{@link #bind} reports errors (address in use, not available, malformed) on the caller's
 * thread, then hands the listening channel to an I/O thread. {@link #connect} checks the
 * address and returns at once; connecting and reconnecting happen on an I/O thread.
 * Endpoints and connections are spread over the threads round robin.
 *
 * <p>{@link #shutdown} waits until every listener, connecter and session has finished (each
 * bounded by its socket's LINGER, LINGER -1 by the context's linger limit), or until the
 * caller's deadline or an interrupt, which end the sessions still lingering; then it stops
 * the threads, which close their selectors.
 * Thread-safe.
 */
public final class IoThreads implements NetworkEndpoints {
    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private final IoThread[] threads;
    private final AtomicInteger next = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    /** Live sessions (ZMTP and datagram), told when the context closes; guarded by {@link #lock}. */
    private final Set<Lingering> sessions = new HashSet<>();
    private int live;

    /** Starts {@code ioThreads} I/O threads (at least one) whose buffers come from {@code alloc}. */
    public IoThreads(int ioThreads, ByteBufAllocator alloc) {
        int n = Math.max(1, ioThreads);
        int ctx = CONTEXTS.incrementAndGet();
        threads = new IoThread[n];
        try {
            for (int i = 0; i < n; i++) {
                String name = "gannet-io-" + (n == 1 && ctx == 1 ? String.valueOf(i) : ctx + "-" + i);
                threads[i] = new IoThread(name, alloc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the I/O threads", e);
        }
        for (IoThread t : threads) {
            t.start();
        }
    }

    IoThread next() {
        return threads[Math.floorMod(next.getAndIncrement(), threads.length)];
    }

    // ---- bind and connect (socket thread) --------------------------------------------------

    @Override
    public EndpointHandle bind(SocketPort socket, Transport transport, Endpoint endpoint) {
        EndpointConfig cfg = new EndpointConfig(socket.type(), socket.traits(), socket.optionsSnapshot(), socket.zap());
        ServerSocketChannel server = null;
        try {
            SocketAddress address = transport.resolveBind(endpoint.address(), cfg.options);
            server = transport.listen(address, cfg.options);
            SocketAddress bound = server.getLocalAddress();
            String resolved = transport.endpoint(bound);
            IoThread io = next();
            Listener l = new Listener(io, this, socket, transport, server, bound, cfg, resolved);
            if (!io.execute(l::start)) {
                throw new GannetException(ErrorCode.ETERM, "the context is closing");
            }
            return l;
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            Channels.closeQuietly(server);
            GannetException g = bindError(endpoint, e);
            socket.emit(SocketEvent.BIND_FAILED, endpoint.toString(), 0, g.getMessage());
            throw g;
        }
    }

    static GannetException bindError(Endpoint endpoint, Exception e) {
        String what = "cannot bind " + endpoint + ": ";
        if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) {
            return new GannetException(ErrorCode.EADDRNOTAVAIL, what + "unknown host or interface");
        }
        if (e instanceof IllegalArgumentException) {
            return new GannetException(ErrorCode.EINVAL, what + e.getMessage());
        }
        if (e instanceof NoSuchFileException && ((NoSuchFileException) e).getReason() != null) {
            return new GannetException(ErrorCode.ENOENT, what + ((NoSuchFileException) e).getReason());
        }
        if (e instanceof BindException) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("in use")) {
                return new GannetException(ErrorCode.EADDRINUSE, what + "the address is already in use");
            }
            return new GannetException(ErrorCode.EADDRNOTAVAIL, what + m);
        }
        return new GannetException(ErrorCode.EADDRNOTAVAIL, what + (e.getMessage() != null ? e.getMessage() : e));
    }

    @Override
    public EndpointHandle connect(SocketPort socket, Transport transport, Endpoint endpoint) {
        EndpointConfig cfg = new EndpointConfig(socket.type(), socket.traits(), socket.optionsSnapshot(), socket.zap());
        SocketAddress resolved;
        try {
            resolved = transport.resolveConnect(endpoint.address(), cfg.options);
        } catch (UnresolvedAddressException e) {
            resolved = null;
        } catch (IllegalArgumentException e) {
            throw new GannetException(ErrorCode.EINVAL, "cannot connect to " + endpoint + ": " + e.getMessage());
        } catch (IOException e) {
            // Name resolution may work later; libzmq too resolves at each attempt.
            resolved = null;
        }
        IoThread io = next();
        Connecter c = new Connecter(io, this, socket, transport, endpoint.address(), endpoint.toString(), cfg, resolved);
        if (!io.execute(c::start)) {
            throw new GannetException(ErrorCode.ETERM, "the context is closing");
        }
        return c;
    }

    @Override
    public EndpointHandle bind(SocketPort socket, DatagramTransport transport, Endpoint endpoint) {
        return DatagramEndpoints.bind(this, socket, transport, endpoint);
    }

    @Override
    public EndpointHandle connect(SocketPort socket, DatagramTransport transport, Endpoint endpoint) {
        return DatagramEndpoints.connect(this, socket, transport, endpoint);
    }

    // ---- lifetime ---------------------------------------------------------------------------

    /** A listener, connecter or session starts; {@link #shutdown} waits for its {@link #release}. */
    void retain() {
        lock.lock();
        try {
            live++;
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            if (--live == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A session starts: as {@link #retain()}, and the context's close may tell it to stop lingering. */
    void retain(Lingering s) {
        lock.lock();
        try {
            live++;
            sessions.add(s);
        } finally {
            lock.unlock();
        }
    }

    void release(Lingering s) {
        lock.lock();
        try {
            sessions.remove(s);
            if (--live == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void shutdown(long deadlineNanos, long lingerLimitMs) {
        for (Lingering s : liveSessions()) {
            s.io().execute(() -> s.contextClosing(lingerLimitMs));
        }
        String cut = awaitIdle(deadlineNanos);
        boolean interrupted = cut != null && cut.contains("interrupted");
        if (cut != null) {
            for (Lingering s : liveSessions()) {
                s.io().execute(() -> s.abort(cut));
            }
            // Sessions end at once now: this wait is short, and an interrupt must not skip it.
            awaitIdle(Long.MAX_VALUE, false);
        }
        for (IoThread t : threads) {
            t.stop();
        }
        for (IoThread t : threads) {
            for (;;) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Lingering> liveSessions() {
        lock.lock();
        try {
            return new ArrayList<>(sessions);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until nothing lingers. Returns null when that happened, otherwise why the wait
     * stopped first: the deadline passed, or the thread was interrupted (the interrupt is
     * consumed; the caller sets it again).
     */
    private String awaitIdle(long deadlineNanos) {
        return awaitIdle(deadlineNanos, true);
    }

    private String awaitIdle(long deadlineNanos, boolean interruptible) {
        boolean interruptedHere = false;
        lock.lock();
        try {
            while (live > 0) {
                if (interruptible && Thread.interrupted()) {
                    return "Context.close() was interrupted";
                }
                try {
                    if (deadlineNanos == Long.MAX_VALUE) {
                        idle.await();
                    } else {
                        long left = deadlineNanos - System.nanoTime();
                        if (left <= 0) {
                            return "Context.close(timeout) ran out of time";
                        }
                        idle.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    if (interruptible) {
                        return "Context.close() was interrupted";
                    }
                    interruptedHere = true;
                }
            }
            return null;
        } finally {
            lock.unlock();
            if (interruptedHere) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
