package io.gannet.internal.engine;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.GatheringByteChannel;

/**
 * The connection under an {@link Engine}: everything the engine does with its socket, and no
 * more. In production a {@link SocketEngineChannel} (a {@code SocketChannel} registered with
 * the I/O thread's selector); in tests a channel of bytes in memory, so that a test drives
 * the whole engine (greeting, handshake, heartbeats, frames, back-pressure) with no socket
 * and no thread. Called on the engine's I/O thread only.
 */
interface EngineChannel {
    /**
     * Starts delivering readiness to {@code handler} ({@link IoHandler#ready}), with interest
     * in reading only.
     */
    void start(IoHandler handler) throws IOException;

    /**
     * Reads what is waiting into {@code into}, up to its writable bytes, advancing its writer
     * index. Returns the count (0 when nothing waits) or -1 when the peer closed its side.
     */
    int read(ByteBuf into) throws IOException;

    /** Where output goes, with gathering writes that may take only part of what they are given. */
    GatheringByteChannel output();

    /** What the engine wants to hear about next: readable, writable, both or neither. */
    void interest(boolean read, boolean write);

    /** Closes the connection and stops readiness; quiet, and harmless when repeated. */
    void close();

    /** The peer's address, for diagnostics; null when not known. */
    SocketAddress remoteAddress();
}
