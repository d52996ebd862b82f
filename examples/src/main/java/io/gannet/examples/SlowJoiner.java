package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.util.concurrent.CountDownLatch;

/**
 * The slow-joiner problem, shown and solved. A PUB socket sends to the subscribers it has
 * right now; one that is still connecting misses what is published meanwhile.
 *
 * <ol>
 * <li><b>Naive start:</b> the publisher starts publishing at once and the subscriber joins
 *     a moment later: it receives fewer messages than were published.</li>
 * <li><b>Synchronised start:</b> the publisher uses XPUB, which hands each arriving
 *     subscription to the application, and publishes only after receiving it: the
 *     subscriber receives every message. (With several subscribers, wait for each.)</li>
 * </ol>
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.SlowJoiner [naiveEndpoint] [syncEndpoint] [messages]
 * </pre>
 */
public final class SlowJoiner {
    private SlowJoiner() {
    }

    public static void main(String[] args) throws Exception {
        String naiveEndpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5561";
        String syncEndpoint = args.length > 1 ? args[1] : "tcp://127.0.0.1:5562";
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 200;

        try (Context ctx = new Context()) {
            int naive = naiveStart(ctx, naiveEndpoint, messages);
            System.out.println("naive start: the subscriber received " + naive + " of " + messages
                    + " messages; " + (messages - naive) + " were published before its subscription arrived");
            int synced = synchronisedStart(ctx, syncEndpoint, messages);
            System.out.println("synchronised start: the subscriber received " + synced + " of " + messages
                    + " messages");
        }
    }

    private static int naiveStart(Context ctx, String endpoint, int messages) throws InterruptedException {
        try (Socket publisher = ctx.socket(SocketType.PUB)) {
            publisher.bind(endpoint);
            String at = publisher.lastEndpoint();
            CountDownLatch firstSent = new CountDownLatch(1);
            Thread pub = new Thread(() -> {
                for (int i = 1; i <= messages; i++) {
                    publisher.send("data " + i);
                    firstSent.countDown();
                    pause(); // a live feed: one update per millisecond
                }
                for (int i = 0; i < 100; i++) {
                    publisher.send("end"); // repeated: a single "end" could be missed too
                    pause();
                }
            }, "naive-publisher");
            pub.start();
            firstSent.await(); // the subscriber starts after publishing has begun
            int received = receive(ctx, at);
            pub.join();
            return received;
        }
    }

    private static int synchronisedStart(Context ctx, String endpoint, int messages) throws InterruptedException {
        try (Socket publisher = ctx.socket(SocketType.XPUB)) {
            publisher.bind(endpoint);
            String at = publisher.lastEndpoint();
            Thread pub = new Thread(() -> {
                // XPUB delivers each subscription as a message: 1 (subscribe) + the topic.
                try (Msg subscription = publisher.recv()) {
                    System.out.println("synchronised start: subscription for '"
                            + subscription.string().substring(1) + "' arrived, publishing now");
                }
                for (int i = 1; i <= messages; i++) {
                    publisher.send("data " + i);
                }
                publisher.send("end");
            }, "synced-publisher");
            pub.start();
            int received = receive(ctx, at);
            pub.join();
            return received;
        }
    }

    /** A subscriber that counts "data" messages until "end". */
    private static int receive(Context ctx, String endpoint) {
        try (Socket subscriber = ctx.socket(SocketType.SUB)) {
            subscriber.set(SocketOption.RCVTIMEO, 5000);
            subscriber.connect(endpoint);
            subscriber.subscribe("");
            int received = 0;
            String m;
            while ((m = subscriber.recvString()) != null && !m.equals("end")) {
                received++;
            }
            return received;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
