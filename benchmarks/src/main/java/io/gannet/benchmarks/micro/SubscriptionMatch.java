package io.gannet.benchmarks.micro;

import io.gannet.benchmarks.lib.Library;
import io.gannet.internal.PipePair;
import io.gannet.patterns.common.PipeTrie;
import io.gannet.patterns.common.PipeVisitor;
import io.gannet.patterns.common.SubscriptionTrie;
import io.gannet.spi.Pipe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import zmq.socket.pubsub.JeromqTries;

/**
 * Matching one message against a set of topic subscriptions, the per-message work of
 * publish/subscribe apart from moving the message.
 *
 * <p>Two tries, each with its JeroMQ twin: <b>sub*</b> is the subscriber's filter (Gannet's
 * {@link SubscriptionTrie}, JeroMQ's {@code Trie}: is any subscribed topic a prefix of the
 * message?); <b>xpub*</b> is the publisher's per-pipe table (Gannet's {@link PipeTrie},
 * JeroMQ's {@code Mtrie}: visit every pipe subscribed to a prefix of the message), with the
 * subscriptions spread over {@value #PIPES} subscriber pipes and a visitor that only counts.
 *
 * <p>{@code subscriptions} topics come in three families of varied length
 * ({@code sensor.<n>.temp}, {@code market.eu.<n>.quote}, {@code log.host-<n>.error}). The
 * message is 64 bytes: a topic then a payload. <b>Hit</b>: the topic of the middle
 * subscription. <b>Miss</b>: {@code sensor.<n>.humidity} for that same {@code n}, which
 * shares the subscribed prefix {@code sensor.<n>.} and then fails, the costliest kind of
 * miss (with one subscription it walks the whole of {@code sensor.0.}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SubscriptionMatch {
    /** Subscriber pipes the publisher-side subscriptions are spread over. */
    static final int PIPES = 8;
    private static final int MESSAGE_SIZE = 64;

    @Param({"gannet", "jeromq"})
    public String lib;

    @Param({"1", "100", "10000"})
    public int subscriptions;

    private boolean gannet;

    private SubscriptionTrie subTrie;
    private PipeTrie pipeTrie;
    private final CountingVisitor visitor = new CountingVisitor();
    private ByteBuf hit;
    private ByteBuf miss;

    private JeromqTries.SubFilter jsub;
    private JeromqTries.PubMatcher jpub;
    private ByteBuffer jhit;
    private ByteBuffer jmiss;

    /** The topic of subscription {@code i}. */
    static String topic(int i) {
        switch (i % 3) {
            case 0: return "sensor." + i + ".temp";
            case 1: return "market.eu." + i + ".quote";
            default: return "log.host-" + i + ".error";
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        gannet = Library.of(lib) == Library.GANNET;
        // A sensor topic in the middle of the set (subscription 0 when there is one).
        int middle = subscriptions / 2 / 3 * 3;
        byte[] hitBytes = message(topic(middle));
        byte[] missBytes = message("sensor." + middle + ".humidity");
        if (gannet) {
            subTrie = new SubscriptionTrie();
            pipeTrie = new PipeTrie();
            Pipe[] pipes = new Pipe[PIPES];
            for (int p = 0; p < PIPES; p++) {
                pipes[p] = PipePair.create(0, 0, false, false, true, "bench").first();
            }
            for (int i = 0; i < subscriptions; i++) {
                byte[] t = topic(i).getBytes(StandardCharsets.US_ASCII);
                subTrie.add(t);
                pipeTrie.add(t, pipes[i % PIPES]);
            }
            hit = Unpooled.wrappedBuffer(hitBytes);
            miss = Unpooled.wrappedBuffer(missBytes);
        } else {
            jsub = new JeromqTries.SubFilter();
            jpub = new JeromqTries.PubMatcher();
            zmq.pipe.Pipe[] pipes = JeromqTries.pipes(PIPES); // NOPMD - FullyQualifiedNameInline: clashes with io.gannet.spi.Pipe
            for (int i = 0; i < subscriptions; i++) {
                byte[] t = topic(i).getBytes(StandardCharsets.US_ASCII);
                jsub.add(t);
                jpub.add(t, pipes[i % PIPES]);
            }
            jhit = ByteBuffer.wrap(hitBytes);
            jmiss = ByteBuffer.wrap(missBytes);
        }
    }

    private static byte[] message(String topic) {
        byte[] m = new byte[MESSAGE_SIZE];
        byte[] t = topic.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, m, 0, t.length);
        for (int i = t.length; i < m.length; i++) {
            m[i] = (byte) ('a' + i % 26);
        }
        return m;
    }

    /** Subscriber filter, a message that matches; returns true. */
    @Benchmark
    public boolean subHit() {
        return gannet ? subTrie.matches(hit) : jsub.check(jhit);
    }

    /** Subscriber filter, a message that does not match; returns false. */
    @Benchmark
    public boolean subMiss() {
        return gannet ? subTrie.matches(miss) : jsub.check(jmiss);
    }

    /** Publisher table, a message one pipe is subscribed to; returns the pipes visited (1). */
    @Benchmark
    public int xpubHit() {
        return gannet ? match(hit) : jpub.match(jhit, MESSAGE_SIZE);
    }

    /** Publisher table, a message no pipe wants; returns the pipes visited (0). */
    @Benchmark
    public int xpubMiss() {
        return gannet ? match(miss) : jpub.match(jmiss, MESSAGE_SIZE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (jpub != null) {
            jpub.close();
        }
    }

    private int match(ByteBuf message) {
        visitor.visited = 0;
        pipeTrie.match(message, visitor);
        return visitor.visited;
    }

    /** Counts the pipes a message goes to; reused, so matching allocates nothing. */
    private static final class CountingVisitor implements PipeVisitor {
        int visited;

        @Override
        public void visit(Pipe pipe) {
            visited++;
        }
    }
}
