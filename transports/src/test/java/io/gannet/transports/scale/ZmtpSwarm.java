package io.gannet.transports.scale;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Many ZMTP 3.1 peers (NULL mechanism) driven by one selector on one thread: far cheaper
 * than as many Gannet sockets, so tens of thousands of real tcp connections fit in one
 * process. Each connection connects (all at once: a connect storm), exchanges greetings and
 * READY commands, then plays its {@link Role}: sends its request (or subscription) and waits
 * for one message back. After that it stays idle until {@link #resetAll} or {@link #close}.
 *
 * <p>Used by one thread; every method blocks until its phase is done or the deadline passes.
 */
public final class ZmtpSwarm implements AutoCloseable {

    /** What each peer does once its handshake is done. */
    public enum Role {
        /** Talks to a ROUTER: sends one single-frame message, expects one frame back. */
        DEALER("DEALER"),
        /** Talks to a REP: sends an envelope (empty delimiter) and a body, expects the same shape back. */
        REQ("REQ"),
        /** Talks to a PUB: subscribes to everything, expects one published message. */
        SUB("SUB");

        final String socketType;

        Role(String socketType) {
            this.socketType = socketType;
        }
    }

    private static final int GREETING = 64;
    private static final byte[] REQUEST = "ping".getBytes(StandardCharsets.US_ASCII);

    private final Role role;
    private final Selector selector;
    private final List<Peer> peers = new ArrayList<>();
    private int handshaken;
    private int served;

    /** One connection: its channel, its unread input and how far it got. */
    private final class Peer {
        final SocketChannel ch;
        final ByteBuffer in = ByteBuffer.allocate(512);
        ByteBuffer out;
        boolean greeted;
        boolean ready;
        boolean done;

        Peer(SocketChannel ch) {
            this.ch = ch;
        }

        void connected() throws IOException {
            ByteBuffer hello = ByteBuffer.allocate(GREETING + 64);
            hello.put(greeting()).put(readyCommand(role.socketType));
            out = hello.flip();
            flushOut();
        }

        void flushOut() throws IOException {
            if (out != null) {
                ch.write(out);
                if (!out.hasRemaining()) {
                    out = null;
                }
            }
        }

        /** Reads what arrived and advances; false when the server closed the connection. */
        boolean readable() throws IOException {
            int n = ch.read(in);
            if (n < 0) {
                return false;
            }
            in.flip();
            try {
                if (!greeted) {
                    if (in.remaining() < GREETING) {
                        return true;
                    }
                    in.position(in.position() + GREETING);
                    greeted = true;
                }
                for (;;) {
                    int frame = frameLength(in);
                    if (frame < 0) {
                        return true;
                    }
                    int flags = in.get(in.position()) & 0xFF;
                    in.position(in.position() + frame);
                    if ((flags & 4) != 0) {
                        if (!ready) {
                            ready = true;
                            handshaken++;
                            out = request(role);
                            flushOut();
                        }
                    } else if ((flags & 1) == 0 && !done) {
                        done = true;
                        served++;
                    }
                }
            } finally {
                in.compact();
            }
        }
    }

    /**
     * Opens {@code count} non-blocking connections to {@code address} at once.
     */
    public ZmtpSwarm(InetSocketAddress address, int count, Role role) throws IOException {
        this.role = role;
        this.selector = Selector.open();
        for (int i = 0; i < count; i++) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.configureBlocking(false);
                Peer p = new Peer(ch);
                peers.add(p);
                if (ch.connect(address)) {
                    ch.register(selector, SelectionKey.OP_READ, p);
                    p.connected();
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, p);
                }
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        }
    }

    /** Runs the connections until every one has done its handshake; returns how many did. */
    public int awaitHandshakes(long timeoutMillis) throws IOException {
        return runUntil(true, timeoutMillis);
    }

    /** Runs the connections until every one got its message back; returns how many did. */
    public int awaitServed(long timeoutMillis) throws IOException {
        return runUntil(false, timeoutMillis);
    }

    public int size() {
        return peers.size();
    }

    private int runUntil(boolean handshakes, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while ((handshakes ? handshaken : served) < peers.size()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            selector.select(Math.min(left, 100));
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                serve(k);
            }
        }
        return handshakes ? handshaken : served;
    }

    private void serve(SelectionKey k) throws IOException {
        Peer p = (Peer) k.attachment();
        if (!k.isValid()) {
            return;
        }
        if (k.isConnectable()) {
            if (!p.ch.finishConnect()) {
                return;
            }
            k.interestOps(SelectionKey.OP_READ);
            p.connected();
            return;
        }
        if (k.isWritable()) {
            p.flushOut();
        }
        if (k.isReadable() && !p.readable()) {
            throw new IOException("the server closed connection " + peers.indexOf(p) + " (" + p.ch + ")");
        }
        k.interestOps(SelectionKey.OP_READ | (p.out != null ? SelectionKey.OP_WRITE : 0));
    }

    /** Closes every connection with a reset (SO_LINGER 0), all at once. */
    public void resetAll() throws IOException {
        for (Peer p : peers) {
            if (p.ch.isOpen()) {
                p.ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                p.ch.close();
            }
        }
        selector.selectNow(); // deregisters the cancelled keys
    }

    @Override
    public void close() throws IOException {
        for (Peer p : peers) {
            p.ch.close();
        }
        selector.close();
    }

    // ---- wire bytes ---------------------------------------------------------------------------

    /** The length of the complete frame at the buffer's position, or -1 if it is not all in. */
    private static int frameLength(ByteBuffer b) {
        int at = b.position();
        if (b.remaining() < 2) {
            return -1;
        }
        int flags = b.get(at) & 0xFF;
        long body;
        int header;
        if ((flags & 2) != 0) {
            if (b.remaining() < 9) {
                return -1;
            }
            body = b.getLong(at + 1);
            header = 9;
        } else {
            body = b.get(at + 1) & 0xFF;
            header = 2;
        }
        if (body > b.capacity() - header) {
            throw new IllegalStateException("frame of " + body + " bytes: larger than a swarm peer expects");
        }
        return b.remaining() >= header + body ? header + (int) body : -1;
    }

    static ByteBuffer greeting() {
        ByteBuffer g = ByteBuffer.allocate(GREETING);
        g.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F).put((byte) 3).put((byte) 1);
        g.put("NULL".getBytes(StandardCharsets.US_ASCII)).put(new byte[16]).put((byte) 0).put(new byte[31]);
        return g.flip();
    }

    static ByteBuffer readyCommand(String socketType) {
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        int size = 6 + 1 + name.length + 4 + value.length;
        ByteBuffer b = ByteBuffer.allocate(2 + size);
        b.put((byte) 4).put((byte) size).put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII));
        b.put((byte) name.length).put(name).putInt(value.length).put(value);
        return b.flip();
    }

    /** What a peer sends once its handshake is done. */
    static ByteBuffer request(Role role) {
        switch (role) {
            case DEALER:
                return frame(REQUEST, false, false);
            case REQ: {
                ByteBuffer b = ByteBuffer.allocate(2 + 2 + REQUEST.length);
                b.put((byte) 1).put((byte) 0).put(frame(REQUEST, false, false));
                return b.flip();
            }
            default: {
                byte[] subscribe = "\u0009SUBSCRIBE".getBytes(StandardCharsets.US_ASCII);
                return frame(subscribe, false, true); // an empty topic: everything
            }
        }
    }

    private static ByteBuffer frame(byte[] body, boolean more, boolean command) {
        ByteBuffer b = ByteBuffer.allocate(2 + body.length);
        b.put((byte) ((more ? 1 : 0) | (command ? 4 : 0))).put((byte) body.length).put(body);
        return b.flip();
    }
}
