package io.gannet.internal;

import io.gannet.SocketEvent;
import io.gannet.SocketType;
import io.gannet.spi.OptionSource;
import io.gannet.spi.SocketTraits;
import io.netty.buffer.ByteBufAllocator;

/**
 * What the machinery that serves a socket's endpoints (the inproc registry; listeners,
 * connecters and sessions on I/O threads) may ask of the socket. It is all they see of it:
 * the socket class stays above them, and they never reach its state or its pipes.
 *
 * <p>Threads: {@link #attach} only on the socket's own thread (inside one of its calls);
 * everything else from any thread. {@link #option} reads the live value (LINGER, which the
 * application may change after the endpoint was made); {@link #optionsSnapshot} is the
 * frozen copy an endpoint keeps.
 */
public interface SocketPort extends OptionSource {
    /** The socket type. */
    SocketType type();

    /** What core needs to know about this socket type to serve its connections (from its provider). */
    SocketTraits traits();

    /** A frozen copy of the options, for connections set up on I/O threads. */
    OptionSource optionsSnapshot();

    /** The context's buffer allocator. */
    ByteBufAllocator alloc();

    /**
     * Socket thread only: takes ownership of a new pipe end now (an inproc bind or connect
     * made by this very call).
     */
    void attach(PipeEnd end);

    /**
     * Any thread: queues a new pipe end for the socket to take at its next look at its
     * mailbox. Returns false when the socket is closed; the caller then abandons the end.
     */
    boolean offerPipe(PipeEnd end);

    /** The way to its context's ZAP handler, for the handshakes of its connections. */
    ZapConnector zap();

    /** Reports an event to the socket's monitors. */
    void emit(SocketEvent event, String endpoint, long value, String detail);

    /**
     * Counts messages lost with a connection or to LINGER and reports them to the monitors
     * ({@link SocketEvent#MESSAGES_DROPPED}).
     */
    void messagesDropped(String endpoint, long count, String why);
}
