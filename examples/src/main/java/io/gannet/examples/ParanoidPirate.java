package io.gannet.examples;

import java.time.Duration;
import java.util.List;

import io.gannet.Context;
import io.gannet.patterns.reliability.Heartbeat;
import io.gannet.patterns.reliability.LazyPirateClient;
import io.gannet.patterns.reliability.ParanoidPirateQueue;
import io.gannet.patterns.reliability.ParanoidPirateWorker;
import io.gannet.patterns.reliability.RequestHandler;
import io.gannet.ErrorCode;
import io.gannet.GannetException;

/**
 * Paranoid Pirate (RFC 6): a queue and workers that heartbeat each other. The queue is
 * stopped and started again on the same endpoints; the workers notice the silence after
 * three heartbeats, reconnect with back-off, and the client, which kept resending, gets its
 * reply from the new queue.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.ParanoidPirate [frontend] [backend]
 * </pre>
 */
public final class ParanoidPirate {
    private ParanoidPirate() {
    }

    public static void main(String[] args) throws Exception {
        String frontend = args.length > 0 ? args[0] : "tcp://127.0.0.1:5555";
        String backend = args.length > 1 ? args[1] : "tcp://127.0.0.1:5556";
        Heartbeat heartbeat = new Heartbeat(Duration.ofMillis(100), 3);   // fast, for a demo
        RequestHandler echo = request -> List.of(request.get(0));

        try (Context ctx = new Context()) {
            ParanoidPirateQueue queue = new ParanoidPirateQueue(ctx, frontend, backend, heartbeat).start();
            frontend = queue.frontendEndpoint();
            backend = queue.backendEndpoint();
            try (ParanoidPirateWorker worker = ParanoidPirateWorker.builder(ctx, backend, echo).heartbeat(heartbeat)
                    .reconnect(Duration.ofMillis(100), Duration.ofSeconds(1)).build().start();
                    LazyPirateClient client = LazyPirateClient.builder(ctx, frontend)
                            .timeout(Duration.ofMillis(500)).attempts(20).build()) {
                System.out.println("client: " + client.request("before the restart"));
                queue.close();
                System.out.println("queue stopped");
                while (worker.reconnects() == 0) {
                    Thread.onSpinWait();
                    Thread.sleep(10);
                }
                System.out.println("worker: queue silent for " + heartbeat.expiry().toMillis() + " ms, reconnecting");
                queue = restart(ctx, frontend, backend, heartbeat);
                System.out.println("queue started again");
                System.out.println("client: " + client.request("after the restart"));
            } finally {
                queue.close();
            }
        }
    }

    /** The old queue's endpoints may take a moment to be free again (tcp's listener closes asynchronously). */
    private static ParanoidPirateQueue restart(Context ctx, String frontend, String backend, Heartbeat heartbeat)
            throws InterruptedException {
        while (true) {
            try {
                return new ParanoidPirateQueue(ctx, frontend, backend, heartbeat).start();
            } catch (GannetException e) {
                if (e.code() != ErrorCode.EADDRINUSE) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }
}
