package io.gannet.internal;

import io.gannet.ContextClosedException;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.GannetInterruptedException;
import io.gannet.Monitor;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketClosedException;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.spi.OptionSource;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The one implementation of {@link Socket}: the API's thread guard, blocking and timeouts,
 * options and endpoints, around a {@link SocketProtocol} that holds the socket type's logic.
 *
 * <p><b>Owning thread:</b> whichever application thread is inside a call, enforced by
 * {@link #user}; everything not marked volatile is touched only by it. Other threads reach
 * the socket only through its {@link SocketMailbox} and the volatile {@link #terminating}
 * and {@link #closing}.
 *
 * <p><b>Closing from another thread</b> ({@link #close()} while a call of another thread is
 * inside): the closer raises {@link #closing} (every close does, before it tries the guard)
 * and wakes the mailbox's waiter; the call inside throws {@link SocketClosedException} and,
 * leaving the guard, closes the socket. Whoever
 * takes the guard last with {@code closing} set closes, exactly once, so two threads never
 * touch the pipes at once; the closer waits for {@link #closedLatch}.
 */
public final class SocketImpl implements Socket, SocketHost, PipeHandler {
    private final ContextCore context;
    private final SocketType type;
    private final SocketMailbox mailbox = new SocketMailbox();
    private final Options options = new Options();
    private final SocketProtocol protocol;
    private final MonitorHub monitors;
    private final AtomicReference<Thread> user = new AtomicReference<>();
    private final BooleanSupplier stopWaiting = () -> this.terminating || this.closing;
    /** Messages dropped instead of delivered; written by the socket's and I/O threads. */
    private final LongAdder dropped = new LongAdder();

    private final List<PipeEnd> pipes = new ArrayList<>();
    private final Map<String, List<PipeEnd>> inprocPipes = new HashMap<>();
    private final List<EndpointHandle> networkEndpoints = new ArrayList<>();
    private final List<String> inprocBinds = new ArrayList<>();

    private final Msg scratch = new Msg();
    private volatile boolean terminating;
    /** Another thread asked to close while a call was inside; the last one out closes. */
    private volatile boolean closing;
    /** The thread that asked, for the blocked call's exception. */
    private volatile String closingThread = "";
    private volatile boolean closed;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private String lastEndpoint = "";
    private boolean rcvMore;
    private int sndTimeout = -1;
    private int rcvTimeout = -1;
    private int nextRoutingId = ThreadLocalRandom.current().nextInt();

    SocketImpl(ContextCore context, SocketType type) {
        this.context = context;
        this.type = type;
        this.monitors = new MonitorHub(this);
        this.protocol = Protocols.create(type, this);
    }

    // ---- the thread guard ---------------------------------------------------------------

    private void enter() {
        Thread me = Thread.currentThread();
        if (!user.compareAndSet(null, me)) {
            if (terminating) {
                throw new ContextClosedException();
            }
            if (closing || closed) {
                throw closedException();
            }
            Thread other = user.get();
            throw new GannetException(ErrorCode.EBUSY, "this " + type + " socket is in use by thread '"
                    + (other == null ? "?" : other.getName()) + "' while thread '" + me.getName()
                    + "' called it; a socket belongs to one thread at a time (use one socket per thread,"
                    + " or hand it over through a queue or lock)");
        }
    }

    private void exit() {
        user.set(null);
        if ((terminating || closing) && !closed) {
            closeIfFree();
        }
    }

    private void checkUsable() {
        if (terminating) {
            throw new ContextClosedException();
        }
        if (closed || closing) {
            throw closedException();
        }
    }

    private SocketClosedException closedException() {
        String me = Thread.currentThread().getName();
        String by = closingThread;
        if (!closing || by.equals(me)) {
            return new SocketClosedException("the " + type + " socket is closed");
        }
        return new SocketClosedException("the " + type + " socket was closed by thread '" + by + "' (thread '"
                + me + "' was using it)");
    }

    /** Context close: stop blocked calls now; the socket is closed by whoever holds it next. */
    void terminate() {
        terminating = true;
        mailbox.wake();
        closeIfFree();
    }

    /** Closes the socket if no call is inside; otherwise the call closes it on its way out. */
    private void closeIfFree() {
        if (user.compareAndSet(null, Thread.currentThread())) {
            try {
                if (!closed) {
                    closeNow();
                }
            } finally {
                user.set(null);
            }
        }
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
        if (terminating) {
            throw new ContextClosedException();
        }
        if (closing) {
            throw closedException();
        }
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

    private boolean await(long deadline, String operation) {
        try {
            return mailbox.await(deadline, stopWaiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GannetInterruptedException(operation);
        }
    }

    private static long deadline(int timeoutMs) {
        return timeoutMs < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    // ---- pipes --------------------------------------------------------------------------

    /** Takes ownership of a new pipe end (on this socket's thread). */
    void attach(PipeEnd end) {
        if (closed) {
            end.abandon();
            return;
        }
        end.owner(mailbox, this);
        pipes.add(end);
        if (end.endpoint().startsWith("inproc://")) {
            inprocPipes.computeIfAbsent(end.endpoint(), k -> new ArrayList<>(2)).add(end);
        }
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
        for (List<PipeEnd> list : inprocPipes.values()) {
            list.remove(end);
        }
        protocol.terminated(end);
    }

    /** The mailbox pipe ends of this socket report to. */
    public SocketMailbox mailbox() {
        return mailbox;
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

    private boolean sendFrame(Msg msg, int flags) {
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

    // Copies go to plain heap buffers, not the pool: a pooled buffer freed by another thread
    // (the receiver) costs more than the copy itself, and a young-generation array is nearly free.
    @Override
    public boolean send(byte[] data, int flags) {
        ByteBuf buf = data.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(data.clone());
        return sendCopy(buf, flags);
    }

    @Override
    public boolean send(String text, int flags) {
        ByteBuf buf = text.isEmpty() ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
        return sendCopy(buf, flags);
    }

    private boolean sendCopy(ByteBuf copy, int flags) {
        boolean sent = false;
        try {
            sent = send(copy, flags);
            return sent;
        } finally {
            if (!sent) {
                copy.release();
            }
        }
    }

    @Override
    public boolean send(Multipart message, int flags) {
        int n = message.size();
        if (n == 0) {
            throw new GannetException(ErrorCode.EINVAL, "a message needs at least one frame");
        }
        enter();
        try {
            checkUsable();
            for (int i = 0; i < n; i++) {
                Msg frame = message.get(i);
                frame.more(i < n - 1 || (flags & SNDMORE) != 0);
                if (!sendFrame(frame, i == 0 ? flags : flags & ~DONTWAIT)) {
                    return false;
                }
            }
            message.close();
            return true;
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
        processCommands();
        if (protocol.recv(into)) {
            rcvMore = into.hasMore();
            return true;
        }
        if ((flags & DONTWAIT) != 0 || rcvTimeout == 0) {
            return false;
        }
        return recvBlocking(into, deadline(rcvTimeout));
    }

    private boolean recvBlocking(Msg into, long deadline) {
        for (;;) {
            if (!await(deadline, "recv")) {
                return false;
            }
            processCommands();
            if (protocol.recv(into)) {
                rcvMore = into.hasMore();
                return true;
            }
        }
    }

    @Override
    public Msg recv() {
        return recv(0);
    }

    @Override
    public Msg recv(int flags) {
        Msg m = new Msg();
        return recv(m, flags) ? m : null;
    }

    @Override
    public Msg recv(Duration timeout) {
        Msg m = new Msg();
        enter();
        try {
            checkUsable();
            processCommands();
            if (protocol.recv(m)) {
                rcvMore = m.hasMore();
                return m;
            }
            long nanos = timeout.toNanos();
            if (nanos <= 0) {
                return null;
            }
            return recvBlocking(m, System.nanoTime() + nanos) ? m : null;
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
    public byte[] recvBytes(int flags) {
        ByteBuf b = recvBuf(flags);
        if (b == null) {
            return null;
        }
        try {
            byte[] out = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), out);
            return out;
        } finally {
            b.release();
        }
    }

    @Override
    public String recvString(int flags) {
        ByteBuf b = recvBuf(flags);
        if (b == null) {
            return null;
        }
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }

    @Override
    public Multipart recvMultipart(int flags) {
        Msg first = recv(flags);
        if (first == null) {
            return null;
        }
        Multipart m = new Multipart().add(first);
        while (rcvMore) {
            m.add(recv(0));
        }
        return m;
    }

    @Override
    public boolean hasMore() {
        return rcvMore;
    }

    // ---- polling (used by the Poller, on the polling thread) ----------------------------

    /**
     * POLLIN/POLLOUT readiness: bit 1 readable, bit 2 writable. Runs queued commands first.
     * The caller holds the socket (see {@link #enterForPoll()}).
     */
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

    /** Takes the thread guard for a poller; pair with {@link #exitForPoll()}. */
    public void enterForPoll() {
        enter();
        try {
            checkUsable();
        } catch (RuntimeException e) {
            exit(); // a refused poll must not leave the socket held
            throw e;
        }
    }

    /** Releases the guard taken by {@link #enterForPoll()}. */
    public void exitForPoll() {
        exit();
    }

    /**
     * Whether a wait on this socket must end now: its context is closing, or another thread
     * is closing it (the next look at the socket throws).
     */
    public boolean isTerminating() {
        return terminating || closing;
    }

    // ---- endpoints ----------------------------------------------------------------------

    @Override
    public void bind(String endpoint) {
        enter();
        try {
            checkUsable();
            Endpoint ep = Endpoint.parse(endpoint);
            if (ep.scheme().equals("inproc")) {
                context.inproc().bind(this, ep.address());
                inprocBinds.add(ep.address());
                lastEndpoint = ep.toString();
            } else {
                EndpointHandle h = Transports.bind(context::streams, this, ep);
                networkEndpoints.add(h);
                lastEndpoint = h.endpoint();
            }
        } finally {
            exit();
        }
    }

    @Override
    public void unbind(String endpoint) {
        enter();
        try {
            checkUsable();
            processCommands();
            Endpoint ep = Endpoint.parse(endpoint);
            if (ep.scheme().equals("inproc")) {
                if (!inprocBinds.remove(ep.address())) {
                    throw new GannetException(ErrorCode.ENOENT, endpoint + " is not bound by this socket");
                }
                context.inproc().unbind(this, ep.address());
                closeInprocPipes(ep.toString());
            } else {
                closeNetworkEndpoint(endpoint, "bound");
            }
        } finally {
            exit();
        }
    }

    @Override
    public void connect(String endpoint) {
        enter();
        try {
            checkUsable();
            Endpoint ep = Endpoint.parse(endpoint);
            if (ep.scheme().equals("inproc")) {
                context.inproc().connect(this, ep.address());
                lastEndpoint = ep.toString();
            } else {
                EndpointHandle h = Transports.connect(context::streams, this, ep);
                networkEndpoints.add(h);
                lastEndpoint = h.endpoint();
                // Attach the pipe made for this connection now, as libzmq does inside connect():
                // a SUB's subscriptions then reach the peer even if the application stays idle.
                processCommands();
            }
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
            Endpoint ep = Endpoint.parse(endpoint);
            if (ep.scheme().equals("inproc")) {
                boolean had = closeInprocPipes(ep.toString());
                had |= context.inproc().cancelPending(this, ep.address());
                if (!had) {
                    throw new GannetException(ErrorCode.ENOENT, endpoint + " is not connected by this socket");
                }
            } else {
                closeNetworkEndpoint(endpoint, "connected");
            }
        } finally {
            exit();
        }
    }

    private boolean closeInprocPipes(String endpoint) {
        List<PipeEnd> list = inprocPipes.remove(endpoint);
        if (list == null) {
            return false;
        }
        for (PipeEnd end : new ArrayList<>(list)) {
            if (!end.isDone()) {
                end.close(option(SocketOption.LINGER) == 0);
                terminated(end);
            }
        }
        return true;
    }

    /**
     * Unbind and disconnect end that endpoint's pipes here and now, as libzmq does: what was
     * received but not read is dropped; what was sent still lingers out through the session.
     */
    private void closeNetworkPipes(String endpoint) {
        boolean discard = option(SocketOption.LINGER) == 0;
        for (PipeEnd end : new ArrayList<>(pipes)) {
            if (!end.isDone() && end.endpoint().equals(endpoint)) {
                end.close(discard);
                terminated(end);
            }
        }
    }

    private void closeNetworkEndpoint(String endpoint, String what) {
        for (int i = 0; i < networkEndpoints.size(); i++) {
            EndpointHandle h = networkEndpoints.get(i);
            if (h.endpoint().equals(endpoint)) {
                networkEndpoints.remove(i);
                if (what.equals("connected")) {
                    h.disconnect();
                } else {
                    h.close();
                }
                closeNetworkPipes(h.endpoint());
                return;
            }
        }
        throw new GannetException(ErrorCode.ENOENT, endpoint + " is not " + what + " by this socket");
    }

    @Override
    public String lastEndpoint() {
        return lastEndpoint;
    }

    // ---- options ------------------------------------------------------------------------

    @Override
    public <T> Socket set(SocketOption<T> option, T value) {
        enter();
        try {
            checkUsable();
            if (!option.appliesTo().contains(type)) {
                throw new GannetException(ErrorCode.EINVAL, option.name() + " does not apply to a " + type
                        + " socket (it applies to " + option.appliesTo() + ")");
            }
            T v = option.validate(value);
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
        enter();
        try {
            checkUsable();
            if (!option.isReadable()) {
                throw new GannetException(ErrorCode.EINVAL, option.name() + " is write-only");
            }
            T v = options.option(option);
            return v instanceof byte[] ? option.type().cast(((byte[]) v).clone()) : v;
        } finally {
            exit();
        }
    }

    @Override
    public <T> T option(SocketOption<T> option) {
        return options.option(option);
    }

    /** A frozen copy of the options, for connections set up on I/O threads. */
    public OptionSource optionsSnapshot() {
        return options.snapshot();
    }

    @Override
    public SocketType type() {
        return type;
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

    /** The context this socket belongs to. */
    public ContextCore context() {
        return context;
    }

    // ---- monitoring -----------------------------------------------------------------------

    @Override
    public Monitor monitor(Set<SocketEvent> events) {
        enter();
        try {
            checkUsable();
            return monitors.open(events);
        } finally {
            exit();
        }
    }

    @Override
    public void monitor(String inprocEndpoint, Set<SocketEvent> events) {
        enter();
        try {
            checkUsable();
            monitors.openLibzmqStyle(inprocEndpoint, events);
        } finally {
            exit();
        }
    }

    @Override
    public long droppedMessages() {
        return dropped.sum();
    }

    @Override
    public void countDropped(int messages) {
        dropped.add(messages);
    }

    /**
     * Counts messages lost with a connection or to LINGER and reports them to the monitors
     * ({@link SocketEvent#MESSAGES_DROPPED}); any thread.
     */
    public void messagesDropped(String endpoint, long count, String why) {
        if (count <= 0) {
            return;
        }
        dropped.add(count);
        emit(SocketEvent.MESSAGES_DROPPED, endpoint, count, why);
    }

    /** Reports an event to this socket's monitors; any thread. */
    public void emit(SocketEvent event, String endpoint, long value, String detail) {
        monitors.emit(event, endpoint, value, detail);
    }

    // ---- closing --------------------------------------------------------------------------

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket from any thread. With no call inside, the caller closes it. With a call
     * of another thread inside, that call is asked to stop ({@link SocketClosedException}), and
     * the socket closes as it leaves; this waits for that (an interrupt stops the wait, not the
     * closing).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        Thread me = Thread.currentThread();
        if (!closing) {
            // Raised before taking the guard: a thread that finds the guard taken by this close
            // then learns that the socket is closing, not that it is busy.
            closingThread = me.getName();
            closing = true;
        }
        if (user.compareAndSet(null, me)) {
            try {
                if (!closed) {
                    closeNow();
                }
            } finally {
                user.set(null);
            }
            return;
        }
        mailbox.wake();
        closeIfFree();
        try {
            closedLatch.await();
        } catch (InterruptedException e) {
            me.interrupt();
        }
    }

    private void closeNow() {
        closed = true;
        boolean discard = option(SocketOption.LINGER) == 0;
        try {
            protocol.close();
        } finally {
            context.inproc().socketClosed(this);
            for (EndpointHandle h : networkEndpoints) {
                h.close();
            }
            networkEndpoints.clear();
            mailbox.close();
            for (PipeEnd end : pipes) {
                end.close(discard);
            }
            pipes.clear();
            inprocPipes.clear();
            Command c;
            while ((c = mailbox.poll()) != null) {
                if (c instanceof Command.Attach) {
                    ((Command.Attach) c).end().abandon();
                }
            }
            scratch.close();
            monitors.close();
            context.socketClosed(this);
            closedLatch.countDown();
        }
    }

    @Override
    public String toString() {
        return "Socket[" + type + (lastEndpoint.isEmpty() ? "" : ", " + lastEndpoint) + "]";
    }
}
