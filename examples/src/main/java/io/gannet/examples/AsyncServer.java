package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.charset.StandardCharsets;

/**
 * An asynchronous server with ROUTER and DEALER: DEALER clients send all their requests at
 * once, without waiting for replies; the ROUTER server receives each request prefixed with
 * the routing id of the client that sent it, and uses that id to route two replies back (an
 * acknowledgement and a result). Neither side is locked into REQ/REP's strict send-receive
 * alternation.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.AsyncServer [endpoint] [clients] [requestsPerClient]
 * </pre>
 */
public final class AsyncServer {
    private AsyncServer() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5570";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.ROUTER)) {
            server.bind(endpoint);
            String at = server.lastEndpoint();
            Thread[] pool = new Thread[clients];
            for (int c = 0; c < clients; c++) {
                String name = "client-" + (c + 1);
                pool[c] = new Thread(() -> client(ctx, at, name, requests), name);
                pool[c].start();
            }

            for (int served = 0; served < clients * requests; served++) {
                try (Multipart request = server.recvMultipart()) {
                    // [routing id of the client][request]: the id is the return address.
                    byte[] client = request.get(0).bytes();
                    String body = request.getString(1);
                    server.sendMore(client);
                    server.send("ack " + body);
                    server.sendMore(client);
                    server.send("result of " + body + " is " + body.length());
                }
            }
            System.out.println("server: served " + clients * requests + " requests from " + clients + " clients");
            for (Thread t : pool) {
                t.join();
            }
        }
    }

    /** Sends every request first, then collects two replies per request. */
    private static void client(Context ctx, String endpoint, String name, int requests) {
        try (Socket dealer = ctx.socket(SocketType.DEALER)) {
            dealer.set(SocketOption.ROUTING_ID, name.getBytes(StandardCharsets.UTF_8));
            dealer.connect(endpoint);
            for (int i = 1; i <= requests; i++) {
                dealer.send(name + "/request-" + i);
            }
            int acks = 0;
            int results = 0;
            while (results < requests) {
                String reply = dealer.recvString();
                if (reply.startsWith("ack ")) {
                    acks++;
                } else {
                    results++;
                }
            }
            System.out.println(name + ": sent " + requests + " requests at once, got " + acks + " acks and "
                    + results + " results");
        }
    }
}
