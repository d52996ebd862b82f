package io.gannet.transports.interop;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;

/**
 * A Gannet {@link ClosingPeer}: each round a thread opens the peer socket, binds or connects,
 * serves the round as {@code closing_sender.py} does, and closes the socket with LINGER 5000.
 * Over tcp and ipc each round has its own {@link Context}, closed after the socket (the
 * close waits for LINGER's flush, as libzmq's {@code zmq_ctx_term}); over inproc the peer
 * must share the test's context, and the round ends as soon as the socket is closed.
 *
 * <p>The test thread drives it; the round threads report through futures and are joined
 * by {@link #close()}, which must run before the shared context closes.
 */
public final class GannetClosingPeer implements ClosingPeer {
    private static final int LINGER_MS = 5000;

    private final Context shared;
    private final LossPattern pattern;
    private final LossPayload payload;
    private final IntFunction<String> bindEndpoint;
    private final Map<Integer, CompletableFuture<String>> bound = new HashMap<>();
    private final Map<Integer, CompletableFuture<Void>> done = new HashMap<>();
    private final Map<Integer, Thread> threads = new HashMap<>();

    /**
     * A peer that makes its own context each round ({@code shared} null: tcp, ipc) or uses
     * {@code shared} (inproc). {@code bindEndpoint} gives round r's endpoint when the peer binds.
     */
    public GannetClosingPeer(Context shared, LossPattern pattern, LossPayload payload, IntFunction<String> bindEndpoint) {
        this.shared = shared;
        this.pattern = pattern;
        this.payload = payload;
        this.bindEndpoint = bindEndpoint;
    }

    @Override
    public String bindRound(int round) {
        start(round, null);
        return get(bound.get(round), round);
    }

    @Override
    public void connectRound(int round, String endpoint) {
        start(round, endpoint);
    }

    @Override
    public boolean closed(int round) {
        CompletableFuture<Void> f = done.get(round);
        if (f.isCompletedExceptionally()) {
            get(f, round);
        }
        return f.isDone();
    }

    @Override
    public void awaitClosed(int round) {
        get(done.get(round), round);
        join(threads.remove(round));
    }

    @Override
    public void close() {
        for (Thread t : threads.values()) {
            t.interrupt();
            join(t);
        }
        threads.clear();
    }

    private void start(int round, String connectTo) {
        CompletableFuture<String> b = new CompletableFuture<>();
        CompletableFuture<Void> d = new CompletableFuture<>();
        bound.put(round, b);
        done.put(round, d);
        Thread t = new Thread(() -> {
            try {
                serveRound(round, connectTo, b);
                d.complete(null);
            } catch (Throwable e) {
                b.completeExceptionally(e);
                d.completeExceptionally(e);
            }
        }, "closing-peer-" + pattern.peer + "-" + round);
        t.setDaemon(true);
        threads.put(round, t);
        t.start();
    }

    private void serveRound(int round, String connectTo, CompletableFuture<String> b) {
        Context ctx = shared != null ? shared : new Context();
        try {
            Socket s = ctx.socket(pattern.peer);
            try {
                s.set(SocketOption.LINGER, LINGER_MS);
                s.set(SocketOption.SNDTIMEO, (int) GannetSide.WAIT.toMillis());
                s.set(SocketOption.RCVTIMEO, (int) GannetSide.WAIT.toMillis());
                if (connectTo == null) {
                    s.bind(bindEndpoint.apply(round));
                    b.complete(s.lastEndpoint());
                } else {
                    s.connect(connectTo);
                }
                serve(s);
            } finally {
                s.close();
            }
        } finally {
            if (shared == null) {
                ctx.close();
            }
        }
    }

    private void serve(Socket s) {
        switch (pattern) {
            case PULL, PAIR -> sendAll(s);
            case SUB -> {
                Multipart subscription = recv(s);
                try (subscription) {
                    if (subscription.size() != 1 || !Arrays.equals(subscription.get(0).bytes(), new byte[] {1})) {
                        throw new AssertionError("expected a subscription to everything, got " + subscription);
                    }
                }
                sendAll(s);
            }
            case DEALER, REQ -> {
                for (int i = 0; i < payload.count; i++) {
                    Multipart request = recv(s);
                    if (!s.send(request)) {
                        request.close();
                        throw new AssertionError("could not echo request " + i + " within " + GannetSide.WAIT);
                    }
                }
            }
        }
    }

    private void sendAll(Socket s) {
        int[] sizes = payload.sizes();
        for (int seq = 0; seq < payload.count; seq++) {
            Multipart m = LossMessages.message(seq, sizes);
            if (!s.send(m)) {
                m.close();
                throw new AssertionError("could not send message " + seq + " within " + GannetSide.WAIT);
            }
        }
    }

    private static Multipart recv(Socket s) {
        Multipart m = s.recvMultipart(0);
        if (m == null) {
            throw new AssertionError("nothing to answer within " + GannetSide.WAIT);
        }
        return m;
    }

    private static <T> T get(CompletableFuture<T> f, int round) {
        try {
            return f.get(GannetSide.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the Gannet peer failed in round " + round + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the Gannet peer did not finish round " + round + " within " + GannetSide.WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted in round " + round, e);
        }
    }

    private static void join(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(GannetSide.WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            throw new AssertionError(t.getName() + " did not finish");
        }
    }
}
