package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A plain (non-ZeroMQ) tcp or ipc connection for tests, as an HTTP client or a line server
 * would use: every read waits at most {@link TestSupport#TIMEOUT} (through a selector, since
 * a blocking {@code SocketChannel} read cannot time out), so a missing reply fails the test
 * instead of hanging it. Owned by the test thread.
 */
final class PlainChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private boolean eof;

    PlainChannel(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    /** Connects (blocking) to {@code address}: an InetSocketAddress or a UnixDomainSocketAddress. */
    static PlainChannel connect(SocketAddress address) throws IOException {
        return new PlainChannel(SocketChannel.open(address));
    }

    /** Writes all of {@code data}. */
    void write(byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                try {
                    Thread.sleep(1); // the peer's receive buffer is full: let it read
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    /** Reads exactly {@code n} bytes; fails on EOF or timeout first. */
    byte[] read(int n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(n);
        readInto(out, n);
        if (out.size() < n) {
            fail("EOF after " + out.size() + " of " + n + " bytes");
        }
        return out.toByteArray();
    }

    /** Reads everything until the peer closes the connection; fails on timeout. */
    byte[] readToEof() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        readInto(out, Integer.MAX_VALUE);
        return out.toByteArray();
    }

    private void readInto(ByteArrayOutputStream out, int limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
        while (out.size() < limit && !eof) {
            buf.clear().limit(Math.min(buf.capacity(), limit - out.size()));
            int n = channel.read(buf);
            if (n < 0) {
                eof = true;
                break;
            }
            if (n > 0) {
                out.write(buf.array(), 0, n);
                continue;
            }
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                fail("no data within " + TestSupport.TIMEOUT + " (got " + out.size() + " bytes)");
            }
            selector.select(left);
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
