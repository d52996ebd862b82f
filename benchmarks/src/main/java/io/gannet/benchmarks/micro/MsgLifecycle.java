package io.gannet.benchmarks.micro;

import io.gannet.Msg;
import io.gannet.benchmarks.lib.Library;
import io.gannet.internal.alloc.MessageAllocator;
import io.netty.buffer.ByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Creating and releasing one message frame on one thread: what an application pays per
 * message before the socket sees it.
 *
 * <ul>
 *   <li><b>pooled</b>: a {@code size}-byte direct buffer from the allocator a Gannet context
 *       hands out ({@code Context.alloc()}), wrapped in a {@link Msg}, then closed, which
 *       returns the buffer to the pool. JeroMQ twin: {@code new zmq.Msg(size)}, a heap buffer left to the
 *       garbage collector (JeroMQ has no release).</li>
 *   <li><b>ofBytes</b>: {@link Msg#of(byte[])}, which copies the array, then closed. JeroMQ
 *       twin: {@code new zmq.Msg(byte[])}, which wraps the array without a copy.</li>
 *   <li><b>reuse</b>: one {@code Msg} given a new pooled buffer and closed again, the
 *       zero-allocation path a receive loop with {@code recv(Msg, flags)} takes. Gannet only:
 *       JeroMQ creates a new {@code zmq.Msg} per message, which {@code pooled} measures.</li>
 * </ul>
 * The new {@code Msg} objects go to a blackhole, as they would to a socket, so the JIT
 * cannot optimise them away. With {@code -prof gc}, {@code gc.alloc.rate.norm} shows what
 * each path allocates (the context's allocator tracks no buffer at Netty's default leak
 * detection level, so nothing of the detector's is counted).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class MsgLifecycle {
    private static final ByteBufAllocator ALLOC = MessageAllocator.DEFAULT;

    /** Parameters of the benchmarks that have a JeroMQ twin. */
    @State(Scope.Thread)
    public static class Twin {
        @Param({"gannet", "jeromq"})
        public String lib;

        @Param({"64", "1024"})
        public int size;

        boolean gannet;
        byte[] bytes;

        @Setup(Level.Trial)
        public void setUp() {
            gannet = Library.of(lib) == Library.GANNET;
            bytes = new byte[size];
        }
    }

    /** The one reused {@link Msg} of {@code reuse}. */
    @State(Scope.Thread)
    public static class Reused {
        @Param({"64", "1024"})
        public int size;

        Msg msg;

        @Setup(Level.Trial)
        public void setUp() {
            msg = new Msg();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            msg.close();
        }
    }

    /** Wraps a pooled buffer in a new Msg and closes it. */
    @Benchmark
    public void pooled(Twin s, Blackhole bh) {
        if (s.gannet) {
            Msg m = Msg.wrap(ALLOC.directBuffer(s.size).writerIndex(s.size));
            bh.consume(m);
            m.close();
        } else {
            bh.consume(new zmq.Msg(s.size)); // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.Msg
        }
    }

    /** A Msg over the bytes of an array, then closed. */
    @Benchmark
    public void ofBytes(Twin s, Blackhole bh) {
        if (s.gannet) {
            Msg m = Msg.of(s.bytes);
            bh.consume(m);
            m.close();
        } else {
            bh.consume(new zmq.Msg(s.bytes)); // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.Msg
        }
    }

    /** Gives the reused Msg a pooled buffer and closes it; returns the size it had. */
    @Benchmark
    public int reuse(Reused s) {
        Msg m = s.msg.set(ALLOC.directBuffer(s.size).writerIndex(s.size), false);
        int n = m.size();
        m.close();
        return n;
    }
}
