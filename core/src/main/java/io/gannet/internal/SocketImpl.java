package io.gannet.internal;

import io.gannet.ContextClosedException;
import io.gannet.Monitor;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketClosedException;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.spi.OptionSource;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.gannet.spi.SocketTraits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one implementation of {@link Socket}: the calls of the API and the path of a message
 * (send, receive, blocking and timeouts) around a {@link SocketProtocol} that holds the
 * socket type's logic. The thread guard and closing are {@link SocketGuard}'s, endpoints
 * {@link SocketEndpoints}', the pipes it owns {@link SocketPipes}', its monitors
 * {@link MonitorHub}'s; the machinery serving its endpoints sees it as a {@link SocketPort},
 * a {@link io.gannet.Poller} as a {@link Pollable}.
 *
 * <p><b>Owning thread:</b> whichever application thread is inside a call (see
 * {@link SocketGuard}); everything not marked volatile is touched only by it.
 */
public final class SocketImpl extends SocketOverloads implements SocketHost, SocketPort, PipeHandler, Pollable {
    private final ContextCore context;
    private final Options options = new Options();
    private final SocketProtocol protocol;
    private final SocketTraits traits;
    private final MonitorHub monitors;
    private final SocketPipes pipes = new SocketPipes();
    private final SocketEndpoints endpoints;

    private final Msg scratch = new Msg();
    private boolean rcvMore;
    private int sndTimeout = -1;
    private int rcvTimeout = -1;
    private int nextRoutingId = ThreadLocalRandom.current().nextInt();

    SocketImpl(ContextCore context, SocketType type) {
        super(type, context.backoff());
        this.context = context;
        this.monitors = new MonitorHub(context);
        this.traits = Protocols.traits(type);
        this.protocol = Protocols.create(type, this);
        this.endpoints = new SocketEndpoints(this, context.endpointKinds());
    }

    // ---- commands and waiting -----------------------------------------------------------

    /**
     * Runs every queued command; throws {@link ContextClosedException} when the context closes
     * and {@link SocketClosedException} when another thread closes the socket.
     */
    void processCommands() {
        Command c;
        while ((c = mailbox.poll()) != null) {
            dispatch(c);
        }
        checkStillOpen();
    }

    private void dispatch(Command c) {
        if (c instanceof Command.ForPipe) {
            ((Command.ForPipe) c).end().dispatch(c);
        } else if (c instanceof Command.Attach) {
            attach(((Command.Attach) c).end());
        } else if (c instanceof Command.Run) {
            ((Command.Run) c).task().run();
        }
    }

    // ---- pipes --------------------------------------------------------------------------

    @Override
    public void attach(PipeEnd end) {
        if (closed) {
            end.abandon();
            return;
        }
        end.owner(mailbox, this);
        pipes.add(end);
        protocol.attach(end);
    }

    @Override
    public void readActivated(PipeEnd end) {
        protocol.readActivated(end);
    }

    @Override
    public void writeActivated(PipeEnd end) {
        protocol.writeActivated(end);
    }

    @Override
    public void hiccuped(PipeEnd end) {
        protocol.hiccuped(end);
    }

    @Override
    public void terminated(PipeEnd end) {
        pipes.remove(end);
        protocol.terminated(end);
    }

    @Override
    public ZapConnector zap() {
        return context.zap();
    }

    @Override
    public boolean offerPipe(PipeEnd end) {
        return mailbox.postCold(new Command.Attach(end));
    }

    // ---- sending ------------------------------------------------------------------------

    @Override
    public boolean send(Msg msg, int flags) {
        enter();
        try {
            checkUsable();
            msg.more((flags & SNDMORE) != 0);
            return sendFrame(msg, flags);
        } finally {
            exit();
        }
    }

    @Override
    boolean sendFrame(Msg msg, int flags) {
        processCommands();
        if (protocol.send(msg)) {
            return true;
        }
        if ((flags & DONTWAIT) != 0 || sndTimeout == 0) {
            return false;
        }
        long deadline = deadline(sndTimeout);
        for (;;) {
            if (!await(deadline, "send")) {
                return false;
            }
            processCommands();
            if (protocol.send(msg)) {
                return true;
            }
        }
    }

    @Override
    public boolean send(ByteBuf data, int flags) {
        enter();
        try {
            checkUsable();
            scratch.set(data, (flags & SNDMORE) != 0);
            boolean sent = false;
            try {
                sent = sendFrame(scratch, flags);
                return sent;
            } finally {
                if (!sent) {
                    // The caller keeps its reference on failure, and on an exception too
                    // (context closed, interrupt): the close below must not release it.
                    scratch.take();
                }
            }
        } finally {
            exit();
        }
    }

    // ---- receiving ----------------------------------------------------------------------

    @Override
    public boolean recv(Msg into, int flags) {
        enter();
        try {
            checkUsable();
            return recvFrame(into, flags);
        } finally {
            exit();
        }
    }

    private boolean recvFrame(Msg into, int flags) {
        if (recvNow(into)) {
            return true;
        }
        if ((flags & DONTWAIT) != 0 || rcvTimeout == 0) {
            return false;
        }
        return recvBlocking(into, deadline(rcvTimeout));
    }

    /** How long a receiver yields before it parks ({@link #yieldBeforeSleep}). */
    static final long RECV_YIELD_NANOS = 10_000;

    private boolean recvNow(Msg into) {
        processCommands();
        if (protocol.recv(into)) {
            rcvMore = into.hasMore();
            return true;
        }
        return false;
    }

    private boolean recvBlocking(Msg into, long deadline) {
        for (;;) {
            yieldBeforeSleep();
            if (!await(deadline, "recv")) {
                return false;
            }
            if (recvNow(into)) {
                return true;
            }
        }
    }

