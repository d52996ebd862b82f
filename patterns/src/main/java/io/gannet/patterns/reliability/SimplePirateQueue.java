package io.gannet.patterns.reliability;

import java.util.ArrayDeque;
import java.util.List;

import io.gannet.Context;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * The Guide's Simple Pirate queue: a ROUTER for clients (the frontend) and a ROUTER for
 * workers (the backend), with the workers kept in least-recently-used order. A worker
 * announces itself with READY (one frame, byte {@code 0x01}) and again with each reply;
 * each client request goes to the worker that has waited longest.
 *
 * <p>There are no heartbeats: a worker that dies stays in the queue until a request sent to
 * it is lost, and the client's retry (see {@link LazyPirateClient}) goes to the next worker.
 * Use {@link ParanoidPirateQueue} when that is not enough.
 *
 * <p>Wire: client {@code [request...]} through a REQ; worker (a REQ,
 * {@link SimplePirateWorker}) receives {@code [client id, "", request...]} and replies
 * {@code [client id, "", reply...]}.
 *
 * <p>Threads: {@link #start()} runs the queue on its own thread until {@link #close()}.
 */
public final class SimplePirateQueue extends BackgroundLoop {
    /** READY, the one-byte message a Simple Pirate worker sends first. */
    static final byte[] READY = {0x01};

    private final Socket frontend;
    private final Socket backend;
    private final Poller backendOnly = new Poller();
    private final Poller both = new Poller();
    private final ArrayDeque<byte[]> workers = new ArrayDeque<>();
    private volatile int readyWorkers;

    /** Binds the frontend (for clients) and the backend (for workers); call {@link #start()} to serve. */
    public SimplePirateQueue(Context context, String frontendEndpoint, String backendEndpoint) {
        super("simple-pirate-queue");
        frontend = context.socket(SocketType.ROUTER);
        backend = context.socket(SocketType.ROUTER);
        for (Socket s : new Socket[] {frontend, backend}) {
            s.set(SocketOption.LINGER, 0);
        }
        try {
            frontend.bind(frontendEndpoint);
            backend.bind(backendEndpoint);
        } catch (RuntimeException e) {
            closeSockets();
            throw e;
        }
        backendOnly.register(backend, Poller.POLLIN);
        both.register(backend, Poller.POLLIN);
        both.register(frontend, Poller.POLLIN);
    }

    /** Starts serving on the queue's own thread; returns this. */
    public SimplePirateQueue start() {
        startLoop();
        return this;
    }

    /** The frontend's endpoint (resolved, for a {@code tcp://host:*} bind). */
    public String frontendEndpoint() {
        return frontend.lastEndpoint();
    }

    /** The backend's endpoint (resolved). */
    public String backendEndpoint() {
        return backend.lastEndpoint();
    }

    /** How many workers wait for a request now (as last seen by the queue's thread). */
    public int readyWorkers() {
        return readyWorkers;
    }

    @Override
    void turn() {
        // Clients are read only while a worker is free: the rest wait in their pipes.
        Poller poller = workers.isEmpty() ? backendOnly : both;
        poller.poll(-1);
        List<byte[]> msg;
        while ((msg = FrameIo.poll(backend)) != null) {
            fromWorker(msg);
        }
        while (!workers.isEmpty() && (msg = FrameIo.poll(frontend)) != null) {
            // [client, "", request...] -> [worker, "", client, "", request...]
            byte[] worker = workers.poll();
            List<byte[]> out = FrameIo.frames(worker, FrameIo.EMPTY);
            out.addAll(msg);
            FrameIo.send(backend, out, false);
        }
        readyWorkers = workers.size();
    }

    private void fromWorker(List<byte[]> msg) {
        // [worker, "", READY] or [worker, "", client, "", reply...]
        if (msg.size() < 3) {
            return;
        }
        workers.add(msg.get(0));
        if (msg.size() == 3 && FrameIo.is(msg.get(2), READY)) {
            return;
        }
        FrameIo.send(frontend, msg.subList(2, msg.size()), false);
    }

    @Override
    void closeSockets() {
        backendOnly.close();
        both.close();
        frontend.close();
        backend.close();
    }
}
