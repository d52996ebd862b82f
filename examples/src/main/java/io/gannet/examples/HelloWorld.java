package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;

/**
 * Hello world, request-reply: a REP server answers "World" to every "Hello" a REQ client sends.
 * Both run in this process (the server on its own thread); the client connects to the endpoint
 * the server actually bound, so {@code tcp://127.0.0.1:*} (any free port) works too.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.HelloWorld [endpoint] [requests]
 * </pre>
 */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5555";
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 5;

        try (Context ctx = new Context();
             Socket server = ctx.socket(SocketType.REP);
             Socket client = ctx.socket(SocketType.REQ)) {
            server.bind(endpoint);
            String bound = server.lastEndpoint();
            System.out.println("server listening on " + bound);

            Thread serverThread = new Thread(() -> {
                for (int i = 0; i < requests; i++) {
                    String request = server.recvString();
                    System.out.println("server received: " + request);
                    server.send("World");
                }
            }, "hello-server");
            serverThread.start();

            client.connect(bound);
            for (int i = 1; i <= requests; i++) {
                client.send("Hello");
                String reply = client.recvString();
                System.out.println("client received reply " + i + ": " + reply);
            }
            serverThread.join();
        }
    }
}