    /**
     * Before parking, gives the CPU away for up to {@link #RECV_YIELD_NANOS}, looking at the
     * mailbox after each yield. A publisher to many inproc subscribers otherwise finds each
     * asleep after every message (it reads faster than one publisher writes) and pays an
     * unpark per message and subscriber, the subscriber a park and a scheduler round trip. A
     * receiver still runnable needs none and finds a batch when it runs. The bound is about
     * what a park and unpark cost, so a wait that ends in a park costs at most twice as much.
     */
    private void yieldBeforeSleep() {
        long end = System.nanoTime() + RECV_YIELD_NANOS;
        while (mailbox.isEmpty() && System.nanoTime() - end < 0) {
            Thread.yield();
        }
    }

    @Override
    public Msg recv(Duration timeout) {
        Msg m = new Msg();
        enter();
        try {
            checkUsable();
            long nanos = timeout.toNanos();
            return recvNow(m) || (nanos > 0 && recvBlocking(m, System.nanoTime() + nanos)) ? m : null;
        } finally {
            exit();
        }
    }

    @Override
    public ByteBuf recvBuf(int flags) {
        enter();
        try {
            checkUsable();
            return recvFrame(scratch, flags) ? scratch.take() : null;
        } finally {
            exit();
        }
    }

    @Override
    public boolean hasMore() {
        return rcvMore;
    }

    // ---- polling (used by the Poller, on the polling thread) ----------------------------

    @Override
    public Socket socket() {
        return this;
    }

    @Override
    public int readiness() {
        processCommands();
        int r = 0;
        if (protocol.hasIn()) {
            r |= 1;
        }
        if (protocol.hasOut()) {
            r |= 2;
        }
        return r;
    }

    // ---- endpoints ----------------------------------------------------------------------

    @Override
    public void bind(String endpoint) {
        inside(() -> endpoints.bind(endpoint));
    }

    @Override
    public void unbind(String endpoint) {
        enter();
        try {
            checkUsable();
            processCommands();
            endpoints.unbind(endpoint);
            pipes.closeEndpoint(endpoint, option(SocketOption.LINGER) == 0, this);
        } finally {
            exit();
        }
    }

    @Override
    public void connect(String endpoint) {
        enter();
        try {
            checkUsable();
            endpoints.connect(endpoint);
            // Attach the pipe made for this connection now, as libzmq does inside connect():
            // a SUB's subscriptions then reach the peer even if the application stays idle.
            processCommands();
            options.store(SocketOption.CONNECT_ROUTING_ID, null); // it applied to this connect only
        } finally {
            exit();
        }
    }

    @Override
    public void disconnect(String endpoint) {
        enter();
        try {
            checkUsable();
            processCommands();
            endpoints.disconnect(endpoint);
            pipes.closeEndpoint(endpoint, option(SocketOption.LINGER) == 0, this);
        } finally {
            exit();
        }
    }

    @Override
    public String lastEndpoint() {
        return endpoints.lastEndpoint();
    }

    // ---- options ------------------------------------------------------------------------

    @Override
    public <T> Socket set(SocketOption<T> option, T value) {
        enter();
        try {
            checkUsable();
            T v = Options.checked(type, option, value);
            processCommands();
            if (!option.isAction()) {
                options.store(option, v);
            }
            if (option == SocketOption.SNDTIMEO) {
                sndTimeout = (Integer) v;
            } else if (option == SocketOption.RCVTIMEO) {
                rcvTimeout = (Integer) v;
            }
            protocol.optionChanged(option, v);
            return this;
        } finally {
            exit();
        }
    }

    @Override
    public <T> T get(SocketOption<T> option) {
        return inside(() -> options.read(option));
    }

    @Override
    public <T> T option(SocketOption<T> option) {
        return options.option(option);
    }

    @Override
    public OptionSource optionsSnapshot() {
        return options.snapshot();
    }

    @Override
    public SocketType type() {
        return type;
    }

    @Override
    public SocketTraits traits() {
        return traits;
    }

    @Override
    public ByteBufAllocator alloc() {
        return context.alloc();
    }

    @Override
    public byte[] newRoutingId() {
        int id = nextRoutingId++;
        return new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    // ---- monitoring -----------------------------------------------------------------------

    @Override
    public Monitor monitor(Set<SocketEvent> events) {
        return inside(() -> monitors.open(events));
    }

    @Override
    public void monitor(String inprocEndpoint, Set<SocketEvent> events) {
        inside(() -> monitors.openLibzmqStyle(inprocEndpoint, events));
    }

    @Override
    public long droppedMessages() {
        return monitors.droppedMessages();
    }

    @Override
    public void countDropped(int messages) {
        monitors.countDropped(messages);
    }

    @Override
    public void messagesDropped(String endpoint, long count, String why) {
        monitors.messagesDropped(endpoint, count, why);
    }

    @Override
    public void emit(SocketEvent event, String endpoint, long value, String detail) {
        monitors.emit(event, endpoint, value, detail);
    }

    // ---- closing --------------------------------------------------------------------------

    @Override
    void closeNow() {
        boolean discard = option(SocketOption.LINGER) == 0;
        try {
            protocol.close();
        } finally {
            endpoints.closeAll();
            mailbox.close();
            pipes.closeAll(discard);
            Command c;
            while ((c = mailbox.poll()) != null) {
                if (c instanceof Command.Attach) {
                    ((Command.Attach) c).end().abandon();
                }
            }
            scratch.close();
            monitors.close();
            context.socketClosed(this);
        }
    }

    @Override
    public String toString() {
        String last = endpoints.lastEndpoint();
        return "Socket[" + type + (last.isEmpty() ? "" : ", " + last) + "]";
    }
}
