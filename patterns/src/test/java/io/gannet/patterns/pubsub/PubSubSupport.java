package io.gannet.patterns.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Helpers shared by the pub-sub behaviour tests. */
final class PubSubSupport {
    /** Topic of the probe messages {@link #awaitProbes} publishes. */
    static final String PROBE = "\u0007probe";

    private PubSubSupport() {
    }

    /** A socket whose receives give up after 5 s (a test fails instead of hanging). */
    static Socket socket(Context ctx, SocketType type) {
        Socket s = ctx.socket(type);
        s.set(SocketOption.RCVTIMEO, 5000);
        s.set(SocketOption.LINGER, 0);
        return s;
    }

    /**
     * Publishes probes until every subscriber has received one: then each is connected and
     * every subscription it sent earlier has reached the publisher (a pipe keeps order).
     * Subscribers drop leftover probes with {@link #recv}.
     */
    static void awaitProbes(Socket pub, Socket... subs) {
        for (Socket s : subs) {
            s.subscribe(PROBE);
        }
        boolean[] done = new boolean[subs.length];
        int remaining = subs.length;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (remaining > 0) {
            if (System.nanoTime() > deadline) {
                fail("subscribers did not receive probes within 10 s");
            }
            pub.send(PROBE, Socket.DONTWAIT);
            for (int i = 0; i < subs.length; i++) {
                if (!done[i]) {
                    Msg m = subs[i].recv(Duration.ofMillis(5));
                    if (m != null) {
                        m.close();
                        done[i] = true;
                        remaining--;
                    }
                }
            }
        }
        for (Socket s : subs) {
            s.unsubscribe(PROBE);
        }
    }

    /** Receives one frame as text, skipping probes; null on timeout. */
    static String recv(Socket s) {
        for (;;) {
            String text = s.recvString();
            if (text == null || !text.startsWith(PROBE)) {
                return text;
            }
        }
    }

    /** Receives one frame as text without waiting, skipping probes; null if none is queued. */
    static String recvNow(Socket s) {
        for (;;) {
            String text = s.recvString(Socket.DONTWAIT);
            if (text == null || !text.startsWith(PROBE)) {
                return text;
            }
        }
    }

    /** Receives one frame as text within {@code timeout}, probes included; null if none came. */
    static String recvWithin(Socket s, Duration timeout) {
        Msg m = s.recv(timeout);
        if (m == null) {
            return null;
        }
        try {
            return m.string();
        } finally {
            m.close();
        }
    }

    /** Receives a subscription notification from an XPUB and checks it: {@code kind} 1 or 0, then the topic. */
    static void expectSubscription(Socket xpub, int kind, String topic) {
        byte[] m = xpub.recvBytes();
        if (m == null) {
            fail("no " + (kind == 1 ? "subscription" : "cancellation") + " of '" + topic + "' arrived");
        }
        assertEquals(kind == 1 ? "\u0001" + topic : "\u0000" + topic, new String(m, StandardCharsets.UTF_8));
    }

    static byte[] subscription(int kind, String topic) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] m = new byte[t.length + 1];
        m[0] = (byte) kind;
        System.arraycopy(t, 0, m, 1, t.length);
        return m;
    }
}
