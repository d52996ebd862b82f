package io.gannet.patterns.reliability;

import java.util.List;
import java.util.Objects;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * A worker for {@link SimplePirateQueue}: a REQ socket that sends READY, then answers each
 * request with {@link RequestHandler}. It has no heartbeat, so it does not notice a queue
 * that died; {@link ParanoidPirateWorker} does.
 *
 * <p>Threads: {@link #start()} runs the worker on its own thread until {@link #close()}.
 */
public final class SimplePirateWorker extends BackgroundLoop {
    private final Socket socket;
    private final RequestHandler handler;
    private volatile long served;
    private boolean readySent;

    /** Connects to the queue's backend at {@code endpoint}; call {@link #start()} to serve. */
    public SimplePirateWorker(Context context, String endpoint, RequestHandler handler) {
        super("simple-pirate-worker");
        this.handler = Objects.requireNonNull(handler, "handler");
        socket = context.socket(SocketType.REQ);
        socket.set(SocketOption.LINGER, 0);
        socket.connect(endpoint);
    }

    /** Sends READY and starts serving on the worker's own thread; returns this. */
    public SimplePirateWorker start() {
        startLoop();
        return this;
    }

    /** How many requests this worker has answered. */
    public long served() {
        return served;
    }

    @Override
    void turn() {
        if (!readySent) {
            FrameIo.send(socket, List.of(SimplePirateQueue.READY), false);
            readySent = true;
        }
        List<byte[]> request = FrameIo.recv(socket, null);
        if (request == null) {
            return;
        }
        if (request.size() < 3 || request.get(1).length != 0) {
            throw new IllegalStateException("not a Simple Pirate request: " + request.size() + " frames");
        }
        // [client, "", request...] -> [client, "", reply...]
        List<byte[]> reply = FrameIo.frames(request.get(0), FrameIo.EMPTY);
        reply.addAll(handler.handle(request.subList(2, request.size())));
        served++; // counted before the reply leaves, so a caller that has the reply sees the count
        FrameIo.send(socket, reply, false);
    }

    @Override
    void closeSockets() {
        socket.close();
    }
}
