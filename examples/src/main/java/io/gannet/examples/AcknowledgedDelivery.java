package io.gannet.examples;

import io.gannet.Context;
import io.gannet.patterns.delivery.Confirm;
import io.gannet.patterns.delivery.Consumer;
import io.gannet.patterns.delivery.Delivery;
import io.gannet.patterns.delivery.Message;
import io.gannet.patterns.delivery.Producer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Acknowledged delivery: a producer publishes orders and learns the fate of each one (a
 * publisher confirm); two consumers with a prefetch of 10 process them and ack, except that
 * one order is poison: it is rejected and goes to the dead-letter handler with the reason.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.AcknowledgedDelivery [endpoint] [orders]
 * </pre>
 */
public final class AcknowledgedDelivery {
    private AcknowledgedDelivery() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:*";
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        AtomicInteger processed = new AtomicInteger();
        AtomicBoolean allConfirmed = new AtomicBoolean();

        try (Context ctx = new Context();
             Producer producer = Producer.builder(ctx).name("orders")
                     .deadLetters(letter -> System.out.println("dead letter: " + letter.id() + " "
                             + letter.deathHeaders().get("x-death-reason") + " (" + letter.detail() + ")"))
                     .build()) {
            String bound = producer.bind(endpoint);
            System.out.println("producer bound " + bound);

            List<Thread> workers = new ArrayList<>();
            List<Consumer> consumers = new ArrayList<>();
            for (int w = 1; w <= 2; w++) {
                Consumer consumer = Consumer.builder(ctx).prefetch(10).build();
                consumer.connect(bound);
                consumers.add(consumer);
                Thread worker = new Thread(() -> {
                    try {
                        while (!allConfirmed.get()) {
                            Delivery d = consumer.receive(Duration.ofMillis(100));
                            if (d == null) {
                                continue;
                            }
                            if (d.headers().containsKey("poison")) {
                                d.reject(false, "cannot process order " + d.bodyText());
                            } else {
                                processed.incrementAndGet();
                                d.ack();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "consumer-" + w);
                worker.start();
                workers.add(worker);
            }

            List<CompletableFuture<Confirm>> confirms = new ArrayList<>();
            for (int i = 1; i <= orders; i++) {
                Message order = Message.of("order " + i).withId("order-" + i);
                if (i == 7) {
                    order = order.withHeader("poison", "yes");
                }
                confirms.add(producer.publish(order));
            }
            int acked = 0;
            int dead = 0;
            for (CompletableFuture<Confirm> f : confirms) {
                if (f.get().acknowledged()) {
                    acked++;
                } else {
                    dead++;
                }
            }
            allConfirmed.set(true);
            System.out.println("confirms: " + acked + " acknowledged, " + dead + " dead-lettered");
            for (Thread worker : workers) {
                worker.join();
            }
            consumers.forEach(Consumer::close);
            System.out.println("consumers processed " + processed.get() + " orders");
        }
    }
}
