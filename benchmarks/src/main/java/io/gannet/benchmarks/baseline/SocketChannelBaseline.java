package io.gannet.benchmarks.baseline;

import io.gannet.benchmarks.lib.BackgroundLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ceiling for tcp throughput: plain blocking {@link SocketChannel}s moving the bytes a
 * ZMTP stream of {@code size}-byte messages would carry, over loopback, with no library.
 *
 * <p>A background writer sends a direct buffer pre-filled with whole ZMTP frames (short
 * frames: flags and a 1-byte size; from 256 bytes: flags and an 8-byte size), so it batches
 * as well as any engine can. The measured thread reads into a direct buffer and walks the
 * frame headers to count messages, {@value #BATCH} per invocation. Scores are messages per
 * second, comparable with {@code PushPullThroughput} over tcp.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SocketChannelBaseline {
    /** Messages counted per invocation. */
    public static final int BATCH = 1000;
    private static final int BUFFER = 256 * 1024;

    @Param({"64", "65536"})
    public int size;

    private ServerSocketChannel server;
    private SocketChannel in;
    private BackgroundLoop writer;
    private ByteBuffer readBuffer;
    /** Payload bytes of the current frame still to skip; carried across invocations. */
    private long skip;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        SocketChannel out = SocketChannel.open(server.getLocalAddress());
        in = server.accept();
        in.setOption(StandardSocketOptions.TCP_NODELAY, true);
        out.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ByteBuffer frames = framedStream(size);
        writer = BackgroundLoop.start("channel-writer", loop -> {
            try (SocketChannel owned = out) {
                while (!loop.stopping()) {
                    frames.clear();
                    while (frames.hasRemaining()) {
                        owned.write(frames);
                    }
                }
            }
        });
        readBuffer = ByteBuffer.allocateDirect(BUFFER);
        readBuffer.flip();
        skip = 0;
    }

    /** A direct buffer holding as many whole frames of {@code size} bytes as fit (at least one). */
    static ByteBuffer framedStream(int size) {
        int header = size < 256 ? 2 : 9;
        int frame = header + size;
        int count = Math.max(1, BUFFER / frame);
        ByteBuffer buf = ByteBuffer.allocateDirect(count * frame);
        for (int i = 0; i < count; i++) {
            if (header == 2) {
                buf.put((byte) 0).put((byte) size);
            } else {
                buf.put((byte) 0x02).putLong(size);
            }
            buf.position(buf.position() + size);
        }
        buf.flip();
        return buf;
    }

    /** Reads until {@value #BATCH} more frame headers have been seen. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int readFrames() throws IOException {
        ByteBuffer buf = readBuffer;
        int frames = 0;
        while (frames < BATCH) {
            if (skip > 0) {
                int step = (int) Math.min(skip, buf.remaining());
                buf.position(buf.position() + step);
                skip -= step;
                if (skip > 0) {
                    refill(buf);
                }
                continue;
            }
            if (buf.remaining() < 2) {
                refill(buf);
                continue;
            }
            int pos = buf.position();
            boolean isLong = (buf.get(pos) & 0x02) != 0;
            if (isLong && buf.remaining() < 9) {
                refill(buf);
                continue;
            }
            skip = isLong ? buf.getLong(pos + 1) : buf.get(pos + 1) & 0xff;
            buf.position(pos + (isLong ? 9 : 2));
            frames++;
        }
        return frames;
    }

    private void refill(ByteBuffer buf) throws IOException {
        buf.compact();
        if (in.read(buf) < 0) {
            throw new IOException("writer closed the connection");
        }
        buf.flip();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.stop();
        in.close();
        server.close();
        writer.join();
    }
}
