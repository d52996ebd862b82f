package io.gannet.transports;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal hand-written ZMTP 3.x peer over a {@link SocketChannel} (tcp or ipc), connecting
 * or accepted: it sends a NULL greeting with the version it is told (3.1, or 3.0 to play an
 * old libzmq 4.1 peer) and a READY, then lets a test read and write raw frames. Used to play
 * peers that misbehave (stay silent, send oversized frames) or that are old.
 *
 * <p>Every read has a deadline ({@link TestSupport#TIMEOUT} unless told), so a test fails
 * instead of hanging; bytes read ahead are kept, never lost. Used by one test thread.
 */
final class RawZmtpPeer implements AutoCloseable {
    /** A frame as it came off the wire: its flags byte and its body. */
    record Frame(int flags, byte[] body) {
        boolean isCommand() {
            return (flags & 4) != 0;
        }

        boolean more() {
            return (flags & 1) != 0;
        }

        String string() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return (isCommand() ? "command " : more() ? "frame+more " : "frame ") + string();
        }
    }

    final SocketChannel ch;
    private final Selector selector;
    private final SelectionKey key;
    private ByteBuffer in = ByteBuffer.allocate(4096); // write mode: [0, position) is unread input
    /** Every byte read from the channel, in order: what the other side sent us. */
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();

    private RawZmtpPeer(SocketChannel ch) throws IOException {
        this.ch = ch;
        ch.configureBlocking(false);
        selector = Selector.open();
        key = ch.register(selector, 0);
    }

    /** Connects to a {@code tcp://host:port} or {@code ipc://path} endpoint. */
    RawZmtpPeer(String endpoint) throws IOException {
        this(SocketChannel.open(address(endpoint)));
    }

    /** Waits for one connection on {@code listener} (blocking, with its own deadline). */
    static RawZmtpPeer accept(ServerSocketChannel listener) throws IOException {
        listener.configureBlocking(false);
        try (Selector s = Selector.open()) {
            listener.register(s, SelectionKey.OP_ACCEPT);
            if (s.select(TestSupport.TIMEOUT.toMillis()) == 0) {
                throw new IOException("no connection within " + TestSupport.TIMEOUT);
            }
        }
        return new RawZmtpPeer(listener.accept());
    }

    static SocketAddress address(String endpoint) {
        if (endpoint.startsWith("ipc://")) {
            return UnixDomainSocketAddress.of(endpoint.substring("ipc://".length()));
        }
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** ZMTP 3.1 handshake without an identity. */
    void handshake(String socketType) throws IOException {
        handshake(1, socketType, null);
    }

    /**
     * Greeting both ways (ours says 3.{@code minor}), then our READY (Socket-Type, and Identity
     * when given) and the peer's READY, whose properties are returned.
     */
    Map<String, String> handshake(int minor, String socketType, String identity) throws IOException {
        write(greeting(3, minor, "NULL"));
        readFully(64);
        write(ready(socketType, identity));
        Frame peerReady = readFrame(TestSupport.TIMEOUT.toMillis());
        if (peerReady == null || !peerReady.isCommand() || !peerReady.string().startsWith("\5READY")) {
            throw new IOException("expected READY, got " + peerReady);
        }
        return properties(peerReady.body(), 6);
    }

    /** A 64-byte ZMTP 3.x greeting with the given version and mechanism, as-server 0. */
    static ByteBuffer greeting(int major, int minor, String mechanism) {
        ByteBuffer g = ByteBuffer.allocate(64);
        g.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F).put((byte) major).put((byte) minor);
        byte[] mech = ascii(mechanism);
        g.put(mech).put(new byte[20 - mech.length]).put((byte) 0).put(new byte[31]);
        return g.flip();
    }

    /**
     * A READY command with a Socket-Type property (none when {@code socketType} is null) and,
     * unless null, an Identity.
     */
    static ByteBuffer ready(String socketType, String identity) {
        ByteBuffer body = ByteBuffer.allocate(255);
        body.put((byte) 5).put(ascii("READY"));
        if (socketType != null) {
            property(body, "Socket-Type", socketType);
        }
        if (identity != null) {
            property(body, "Identity", identity);
        }
        body.flip();
        return ByteBuffer.allocate(2 + body.remaining()).put((byte) 4).put((byte) body.remaining()).put(body).flip();
    }

    private static void property(ByteBuffer b, String name, String value) {
        b.put((byte) name.length()).put(ascii(name)).putInt(value.length()).put(ascii(value));
    }

    private static Map<String, String> properties(byte[] body, int from) {
        Map<String, String> props = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(body, from, body.length - from);
        while (b.hasRemaining()) {
            byte[] name = new byte[b.get() & 0xFF];
            b.get(name);
            byte[] value = new byte[b.getInt()];
            b.get(value);
            props.put(new String(name, StandardCharsets.US_ASCII), new String(value, StandardCharsets.ISO_8859_1));
        }
        return props;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    void write(ByteBuffer b) throws IOException {
        long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
        while (b.hasRemaining()) {
            if (ch.write(b) == 0 && !await(SelectionKey.OP_WRITE, deadline)) {
                throw new IOException("peer not reading");
            }
        }
    }

    /** Writes one short frame: a message frame, or a command when {@code command}. */
    void writeFrame(byte[] body, boolean more, boolean command) throws IOException {
        write(ByteBuffer.allocate(2 + body.length)
                .put((byte) ((more ? 1 : 0) | (command ? 4 : 0))).put((byte) body.length).put(body).flip());
    }

    /** Writes a message, one short frame per part. */
    void writeMessage(String... parts) throws IOException {
        for (int i = 0; i < parts.length; i++) {
            writeFrame(ascii(parts[i]), i < parts.length - 1, false);
        }
    }

    /** Writes a message frame with a long header of {@code size} and that many bytes. */
    void writeLongFrame(int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(9 + size);
        b.put((byte) 2).putLong(size).put(new byte[size]);
        write(b.flip());
    }

    byte[] readFully(int n) throws IOException {
        if (!fill(n, System.nanoTime() + TestSupport.TIMEOUT.toNanos())) {
            throw new IOException("no " + n + " bytes within " + TestSupport.TIMEOUT);
        }
        return take(n);
    }

    /** Reads one frame's body (command or message). */
    byte[] readFrame() throws IOException {
        Frame f = readFrame(TestSupport.TIMEOUT.toMillis());
        if (f == null) {
            throw new IOException("no frame within " + TestSupport.TIMEOUT);
        }
        return f.body();
    }

    /** The next frame, or null if none is complete within {@code millis}. */
    Frame readFrame(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        if (!fill(2, deadline)) {
            return null;
        }
        int flags = in.get(0) & 0xFF;
        int header = (flags & 2) != 0 ? 9 : 2;
        if (!fill(header, deadline)) {
            return null;
        }
        long size = header == 9 ? in.getLong(1) : in.get(1) & 0xFF;
        if (!fill(header + Math.toIntExact(size), deadline)) {
            return null;
        }
        take(header);
        return new Frame(flags, take((int) size));
    }

    /** Reads until the peer closes; returns false if it is still open after {@code millis}. */
    boolean closedByPeerWithin(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        try {
            for (;;) {
                in.clear();
                int r = read();
                if (r < 0) {
                    return true;
                }
                if (r == 0 && !await(SelectionKey.OP_READ, deadline)) {
                    return false;
                }
            }
        } catch (IOException e) {
            return true; // reset
        } finally {
            in.clear();
        }
    }

    /** Reads until at least {@code n} bytes are buffered; false at the deadline. */
    private boolean fill(int n, long deadline) throws IOException {
        if (in.capacity() < n) {
            in = ByteBuffer.allocate(n).put(in.flip());
        }
        while (in.position() < n) {
            int r = read();
            if (r < 0) {
                throw new EOFException("closed by peer");
            }
            if (r == 0 && !await(SelectionKey.OP_READ, deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Reads into {@code in}, recording what arrived in the transcript. */
    private int read() throws IOException {
        int from = in.position();
        int r = ch.read(in);
        if (r > 0) {
            transcript.write(in.array(), in.arrayOffset() + from, r);
        }
        return r;
    }

    /** Everything read from the channel so far, including bytes a read consumed or skipped. */
    byte[] transcript() {
        return transcript.toByteArray();
    }

    private byte[] take(int n) {
        byte[] out = new byte[n];
        in.flip();
        in.get(out);
        in.compact();
        return out;
    }

    private boolean await(int op, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        key.interestOps(op);
        selector.selectedKeys().clear();
        selector.select(left);
        return true; // spurious or late wake-ups come back here and re-check the deadline
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            ch.close();
        }
    }
}
