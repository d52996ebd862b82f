package io.gannet.internal;

import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context's {@code inproc://} names. Binding and connecting join two sockets' pipes
 * directly: no I/O thread, no copy, no system call. Connecting before the bind works: the
 * connecter gets its pipe end at once (so it can queue messages) and the binder gets the
 * other end when it binds.
 *
 * <p>A connect still waiting when its socket closes keeps its messages for the bind for up to
 * the socket's LINGER (-1: until the context closes), as libzmq keeps pending inproc
 * connections. A bind after that, or the context's close, drops them and counts them
 * ({@link SocketPort#messagesDropped}); the registry has no thread, so an expired wait is
 * noticed (and counted) at the next bind or at the context's close.
 *
 * <p>Thread-safe; the lock is held only to look up and change the maps, never while a
 * socket's protocol runs.
 */
final class InprocRegistry implements EndpointKind {
    private static final Logger LOG = LoggerFactory.getLogger(InprocRegistry.class);
    /** What a socket settled on when it bound or connected, read later by the other side's thread. */
    private record Terms(SocketPort socket, SocketType type, boolean pipeNeedsPeerId, byte[] routingId, int sndhwm,
                         int rcvhwm, boolean conflate, byte[] connectRoutingId) {
        static Terms of(SocketPort s) {
            return new Terms(s, s.type(), s.traits().pipeNeedsPeerId(), s.option(SocketOption.ROUTING_ID),
                    s.option(SocketOption.SNDHWM), s.option(SocketOption.RCVHWM), s.option(SocketOption.CONFLATE),
                    s.option(SocketOption.CONNECT_ROUTING_ID));
        }

        /** The id the connecter knows the binder {@code b} by: CONNECT_ROUTING_ID, or what b announces. */
        byte[] idOf(Terms b) {
            return connectRoutingId != null ? connectRoutingId : b.routingId;
        }
    }

    /**
     * A connect waiting for its bind; {@code pair.first()} is the connecter's end. Once the
     * connecting socket has closed, {@code keepUntil} is the {@link System#nanoTime()} after
     * which the bind comes too late ({@link Long#MAX_VALUE}: until the context closes).
     */
    private record Pending(Terms connecter, PipePair pair, boolean connecterAttached, boolean orphaned,
                           long keepUntil, int linger) {
        Pending(Terms connecter, PipePair pair, boolean connecterAttached) {
            this(connecter, pair, connecterAttached, false, 0, 0);
        }

        Pending orphan(int lingerMs) {
            long until = lingerMs < 0 ? Long.MAX_VALUE : System.nanoTime() + lingerMs * 1_000_000L;
            return new Pending(connecter, pair, connecterAttached, true, until, lingerMs);
        }

        boolean expired(long now) {
            return orphaned && keepUntil != Long.MAX_VALUE && now - keepUntil >= 0;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Terms> bound = new HashMap<>();
    private final Map<String, List<Pending>> pending = new HashMap<>();

    @Override
    public EndpointHandle bind(SocketPort binder, Endpoint endpoint) {
        String name = endpoint.address();
        bind(binder, name);
        return new Binding(binder, name);
    }

    @Override
    public EndpointHandle connect(SocketPort connecter, Endpoint endpoint) {
        String name = endpoint.address();
        connect(connecter, name);
        return new Connection(connecter, name);
    }

    /** A bind: unbinding forgets the name (the socket closes the pipes it made). */
    private final class Binding implements EndpointHandle {
        private final SocketPort socket;
        private final String name;

        Binding(SocketPort socket, String name) {
            this.socket = socket;
            this.name = name;
        }

        @Override
        public String endpoint() {
            return "inproc://" + name;
        }

        @Override
        public void close() {
            unbind(socket, name);
        }
    }

    /**
     * A connect: {@code disconnect()} drops it if it still waits for its bind; the socket's
     * close lets it wait for its LINGER if it holds messages (see the class doc).
     */
    private final class Connection implements EndpointHandle {
        private final SocketPort socket;
        private final String name;

        Connection(SocketPort socket, String name) {
            this.socket = socket;
            this.name = name;
        }

        @Override
        public String endpoint() {
            return "inproc://" + name;
        }

        @Override
        public void close() {
            connecterClosed(socket, name);
        }

        @Override
        public void disconnect() {
            cancelPending(socket, name);
        }
    }

    /** Called on the binder's thread. */
    private void bind(SocketPort binder, String name) {
        Terms b = Terms.of(binder);
        List<Pending> waiting;
        lock.lock();
        try {
            if (bound.containsKey(name)) {
                throw new GannetException(ErrorCode.EADDRINUSE, "inproc://" + name + " is already bound");
            }
            bound.put(name, b);
            waiting = pending.remove(name);
        } finally {
            lock.unlock();
        }
        if (waiting != null) {
            long now = System.nanoTime();
            for (Pending p : waiting) {
                if (p.expired(now)) {
                    drop(p, "inproc://" + name, "LINGER of " + p.linger + " ms ran out before inproc://" + name
                            + " was bound");
                } else {
                    join(b, p.connecter, p.pair, p.connecterAttached, "inproc://" + name);
                }
            }
        }
    }

    /** Called on the connecter's thread. */
    private void connect(SocketPort connecter, String name) {
        Terms c = Terms.of(connecter);
        String endpoint = "inproc://" + name;
        for (;;) {
            Terms b;
            PipePair waiting = null;
            lock.lock();
            try {
                b = bound.get(name);
                if (b == null) {
                    waiting = newPair(c, null, endpoint);
                    // A ROUTER cannot address a peer whose routing id it does not know yet.
                    boolean attachNow = !c.pipeNeedsPeerId || c.connectRoutingId != null;
                    if (c.connectRoutingId != null) {
                        waiting.first().peerIdentity(null, c.connectRoutingId);
                    }
                    pending.computeIfAbsent(name, k -> new ArrayList<>(2)).add(new Pending(c, waiting, attachNow));
                    if (!attachNow) {
                        return;
                    }
                }
            } finally {
                lock.unlock();
            }
            if (waiting != null) {
                connecter.attach(waiting.first());
                return;
            }
            if (!c.type.compatibleWith(b.type)) {
                throw new GannetException(ErrorCode.ENOCOMPATPROTO, "a " + c.type + " socket cannot connect to the "
                        + b.type + " socket bound at " + endpoint);
            }
            PipePair pair = newPair(c, b, endpoint);
            pair.first().peerIdentity(b.type, c.idOf(b));
            pair.second().peerIdentity(c.type, c.routingId);
            if (b.socket.offerPipe(pair.second())) {
                connecter.attach(pair.first());
                return;
            }
            // The binder is closing and has already left the registry: try again.
            pair.second().abandon();
            pair.first().abandon();
        }
    }

    private static PipePair newPair(Terms c, Terms b, String endpoint) {
        int binderRcv = b == null ? 1000 : b.rcvhwm;
        int binderSnd = b == null ? 1000 : b.sndhwm;
        boolean binderConflate = b != null && b.conflate;
        return PipePair.create(PipePair.sumHwm(c.sndhwm, binderRcv), PipePair.sumHwm(binderSnd, c.rcvhwm),
                c.conflate || binderConflate, c.conflate || binderConflate, true, endpoint);
    }

    /** Binder's thread: completes a connect that came before the bind. */
    private static void join(Terms b, Terms c, PipePair pair, boolean connecterAttached, String endpoint) {
        PipeEnd mine = pair.second();
        PipeEnd theirs = pair.first();
        if (!b.type.compatibleWith(c.type)) {
            // The connecter learns nothing better than a closed pipe; libzmq does the same.
            mine.abandon();
            if (!connecterAttached) {
                theirs.abandon();
            }
            b.socket.emit(SocketEvent.HANDSHAKE_FAILED_PROTOCOL, endpoint, 0,
                    "a " + c.type + " socket cannot talk to a " + b.type + " socket");
            return;
        }
        mine.outboundHwm(PipePair.sumHwm(b.sndhwm, c.rcvhwm));
        mine.inboundHwm(PipePair.sumHwm(c.sndhwm, b.rcvhwm));
        theirs.peerIdentity(b.type, c.idOf(b));
        mine.peerIdentity(c.type, c.routingId);
        b.socket.attach(mine);
        if (!connecterAttached && !c.socket.offerPipe(theirs)) {
            theirs.abandon();
        }
    }

    /** The socket bound at {@code name}, or null (the ZAP client looks its handler up). */
    SocketPort boundSocket(String name) {
        lock.lock();
        try {
            Terms b = bound.get(name);
            return b == null ? null : b.socket;
        } finally {
            lock.unlock();
        }
    }

    private void unbind(SocketPort binder, String name) {
        lock.lock();
        try {
            Terms b = bound.get(name);
            if (b != null && b.socket == binder) {
                bound.remove(name);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops connects of {@code connecter} to {@code name} still waiting for a bind. */
    private void cancelPending(SocketPort connecter, String name) {
        List<Pending> dropped = new ArrayList<>();
        lock.lock();
        try {
            List<Pending> list = pending.get(name);
            if (list != null) {
                takeFrom(list, connecter, dropped);
                if (list.isEmpty()) {
                    pending.remove(name);
                }
            }
        } finally {
            lock.unlock();
        }
        abandon(dropped);
    }

    /**
     * The connecting socket closes: its connects to {@code name} still waiting for a bind stay
     * for the socket's LINGER if they hold messages (see the class doc); the others go now.
     * Called on the closing socket's thread, before it closes its pipe ends.
     */
    private void connecterClosed(SocketPort s, String name) {
        List<Pending> dropped = new ArrayList<>();
        int linger = s.option(SocketOption.LINGER);
        lock.lock();
        try {
            List<Pending> list = pending.get(name);
            if (list != null) {
                for (ListIterator<Pending> li = list.listIterator(); li.hasNext(); ) {
                    Pending p = li.next();
                    if (p.connecter.socket != s || p.orphaned) {
                        continue;
                    }
                    if (linger != 0 && p.connecterAttached && p.pair.second().queuedMessages() > 0) {
                        li.set(p.orphan(linger));
                    } else {
                        li.remove();
                        dropped.add(p);
                    }
                }
                if (list.isEmpty()) {
                    pending.remove(name);
                }
            }
        } finally {
            lock.unlock();
        }
        for (Pending p : dropped) {
            String why = linger == 0 ? "LINGER is 0" : "the socket closed";
            drop(p, p.pair.first().endpoint(), why);
        }
    }

    /**
     * The context is closing: no bind can come any more. Drops (and counts) what closed
     * sockets left waiting for one.
     */
    void contextClosed() {
        List<Pending> all = new ArrayList<>();
        lock.lock();
        try {
            for (List<Pending> list : pending.values()) {
                all.addAll(list);
            }
            pending.clear();
            bound.clear();
        } finally {
            lock.unlock();
        }
        for (Pending p : all) {
            drop(p, p.pair.first().endpoint(), "the context closed before " + p.pair.first().endpoint()
                    + " was bound");
        }
    }

    private static void takeFrom(List<Pending> list, SocketPort connecter, List<Pending> into) {
        for (Iterator<Pending> it = list.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.connecter.socket == connecter && !p.orphaned) {
                it.remove();
                into.add(p);
            }
        }
    }

    private static void abandon(List<Pending> dropped) {
        for (Pending p : dropped) {
            p.pair.second().abandon();
            if (!p.connecterAttached) {
                p.pair.first().abandon();
            }
        }
    }

    /** Gives up a waiting connect: counts and reports the messages it held, then lets its end go. */
    private static void drop(Pending p, String endpoint, String why) {
        int lost = p.pair.second().dropQueued();
        p.pair.second().abandon();
        if (!p.connecterAttached) {
            p.pair.first().abandon();
        }
        if (lost > 0) {
            LOG.warn("{} {}: dropped {} unsent message(s): {}", p.connecter.type, endpoint, lost, why);
            p.connecter.socket.messagesDropped(endpoint, lost, why);
        }
    }
}
