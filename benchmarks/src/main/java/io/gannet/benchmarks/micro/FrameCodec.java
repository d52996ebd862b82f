package io.gannet.benchmarks.micro;

import io.gannet.benchmarks.lib.Library;
import io.gannet.internal.zmtp.FrameDecoder;
import io.gannet.internal.zmtp.FrameEncoder;
import io.gannet.internal.zmtp.FrameHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
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
import org.openjdk.jmh.infra.Blackhole;
import zmq.Msg;
import zmq.io.coder.IDecoder;
import zmq.io.coder.v2.V2Decoder;
import zmq.io.coder.v2.V2Encoder;
import zmq.msg.MsgAllocatorThreshold;
import zmq.util.Errno;
import zmq.util.ValueReference;

/**
 * ZMTP 3 framing alone, per frame, with no socket or thread around it: what the I/O thread
 * spends turning one message frame into bytes and bytes back into a frame.
 *
 * <p><b>encode</b>: one frame (header and body) copied into a reused 64 KB direct buffer,
 * which starts over when full. Gannet: {@link FrameEncoder#writeHeader} followed by a copy of
 * the body, which is what the engine's output batch does for every body below 2 KB (the
 * batch class itself is private to the engine); JeroMQ: {@code V2Encoder} loading a reused {@code zmq.Msg} and encoding into
 * the same kind of buffer, as its engine fills a batch.
 *
 * <p><b>decode</b>: {@value #BATCH} frames decoded from a buffer that holds them encoded
 * back to back, as one socket read would. Gannet: {@link FrameDecoder} with the engine's
 * settings (a {@code SmallBodyPool} for bodies below 2 KB, no size limit), its handler
 * releasing each body. JeroMQ: {@code V2Decoder} with its default allocator; it reads only
 * from its own 8 KB buffer, so the twin copies the input into that buffer 8 KB at a time,
 * as its engine's {@code read()} would (a memcpy of each byte once, a few ns per KB), while
 * Gannet decodes the read buffer in place.
 *
 * <p>With {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated per frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class FrameCodec {
    /** Frames decoded per benchmark invocation. */
    public static final int BATCH = 1000;
    private static final int OUT_CAPACITY = 64 * 1024;
    /** JeroMQ's default batch sizes (Config.IN_BATCH_SIZE, OUT_BATCH_SIZE). */
    private static final int JEROMQ_BATCH = 8192;

    @Param({"gannet", "jeromq"})
    public String lib;

    @Param({"1", "64", "1024"})
    public int size;

    private boolean gannet;
    private int frameLength;

    // Gannet
    private ByteBuf payload;
    private ByteBuf out;
    private ByteBuf encoded;
    private FrameDecoder decoder;
    private final CountingHandler handler = new CountingHandler();

    // JeroMQ
    private Msg jmsg;
    private V2Encoder jencoder;
    private ByteBuffer jout;
    private final ValueReference<ByteBuffer> joutRef = new ValueReference<>();
    private ByteBuffer jencoded;
    private V2Decoder jdecoder;
    private final ValueReference<Integer> processed = new ValueReference<>(0);

    @Setup(Level.Trial)
    public void setUp() {
        gannet = Library.of(lib) == Library.GANNET;
        frameLength = FrameEncoder.headerSize(size) + size;
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) i;
        }
        PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        // The same wire bytes for both decoders.
        encoded = alloc.directBuffer(frameLength * BATCH);
        payload = alloc.directBuffer(size).writeBytes(body);
        for (int i = 0; i < BATCH; i++) {
            writeFrame(encoded, payload);
        }
        if (gannet) {
            out = alloc.directBuffer(OUT_CAPACITY, OUT_CAPACITY);
            decoder = new FrameDecoder(alloc, -1, FrameDecoder.DEFAULT_COPY_THRESHOLD);
        } else {
            jmsg = new Msg(body);
            jencoder = new V2Encoder(new Errno(), JEROMQ_BATCH);
            jout = ByteBuffer.allocateDirect(OUT_CAPACITY);
            joutRef.set(jout);
            jencoded = ByteBuffer.allocateDirect(encoded.readableBytes());
            encoded.getBytes(0, jencoded.duplicate());
            jdecoder = new V2Decoder(new Errno(), JEROMQ_BATCH, -1, new MsgAllocatorThreshold());
        }
    }

    /** Encodes one frame; returns the bytes written. */
    @Benchmark
    public int encode() {
        if (gannet) {
            if (out.writableBytes() < frameLength) {
                out.clear();
            }
            return writeFrame(out, payload);
        }
        // More room than the frame needs, so the encoder finishes the message in this call.
        if (jout.remaining() <= frameLength) {
            jout.clear();
        }
        jencoder.loadMsg(jmsg);
        return jencoder.encode(joutRef, jout.remaining());
    }

    /** Decodes {@value #BATCH} frames; returns how many came out (always {@value #BATCH}). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int decode(Blackhole bh) {
        if (gannet) {
            handler.bh = bh;
            handler.frames = 0;
            encoded.readerIndex(0);
            if (decoder.decode(encoded, handler) != FrameDecoder.Result.NEED_INPUT) {
                throw new IllegalStateException("decoder stopped: " + decoder.errorDetail());
            }
            return handler.frames;
        }
        return decodeJeromq(bh);
    }

    private int decodeJeromq(Blackhole bh) {
        ByteBuffer src = jencoded;
        src.clear();
        int frames = 0;
        while (src.hasRemaining()) {
            ByteBuffer in = jdecoder.getBuffer();
            int n = Math.min(in.remaining(), src.remaining());
            int limit = src.limit();
            src.limit(src.position() + n);
            in.put(src);
            src.limit(limit);
            in.flip();
            while (n > 0) {
                IDecoder.Step.Result r = jdecoder.decode(in, n, processed);
                n -= processed.get();
                if (r == IDecoder.Step.Result.DECODED) {
                    bh.consume(jdecoder.msg());
                    frames++;
                } else if (r == IDecoder.Step.Result.ERROR) {
                    throw new IllegalStateException("V2Decoder failed");
                }
            }
        }
        return frames;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoded.release();
        payload.release();
        if (gannet) {
            out.release();
            decoder.release();
        }
    }

    /** Consumes and releases each body, as the engine's handler hands it to the pipe. */
    private static final class CountingHandler implements FrameHandler {
        Blackhole bh;
        int frames;

        @Override
        public boolean onMessageFrame(ByteBuf body, boolean more) {
            bh.consume(body.getByte(body.readerIndex()));
            body.release();
            frames++;
            return true;
        }

        @Override
        public boolean onCommand(ByteBuf body) {
            body.release();
            return true;
        }
    }

    /** One message frame, header and copied body, as the output batch writes a small one. */
    private static int writeFrame(ByteBuf out, ByteBuf body) {
        int size = body.readableBytes();
        int header = FrameEncoder.writeHeader(out, size, false, false);
        out.writeBytes(body, body.readerIndex(), size);
        return header + size;
    }
}
