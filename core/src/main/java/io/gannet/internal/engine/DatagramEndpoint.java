package io.gannet.internal.engine;

import io.gannet.SocketEvent;
import io.gannet.internal.EndpointHandle;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.PipeHandler;
import io.gannet.internal.PipePair;
import io.gannet.internal.SocketPort;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a stateless datagram endpoint ({@code udp://}) is on its I/O thread: one non-blocking
 * {@link DatagramChannel} registered with the thread's selector and one pipe to the socket,
 * for as long as the endpoint is bound or connected. There are no connections, sessions or
 * handshakes; {@link DatagramReceiver} (bind) turns datagrams into messages,
 * {@link DatagramSender} (connect) the other way.
 *
 * <p>Made on the socket's thread; everything after {@link #start} runs on {@link #io}.
 */
abstract class DatagramEndpoint implements IoHandler, EndpointHandle, PipeHandler {
    final IoThread io;
    private final IoThreads pool;
    final SocketPort socket;
    final EndpointConfig cfg;
    final String endpoint;
    final DatagramChannel channel;
    /** This endpoint's end of the pipe to the socket; null once closed. I/O thread. */
    PipeEnd pipe;
    SelectionKey key;
    private boolean closed;

    DatagramEndpoint(IoThread io, IoThreads pool, SocketPort socket, EndpointConfig cfg, String endpoint,
                     DatagramChannel channel) {
        this.io = io;
        this.pool = pool;
        this.socket = socket;
        this.cfg = cfg;
        this.endpoint = endpoint;
        this.channel = channel;
        pool.retain();
    }

    /** The selector operations to register for at start. */
    abstract int interestOps();

    /** Reports the endpoint up to the monitor. */
    abstract void started();

    /** I/O thread: registers the channel and hands the socket its end of a new pipe. */
    final void start() {
        try {
            key = io.register(channel, interestOps(), this);
        } catch (ClosedChannelException e) {
            closeNow("the channel closed before it was registered");
            return;
        }
        boolean sends = this instanceof DatagramSender;
        PipePair pair = PipePair.create(cfg.sndHwm, cfg.rcvHwm, cfg.conflate, cfg.conflate, sends, endpoint);
        if (sends) {
            pair.secondSubscribedToAll();
        }
        PipeEnd socketEnd = pair.first();
        pipe = pair.second();
        pipe.owner(io, this);
        if (!socket.offerPipe(socketEnd)) {
            socketEnd.abandon();
            closeNow("the socket is closing");
            return;
        }
        started();
    }

    @Override
    public final String endpoint() {
        return endpoint;
    }

    /**
     * Socket thread (unbind, disconnect, close): stops on the I/O thread and returns once the
     * port is free again, so the application may bind it at once (as a stream listener does).
     */
    @Override
    public final void close() {
        CountDownLatch done = new CountDownLatch(1);
        if (!io.execute(() -> {
            closing();
            io.flushCancelledKeys();
            done.countDown();
        })) {
            // The thread has stopped and closed every channel already.
            Channels.closeQuietly(channel);
            return;
        }
        boolean interrupted = false;
        for (;;) {
            try {
                // Bounded: the I/O thread never blocks, so this is ample.
                done.await(5, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** I/O thread, on {@link #close()}: a sender first sends what the socket queued. */
    void closing() {
        closeNow("");
    }

    @Override
    public final void terminated(PipeEnd end) {
        if (end == pipe) {
            pipe = null;
            closing();
        }
    }

    @Override
    public final void failed(Throwable cause) {
        closeNow("internal error: " + cause);
    }

    /** Closes the channel and the pipe, once; reports {@code CLOSED} with {@code detail}. */
    final void closeNow(String detail) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        Channels.closeQuietly(channel);
        if (pipe != null) {
            pipe.close(true);
            pipe = null;
        }
        socket.emit(SocketEvent.CLOSED, endpoint, 0, detail);
        pool.release();
    }

    final boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + endpoint + "]";
    }
}
