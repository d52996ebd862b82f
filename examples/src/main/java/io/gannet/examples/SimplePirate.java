package io.gannet.examples;

import java.time.Duration;
import java.util.List;

import io.gannet.Context;
import io.gannet.patterns.reliability.LazyPirateClient;
import io.gannet.patterns.reliability.RequestHandler;
import io.gannet.patterns.reliability.SimplePirateQueue;
import io.gannet.patterns.reliability.SimplePirateWorker;

/**
 * Simple Pirate: Lazy Pirate clients in front of a least-recently-used queue of workers. Two
 * workers share the requests; one is then stopped, and the client's retry carries the
 * request the queue still sent to it over to the other.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.SimplePirate [frontend] [backend]
 * </pre>
 */
public final class SimplePirate {
    private SimplePirate() {
    }

    public static void main(String[] args) {
        String frontend = args.length > 0 ? args[0] : "tcp://127.0.0.1:5555";
        String backend = args.length > 1 ? args[1] : "tcp://127.0.0.1:5556";
        RequestHandler upper = request -> List.of(new String(request.get(0)).toUpperCase().getBytes());

        try (Context ctx = new Context(); SimplePirateQueue queue = new SimplePirateQueue(ctx, frontend, backend).start();
                SimplePirateWorker steady = new SimplePirateWorker(ctx, queue.backendEndpoint(), upper).start();
                LazyPirateClient client = LazyPirateClient.builder(ctx, queue.frontendEndpoint())
                        .timeout(Duration.ofSeconds(1)).attempts(3).build()) {
            SimplePirateWorker leaving = new SimplePirateWorker(ctx, queue.backendEndpoint(), upper).start();
            for (int i = 1; i <= 4; i++) {
                System.out.println("client: " + client.request("hello " + i));
            }
            leaving.close();
            System.out.println("one worker stopped");
            for (int i = 5; i <= 8; i++) {
                System.out.println("client: " + client.request("hello " + i));
            }
            // At least once: a request resent after a timeout may have been served twice.
            System.out.println("8 replies; workers handled " + (steady.served() + leaving.served())
                    + " requests, " + client.resets() + " resent");
        }
    }
}
