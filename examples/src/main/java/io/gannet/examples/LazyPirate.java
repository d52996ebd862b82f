package io.gannet.examples;

import java.time.Duration;
import java.util.List;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.patterns.reliability.LazyPirateClient;
import io.gannet.patterns.reliability.RequestFailedException;

/**
 * Lazy Pirate: a client that survives a server that loses requests. The server here ignores
 * every third request (as an overloaded or restarting server would); the client waits at most
 * 700 ms for each reply, resends on a fresh socket, and gets every answer. Then the server
 * stops for good, and the client gives up after three attempts with a clear error.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.LazyPirate [endpoint] [requests]
 * </pre>
 */
public final class LazyPirate {
    private LazyPirate() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5555";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 6;

        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.ROUTER)) {
            server.bind(endpoint);
            String bound = server.lastEndpoint();
            Thread serverThread = new Thread(() -> {
                // A ROUTER rather than a REP: a REP could not leave a request unanswered.
                int answered = 0;
                for (int seen = 1; answered < requests; seen++) {
                    byte[] client = server.recvBytes();
                    server.recvBytes();                       // the empty delimiter
                    String request = server.recvString();
                    if (seen % 3 == 0) {
                        System.out.println("server: dropping " + request);
                        continue;
                    }
                    server.sendMore(client);
                    server.sendMore(new byte[0]);
                    server.send("reply to " + request);
                    answered++;
                }
            }, "lazy-server");
            serverThread.start();

            try (LazyPirateClient client = LazyPirateClient.builder(ctx, bound)
                    .timeout(Duration.ofMillis(700)).attempts(3).build()) {
                for (int i = 1; i <= requests; i++) {
                    System.out.println("client: " + client.request("request " + i));
                }
                System.out.println("client: " + requests + " replies, " + client.resets() + " resends on a fresh socket");
                serverThread.join();
                try {
                    client.request(List.of("anyone there?".getBytes()));
                } catch (RequestFailedException e) {
                    System.out.println("client: giving up: " + e.getMessage());
                }
            }
        }
    }
}
