package io.gannet.examples;

import java.time.Duration;
import java.util.List;

import io.gannet.Context;
import io.gannet.patterns.reliability.FreelanceClient;
import io.gannet.patterns.reliability.FreelanceServer;
import io.gannet.patterns.reliability.RequestHandler;

/**
 * Freelance (the Guide's model 3): no broker. A client connects to three servers, pings them,
 * and spreads its requests over those that answer. One server is stopped; the client notices
 * when its pings go unanswered and carries on with the other two.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.Freelance [endpoint-prefix]
 * </pre>
 * With the default prefix {@code tcp://127.0.0.1:} the servers bind any free port.
 */
public final class Freelance {
    private Freelance() {
    }

    public static void main(String[] args) {
        String prefix = args.length > 0 ? args[0] : "tcp://127.0.0.1:";
        try (Context ctx = new Context();
                FreelanceClient client = FreelanceClient.builder(ctx).timeout(Duration.ofSeconds(3))
                        .pingInterval(Duration.ofMillis(100)).serverTtl(Duration.ofMillis(300)).build()) {
            FreelanceServer[] servers = new FreelanceServer[3];
            for (int i = 0; i < servers.length; i++) {
                String name = "server-" + (i + 1);
                RequestHandler named = request -> List.of((name + " answers " + new String(request.get(0))).getBytes());
                servers[i] = new FreelanceServer(ctx, prefix + (prefix.startsWith("tcp") ? "*" : name), named).start();
                client.connect(servers[i].endpoint());
            }
            for (int i = 1; i <= 6; i++) {
                System.out.println("client: " + client.request("request " + i));
            }
            servers[2].close();
            System.out.println("server-3 stopped");
            for (int i = 7; i <= 12; i++) {
                System.out.println("client: " + client.request("request " + i));
            }
            servers[0].close();
            servers[1].close();
        }
    }
}
