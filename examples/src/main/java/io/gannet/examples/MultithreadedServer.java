package io.gannet.examples;

import io.gannet.Context;
import io.gannet.ContextClosedException;
import io.gannet.Proxy;
import io.gannet.Socket;
import io.gannet.SocketType;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A multithreaded server: clients connect to one ROUTER; a {@link Proxy} passes their
 * requests to a DEALER bound to {@code inproc://workers}, which spreads them over REP worker
 * threads and brings the replies back. Threads share no state; they talk through inproc
 * sockets. A PAIR control socket tells the proxy to stop; closing the context ends the workers.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.MultithreadedServer [endpoint] [workers] [requests]
 * </pre>
 */
public final class MultithreadedServer {
    private MultithreadedServer() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5574";
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 20;

        ConcurrentHashMap<String, AtomicInteger> served = new ConcurrentHashMap<>();
        try (Context ctx = new Context()) {
            Socket clients = ctx.socket(SocketType.ROUTER);
            Socket workerQueue = ctx.socket(SocketType.DEALER);
            Socket control = ctx.socket(SocketType.PAIR);
            Socket controller = ctx.socket(SocketType.PAIR);
            clients.bind(endpoint);
            workerQueue.bind("inproc://workers");
            control.bind("inproc://proxy-control");
            controller.connect("inproc://proxy-control");

            for (int i = 1; i <= workers; i++) {
                String name = "worker-" + i;
                new Thread(() -> work(ctx, name, served), name).start();
            }
            Thread proxy = new Thread(() -> Proxy.start(clients, workerQueue, null, control), "proxy");
            proxy.start();

            try (Socket client = ctx.socket(SocketType.REQ)) {
                client.connect(clients.lastEndpoint());
                for (int i = 1; i <= requests; i++) {
                    client.send("request " + i);
                    String reply = client.recvString();
                    if (i <= 3 || i == requests) {
                        System.out.println("client: " + reply);
                    }
                }
            }
            controller.send("TERMINATE");
            proxy.join();
        } // closing the context ends the workers' blocked recv calls
        int total = 0;
        for (AtomicInteger n : served.values()) {
            total += n.get();
        }
        System.out.println("server: " + total + " requests served by " + served.size() + " worker thread(s)");
    }

    /** A REP worker: answers until the context closes. */
    private static void work(Context ctx, String name, ConcurrentHashMap<String, AtomicInteger> served) {
        try (Socket worker = ctx.socket(SocketType.REP)) {
            worker.connect("inproc://workers");
            for (;;) {
                String request = worker.recvString();
                worker.send(request + " handled by " + name);
                served.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            }
        } catch (ContextClosedException shuttingDown) {
            // The normal way out: the application closed the context.
        }
    }
}
