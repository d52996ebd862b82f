package io.gannet.patterns.delivery;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The connections of one producer or consumer: a ROUTER for the endpoints it binds (one
 * {@link Link} per connected peer, told apart by routing id) and one DEALER per endpoint it
 * connects to (one {@link Link} each). Either side of the protocol may bind or connect, and
 * a message can always be addressed to the one peer it concerns.
 *
 * <p>Owned by one loop thread: every method but {@link #wakeup()} is called from it.
 */
final class Links implements AutoCloseable {
    /** How many messages one socket may hand over per pass, so that no socket starves the others. */
    private static final int DRAIN_LIMIT = 4096;

    /** What the loop hears. */
    interface Handler {
        void onMessage(Link link, List<byte[]> frames);

        /** The peer of {@code link} disconnected (only bound links report this; connected ones rely on heartbeats). */
        void onGone(Link link);
    }

    /** One peer: a DEALER's only peer, or a ROUTER peer named by its routing id. */
    static final class Link {
        final Socket socket;
        final byte[] routingId;
        final String description;

        Link(Socket socket, byte[] routingId, String description) {
            this.socket = socket;
            this.routingId = routingId;
            this.description = description;
        }

        boolean connected() {
            return routingId == null;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final Context context;
    private final int sendHwm;
    private final int lingerMs;
    private final Poller poller = new Poller();
    private final Pipe wakePipe;
    private final int wakeIndex;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** The loop may be about to sleep in the poller: a wake-up must reach it. */
    private volatile boolean parked;
    private final ByteBuffer wakeDrain = ByteBuffer.allocate(64);
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Integer> pollIndexes = new ArrayList<>();
    private final Map<Socket, Link> dealerLinks = new HashMap<>();
    private final Map<ByteBuffer, Link> routerLinks = new HashMap<>();
    private final List<Link> connected = new ArrayList<>();
    private Socket router;

    /** {@code lingerMs}: how long closed sockets keep trying to send what is queued (a consumer's last acks). */
    Links(Context context, int sendHwm, int lingerMs) {
        this.context = context;
        this.sendHwm = sendHwm;
        this.lingerMs = lingerMs;
        try {
            wakePipe = Pipe.open();
            wakePipe.source().configureBlocking(false);
            wakeIndex = poller.register(wakePipe.source(), Poller.POLLIN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the wake-up pipe", e);
        }
    }

    /** Binds the ROUTER (made on first use) and returns the resolved endpoint. */
    String bind(String endpoint) {
        if (router == null) {
            router = configure(context.socket(SocketType.ROUTER));
            router.set(SocketOption.ROUTER_MANDATORY, true);
            router.set(SocketOption.ROUTER_NOTIFY, SocketOption.NOTIFY_DISCONNECT);
            add(router);
        }
        router.bind(endpoint);
        return router.lastEndpoint();
    }

    /** Connects a new DEALER to {@code endpoint}; its link is returned for the opening command. */
    Link connect(String endpoint) {
        Socket dealer = configure(context.socket(SocketType.DEALER));
        dealer.connect(endpoint);
        add(dealer);
        Link link = new Link(dealer, null, "connect " + endpoint);
        dealerLinks.put(dealer, link);
        connected.add(link);
        return link;
    }

    /** The links made by {@link #connect}, which exist whether or not a peer is there. */
    List<Link> connectedLinks() {
        return connected;
    }

    private Socket configure(Socket socket) {
        socket.set(SocketOption.LINGER, lingerMs);
        socket.set(SocketOption.SNDHWM, sendHwm);
        socket.set(SocketOption.RCVHWM, 0);
        socket.set(SocketOption.RECONNECT_IVL, 100);
        return socket;
    }

    private void add(Socket socket) {
        sockets.add(socket);
        pollIndexes.add(poller.register(socket, Poller.POLLIN));
    }

    /**
     * Sends one message to {@code link} without blocking; false when it cannot be queued now
     * (high-water mark reached, or the peer of a bound link is gone).
     */
    boolean send(Link link, List<byte[]> frames) {
        try {
            if (link.routingId != null && !link.socket.send(link.routingId, Socket.DONTWAIT | Socket.SNDMORE)) {
                return false;
            }
            int last = frames.size() - 1;
            for (int i = 0; i <= last; i++) {
                // After the first frame a message is committed: the rest are queued with it.
                boolean ok = link.socket.send(frames.get(i), i < last ? Socket.SNDMORE | Socket.DONTWAIT : Socket.DONTWAIT);
                if (!ok && i == 0 && link.routingId == null) {
                    return false;
                }
            }
            return true;
        } catch (GannetException e) {
            if (e.code() == ErrorCode.EHOSTUNREACH) { // ROUTER_MANDATORY: the peer left
                return false;
            }
            throw e;
        }
    }

    /**
     * Waits up to {@code timeoutMs} for traffic or a wake-up, and hands what came to {@code handler}.
     * {@code idle} is asked once more after the loop has said it may sleep, so that work queued
     * by another thread just before is not missed (that thread then sees {@link #parked} and wakes it).
     */
    void poll(long timeoutMs, Handler handler, BooleanSupplier idle) {
        long timeout = timeoutMs;
        if (timeout > 0) {
            parked = true;
            if (!idle.getAsBoolean()) {
                timeout = 0;
            }
        }
        poller.poll(timeout);
        parked = false;
        if (poller.isReadable(wakeIndex)) {
            drainWakeups();
        }
        for (int i = 0; i < sockets.size(); i++) {
            if (poller.isReadable(pollIndexes.get(i))) {
                drain(sockets.get(i), handler);
            }
        }
    }

    private void drain(Socket socket, Handler handler) {
        for (int n = 0; n < DRAIN_LIMIT; n++) {
            Multipart message = socket.recvMultipart(Socket.DONTWAIT);
            if (message == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>(message.size());
            for (Msg frame : message) {
                frames.add(frame.bytes());
            }
            message.close();
            if (socket == router) {
                fromRouter(frames, handler);
            } else {
                handler.onMessage(dealerLinks.get(socket), frames);
            }
        }
    }

    private void fromRouter(List<byte[]> frames, Handler handler) {
        ByteBuffer key = ByteBuffer.wrap(frames.get(0));
        if (frames.size() == 2 && frames.get(1).length == 0) {
            Link gone = routerLinks.remove(key);
            if (gone != null) {
                handler.onGone(gone);
            }
            return;
        }
        Link link = routerLinks.computeIfAbsent(key,
                k -> new Link(router, frames.get(0), "peer " + hex(frames.get(0)) + " of " + router.lastEndpoint()));
        handler.onMessage(link, frames.subList(1, frames.size()));
    }

    /** Forgets a bound link whose peer stopped answering (a reconnecting peer gets a new one). */
    void forget(Link link) {
        if (link.routingId != null) {
            routerLinks.remove(ByteBuffer.wrap(link.routingId));
        }
    }

    /**
     * Wakes the loop thread from any thread, if it sleeps: a loop that is busy takes new work on
     * its next pass anyway. Cheap when the loop is busy or a wake-up is already pending.
     */
    void wakeup() {
        if (parked && wakePending.compareAndSet(false, true)) {
            try {
                wakePipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            } catch (IOException e) {
                // The pipe is closed: the loop has ended and has nothing to wake for.
            }
        }
    }

    private void drainWakeups() {
        wakePending.set(false);
        try {
            while (wakePipe.source().read(wakeDrain.clear()) > 0) {
                // Drained: one pass serves every wake-up that came before it.
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(byte[] id) {
        StringBuilder sb = new StringBuilder();
        for (byte b : id) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        poller.close();
        for (Socket s : sockets) {
            s.close();
        }
        try {
            wakePipe.sink().close();
            wakePipe.source().close();
        } catch (IOException e) {
            // Closing: nothing left to do with the pipe.
        }
    }
}
