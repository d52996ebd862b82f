package io.gannet.benchmarks.micro;

import io.gannet.Msg;
import io.gannet.benchmarks.lib.Library;
import io.gannet.internal.Command;
import io.gannet.internal.PipeEnd;
import io.gannet.internal.PipeHandler;
import io.gannet.internal.PipePair;
import io.gannet.internal.SocketMailbox;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.infra.Control;
import zmq.pipe.YPipe;

/**
 * One message through a pipe (the lock-free queue between a socket and its session or its
 * inproc peer), without sockets around it.
 *
 * <p><b>roundTrip</b>: one thread writes and flushes one message, then reads it back: the
 * cost of the operations themselves, the queue never empty or full.
 *
 * <p><b>transfer</b> (JMH group: one {@code writer} thread, one {@code reader} thread):
 * messages handed from one thread to the other as fast as they go, each written and
 * flushed singly as a socket's send does. The score is the average time per operation over
 * both threads, which in steady state is the time per message crossing threads (the writer
 * stops at the high-water mark of {@value #HWM} messages). A side that finds the pipe
 * full or empty spins; Gannet's sleeping side drains its mailbox of the activation its peer
 * posts, as a socket would.
 *
 * <p>Gannet: a {@link PipePair} with a high-water mark of {@value #HWM} each way, each end
 * attached to its own {@link SocketMailbox}; the message is a reused {@link Msg} over one
 * unreleasable 64-byte buffer, so nothing is allocated per message. JeroMQ: its
 * {@code YPipe} (the queue inside {@code zmq.pipe.Pipe}) carrying one reused
 * {@code zmq.Msg}. {@code YPipe} has no high-water mark ({@code zmq.pipe.Pipe} adds it with
 * commands through socket mailboxes, which need sockets), so in {@code transfer} the twin
 * bounds it the same way: the reader publishes its count every {@value #REPORT_EVERY}
 * messages (an ordered store instead of Pipe's activate-write command) and the writer stops
 * {@value #HWM} messages ahead of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PipeWriteRead {
    /** High-water mark in messages, libzmq's default SNDHWM. */
    public static final int HWM = 1000;
    /** JeroMQ twin: the reader publishes how far it got every this many messages. */
    static final int REPORT_EVERY = 512;
    private static final int SIZE = 64;
    /** JeroMQ's Config.MESSAGE_PIPE_GRANULARITY. */
    private static final int GRANULARITY = 256;

    @Param({"gannet", "jeromq"})
    public String lib;

    private boolean gannet;

    // Gannet
    private PipePair pair;
    private PipeEnd writerEnd;
    private PipeEnd readerEnd;
    private final SocketMailbox writerMailbox = new SocketMailbox();
    private final SocketMailbox readerMailbox = new SocketMailbox();
    private ByteBuf backing;
    /** {@link #backing}, unreleasable: the pipe and the Msgs pass it around without counting. */
    private ByteBuf payload;
    private Msg out;
    private Msg in;

    // JeroMQ
    private YPipe<zmq.Msg> ypipe; // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.Msg
    private zmq.Msg jmsg; // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.Msg
    private WriterCounts writerCounts;
    private ReaderCounts readerCounts;

    @Setup(Level.Trial)
    public void setUp() {
        gannet = Library.of(lib) == Library.GANNET;
        if (gannet) {
            pair = PipePair.create(HWM, HWM, false, false, true, "bench");
            writerEnd = pair.first();
            readerEnd = pair.second();
            writerEnd.owner(writerMailbox, IgnoreActivations.INSTANCE);
            readerEnd.owner(readerMailbox, IgnoreActivations.INSTANCE);
            backing = Unpooled.directBuffer(SIZE).writeZero(SIZE);
            payload = Unpooled.unreleasableBuffer(backing);
            out = new Msg();
            in = new Msg();
        } else if ("jeromq".equals(lib)) {
            ypipe = new YPipe<>(GRANULARITY);
            jmsg = new zmq.Msg(new byte[SIZE]); // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.Msg
            writerCounts = new WriterCounts();
            readerCounts = new ReaderCounts();
        } else {
            throw new IllegalArgumentException("lib " + lib);
        }
    }

    /** Writes, flushes and reads back one message on one thread; returns its size. */
    @Benchmark
    public int roundTrip() {
        if (gannet) {
            out.set(payload, false);
            if (!writerEnd.write(out)) {
                throw new IllegalStateException("pipe full");
            }
            writerEnd.flush();
            if (!readerEnd.read(in)) {
                throw new IllegalStateException("pipe empty");
            }
            return in.size();
        }
        ypipe.write(jmsg, false);
        ypipe.flush();
        return ypipe.read().size();
    }

    /** The writing side of {@code transfer}: writes and flushes one message. */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void writer(Control control) {
        if (gannet) {
            out.set(payload, false);
            while (!writerEnd.write(out)) {
                drain(writerMailbox);
                if (control.stopMeasurement) {
                    return;
                }
                Thread.onSpinWait();
            }
            writerEnd.flush();
            return;
        }
        WriterCounts w = writerCounts;
        while (w.written - w.readSeen >= HWM) {
            w.readSeen = readerCounts.published.get();
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        ypipe.write(jmsg, false);
        ypipe.flush();
        w.written++;
    }

    /** The reading side of {@code transfer}: reads one message. */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void reader(Control control, Blackhole bh) {
        if (gannet) {
            while (!readerEnd.read(in)) {
                drain(readerMailbox);
                if (control.stopMeasurement) {
                    return;
                }
                Thread.onSpinWait();
            }
            bh.consume(in.data());
            return;
        }
        zmq.Msg m; // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.Msg
        while ((m = ypipe.read()) == null) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        bh.consume(m);
        ReaderCounts r = readerCounts;
        if (++r.read % REPORT_EVERY == 0) {
            r.published.lazySet(r.read);
        }
    }

    /** Runs the activations posted to an end's owner, as a socket's mailbox loop would. */
    private static void drain(SocketMailbox mailbox) {
        Command c;
        while ((c = mailbox.poll()) != null) {
            if (c instanceof Command.ForPipe) {
                ((Command.ForPipe) c).end().dispatch(c);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (gannet) {
            writerEnd.close(false);
            readerEnd.close(true);
            drain(writerMailbox);
            drain(readerMailbox);
            out.close();
            in.close();
            backing.release();
        }
    }

    /** Whether no activation waits in either mailbox (Gannet); for tests. */
    boolean mailboxesEmpty() {
        return readerMailbox.isEmpty() && writerMailbox.isEmpty();
    }

    /** A pipe owner with nothing to do: the benchmark threads poll the pipe themselves. */
    private static final class IgnoreActivations implements PipeHandler {
        static final IgnoreActivations INSTANCE = new IgnoreActivations();

        @Override
        public void readActivated(PipeEnd end) {
        }

        @Override
        public void writeActivated(PipeEnd end) {
        }

        @Override
        public void terminated(PipeEnd end) {
        }
    }

    /** JeroMQ twin, writer thread only; padded so the reader's counters sit on other cache lines. */
    @SuppressWarnings("unused")
    private static final class WriterCounts {
        long p0, p1, p2, p3, p4, p5, p6;
        long written;
        long readSeen;
        long q0, q1, q2, q3, q4, q5, q6;
    }

    /** JeroMQ twin: {@code read} on the reader thread only, {@code published} read by the writer. */
    @SuppressWarnings("unused")
    private static final class ReaderCounts {
        long p0, p1, p2, p3, p4, p5, p6;
        long read;
        final AtomicLong published = new AtomicLong();
        long q0, q1, q2, q3, q4, q5, q6;
    }
}
