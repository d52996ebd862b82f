package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publish-subscribe with topic filters: a weather station PUBlishes "zipcode temperature
 * humidity" updates for ten zip codes; each subscriber SUBscribes to one zip code's prefix
 * and receives only those updates (the publisher does the filtering). The publisher never
 * waits for anyone; it publishes until every subscriber has had its fill.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.WeatherUpdates [endpoint] [updatesPerSubscriber]
 * </pre>
 */
public final class WeatherUpdates {
    private static final String[] ZIP_CODES = {"10001", "10005", "10009"};

    private WeatherUpdates() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5556";
        int updates = args.length > 1 ? Integer.parseInt(args[1]) : 100;

        try (Context ctx = new Context(); Socket publisher = ctx.socket(SocketType.PUB)) {
            publisher.bind(endpoint);
            String at = publisher.lastEndpoint();
            CountDownLatch satisfied = new CountDownLatch(ZIP_CODES.length);
            Thread[] subscribers = new Thread[ZIP_CODES.length];
            for (int i = 0; i < ZIP_CODES.length; i++) {
                String zip = ZIP_CODES[i];
                subscribers[i] = new Thread(() -> {
                    subscribe(ctx, at, zip, updates);
                    satisfied.countDown();
                }, "subscriber-" + zip);
                subscribers[i].start();
            }

            ThreadLocalRandom random = ThreadLocalRandom.current();
            long published = 0;
            while (satisfied.getCount() > 0) {
                int zip = 10000 + random.nextInt(10);
                int temperature = random.nextInt(-20, 40);
                int humidity = random.nextInt(10, 60);
                publisher.send(String.format("%05d %d %d", zip, temperature, humidity));
                published++;
                if ((published & 1023) == 0) {
                    Thread.yield(); // let subscribers keep up rather than fill their queues
                }
            }
            for (Thread t : subscribers) {
                t.join();
            }
            System.out.println("publisher: done after publishing " + published + " updates for 10 zip codes");
        }
    }

    /** One subscriber: collects {@code updates} reports for {@code zip} and prints the average. */
    private static void subscribe(Context ctx, String endpoint, String zip, int updates) {
        try (Socket subscriber = ctx.socket(SocketType.SUB)) {
            subscriber.connect(endpoint);
            subscriber.subscribe(zip + " "); // a prefix; the space keeps "1000" from matching "10001"
            long total = 0;
            int others = 0;
            for (int i = 0; i < updates; i++) {
                String[] fields = subscriber.recvString().split(" ");
                if (!fields[0].equals(zip)) {
                    others++;
                }
                total += Integer.parseInt(fields[1]);
            }
            System.out.printf("subscriber %s: %d updates, average temperature %.1f C, %d for other zip codes%n",
                    zip, updates, total / (double) updates, others);
        }
    }
}
