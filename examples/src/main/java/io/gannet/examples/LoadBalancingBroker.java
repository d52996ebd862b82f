package io.gannet.examples;

import io.gannet.Context;
import io.gannet.ContextClosedException;
import io.gannet.Multipart;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A load-balancing broker: REQ clients connect to a frontend ROUTER, REQ workers to a backend
 * ROUTER. A worker announces itself with "READY" and then by each reply; the broker keeps a
 * queue of ready workers and hands each client request to the one that has waited longest.
 * It polls the frontend only while some worker is ready, so requests wait in the frontend's
 * queue instead of in the broker.
 *
 * <pre>
 * worker REQ receives: [client id]["" ][request]     (its REQ removed the first delimiter)
 * worker REQ replies:  [client id]["" ][reply]
 * </pre>
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.LoadBalancingBroker [frontend] [backend] [clients] [workers]
 * </pre>
 */
public final class LoadBalancingBroker {
    private LoadBalancingBroker() {
    }

    public static void main(String[] args) throws Exception {
        String frontendEndpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5575";
        String backendEndpoint = args.length > 1 ? args[1] : "tcp://127.0.0.1:5576";
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        try (Context ctx = new Context()) {
            Socket frontend = ctx.socket(SocketType.ROUTER);
            Socket backend = ctx.socket(SocketType.ROUTER);
            frontend.bind(frontendEndpoint);
            backend.bind(backendEndpoint);
            String clientsAt = frontend.lastEndpoint();
            String workersAt = backend.lastEndpoint();
            for (int i = 1; i <= workers; i++) {
                String name = "worker-" + i;
                new Thread(() -> worker(ctx, name, workersAt), name).start();
            }
            Thread[] clientThreads = new Thread[clients];
            for (int i = 1; i <= clients; i++) {
                String name = "client-" + i;
                clientThreads[i - 1] = new Thread(() -> client(ctx, name, clientsAt), name);
                clientThreads[i - 1].start();
            }

            ArrayDeque<byte[]> readyWorkers = new ArrayDeque<>();
            try (Poller poller = new Poller()) {
                int back = poller.register(backend, Poller.POLLIN);
                int front = poller.register(frontend, 0);
                int replies = 0;
                while (replies < clients) {
                    poller.register(frontend, readyWorkers.isEmpty() ? 0 : Poller.POLLIN);
                    poller.poll(-1);
                    if (poller.isReadable(back)) {
                        // [worker id][""][READY] or [worker id][""][client id][""][reply]
                        try (Multipart m = backend.recvMultipart()) {
                            readyWorkers.add(m.get(0).bytes());
                            if (m.size() == 5) {
                                frontend.sendMore(m.get(2).bytes());
                                frontend.sendMore("");
                                frontend.send(m.get(4).bytes());
                                replies++;
                            }
                        }
                    }
                    if (poller.isReadable(front)) {
                        // [client id][""][request] goes to the worker that has waited longest.
                        try (Multipart m = frontend.recvMultipart()) {
                            backend.sendMore(readyWorkers.poll());
                            backend.sendMore("");
                            backend.sendMore(m.get(0).bytes());
                            backend.sendMore("");
                            backend.send(m.get(2).bytes());
                        }
                    }
                }
                System.out.println("broker: " + replies + " requests load-balanced over " + workers + " workers");
            }
            for (Thread t : clientThreads) {
                t.join(); // every client has its reply before the context closes
            }
        } // closing the context ends the workers waiting for work
    }

    private static void client(Context ctx, String name, String endpoint) {
        try (Socket req = ctx.socket(SocketType.REQ)) {
            req.set(SocketOption.ROUTING_ID, name.getBytes(StandardCharsets.UTF_8));
            req.connect(endpoint);
            req.send("HELLO from " + name);
            System.out.println(name + ": " + req.recvString());
        }
    }

    private static void worker(Context ctx, String name, String endpoint) {
        try (Socket req = ctx.socket(SocketType.REQ)) {
            req.connect(endpoint);
            req.send("READY");
            for (;;) {
                try (Multipart m = req.recvMultipart()) {
                    req.sendMore(m.get(0).bytes());
                    req.sendMore("");
                    req.send("OK from " + name);
                }
            }
        } catch (ContextClosedException shuttingDown) {
            // The broker is done.
        }
    }
}
