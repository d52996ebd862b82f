package io.gannet.examples;

import java.time.Duration;
import java.util.List;

import io.gannet.Context;
import io.gannet.patterns.reliability.Heartbeat;
import io.gannet.patterns.reliability.MajordomoBroker;
import io.gannet.patterns.reliability.MajordomoClient;
import io.gannet.patterns.reliability.MajordomoWorker;

/**
 * Majordomo (RFC 7, MDP/0.1): a broker, workers for two services ({@code echo} and
 * {@code reverse}), and a client that asks for a service by name and checks which services
 * exist with {@code mmi.service} (RFC 8). Any MDP/0.1 peer (pyzmq, libzmq, JeroMQ) can be a
 * client or worker of this broker.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.Majordomo [endpoint]
 * </pre>
 */
public final class Majordomo {
    private Majordomo() {
    }

    public static void main(String[] args) {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5555";
        Heartbeat heartbeat = new Heartbeat(Duration.ofMillis(500), 3);

        try (Context ctx = new Context();
                MajordomoBroker broker = MajordomoBroker.builder(ctx, endpoint).heartbeat(heartbeat).build().start();
                MajordomoWorker echo = MajordomoWorker.builder(ctx, broker.endpoint(), "echo",
                        request -> List.of(request.get(0))).heartbeat(heartbeat).build().start();
                MajordomoWorker reverse = MajordomoWorker.builder(ctx, broker.endpoint(), "reverse",
                        request -> List.of(new StringBuilder(new String(request.get(0))).reverse().toString().getBytes()))
                        .heartbeat(heartbeat).build().start();
                MajordomoClient client = MajordomoClient.builder(ctx, broker.endpoint())
                        .timeout(Duration.ofSeconds(1)).attempts(5).build()) {
            System.out.println("echo: " + client.request("echo", "hello"));
            System.out.println("reverse: " + client.request("reverse", "hello"));
            for (String service : new String[] {"echo", "reverse", "weather"}) {
                System.out.println("mmi.service " + service + ": " + client.request("mmi.service", service));
            }
        }
    }
}
