package zmq.socket.pubsub;

import java.nio.ByteBuffer;
import zmq.Ctx;
import zmq.Msg;
import zmq.ZMQ;
import zmq.ZObject;
import zmq.pipe.Pipe;

/**
 * Opens JeroMQ 0.6.0's subscription tries to the benchmarks: {@code Trie} (what SUB and
 * XSUB filter with) and {@code Mtrie} (what XPUB matches with) are package-private, so this
 * class lives in their package. It only forwards calls; it adds nothing to what is measured.
 * The benchmarks jar runs on the class path, where a package may span jars.
 *
 * <p>Used by {@code io.gannet.benchmarks.micro.SubscriptionMatch}; one thread.
 */
public final class JeromqTries {

    private JeromqTries() {
    }

    /** A SUB socket's own subscriptions: JeroMQ's {@code Trie}. */
    public static final class SubFilter {
        private final Trie trie = new Trie();

        /** Adds one subscription to {@code topic}. */
        public void add(byte[] topic) {
            trie.add(new Msg(topic), 0, topic.length);
        }

        /** Whether a subscription is a prefix of {@code data}'s bytes from 0 to its limit. */
        public boolean check(ByteBuffer data) {
            return trie.check(data);
        }
    }

    /**
     * An XPUB socket's subscriptions per pipe: JeroMQ's {@code Mtrie}. {@code match} hands
     * the handler the XPUB socket and asserts it is there, so there is one, idle, in a
     * context of its own; {@link #close} ends both.
     */
    public static final class PubMatcher implements AutoCloseable {
        private final Mtrie mtrie = new Mtrie();
        private final Ctx ctx = new Ctx();
        private final XPub xpub = (XPub) ctx.createSocket(ZMQ.ZMQ_XPUB);
        private int matched;
        private final Mtrie.IMtrieHandler counter = (pipe, data, size, pub) -> matched++;

        /** Subscribes {@code pipe} to {@code topic}. */
        public void add(byte[] topic, Pipe pipe) {
            // Mtrie takes the subscription message: a 1 byte, then the topic.
            byte[] sub = new byte[topic.length + 1];
            sub[0] = 1;
            System.arraycopy(topic, 0, sub, 1, topic.length);
            mtrie.add(new Msg(sub), pipe);
        }

        /** The number of pipe visits for a message of {@code size} bytes in {@code data}. */
        public int match(ByteBuffer data, int size) {
            matched = 0;
            mtrie.match(data, size, counter, xpub);
            return matched;
        }

        @Override
        public void close() {
            xpub.close();
            ctx.terminate();
        }
    }

    /**
     * {@code count} JeroMQ pipes to subscribe with. They are never used for I/O, only as
     * identities in the trie, so their parent has no context.
     */
    public static Pipe[] pipes(int count) {
        ZObject parent = new ZObject((Ctx) null, 0) {
        };
        Pipe[] pipes = new Pipe[count];
        for (int i = 0; i < count; i += 2) {
            Pipe[] pair = Pipe.pair(new ZObject[] {parent, parent}, new int[] {0, 0}, new boolean[] {false, false});
            pipes[i] = pair[0];
            if (i + 1 < count) {
                pipes[i + 1] = pair[1];
            }
        }
        return pipes;
    }
}
