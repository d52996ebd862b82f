package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Divide and conquer with a pipeline: a ventilator PUSHes tasks, workers PULL them, do the
 * work and PUSH results to a sink that PULLs them all. Adding workers adds throughput; no
 * worker knows about the others.
 *
 * <p>PUSH hands tasks only to workers that are already connected, so the ventilator waits
 * until every worker has said READY (through the sink) before it starts; otherwise the
 * first worker to connect would get most of the batch.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.DivideAndConquer \
 *     [ventilatorEndpoint] [sinkEndpoint] [tasks] [workers]
 * </pre>
 */
public final class DivideAndConquer {
    private DivideAndConquer() {
    }

    public static void main(String[] args) throws Exception {
        String ventilatorEndpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5557";
        String sinkEndpoint = args.length > 1 ? args[1] : "tcp://127.0.0.1:5558";
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 4;

        try (Context ctx = new Context();
             Socket ventilator = ctx.socket(SocketType.PUSH);
             Socket sink = ctx.socket(SocketType.PULL)) {
            ventilator.bind(ventilatorEndpoint);
            sink.bind(sinkEndpoint);
            String tasksAt = ventilator.lastEndpoint();
            String resultsAt = sink.lastEndpoint();

            Thread[] pool = new Thread[workers];
            for (int w = 0; w < workers; w++) {
                String name = "worker-" + (w + 1);
                pool[w] = new Thread(() -> work(ctx, name, tasksAt, resultsAt), name);
                pool[w].start();
            }

            // The sink runs on its own thread so that it is already collecting when tasks flow.
            CountDownLatch allReady = new CountDownLatch(1);
            Thread sinkThread = new Thread(() -> collect(sink, workers, tasks, allReady), "sink");
            sinkThread.start();
            allReady.await();

            long totalCost = 0;
            for (int i = 0; i < tasks; i++) {
                int cost = ThreadLocalRandom.current().nextInt(1, 3); // milliseconds of "work"
                totalCost += cost;
                ventilator.send(Integer.toString(cost));
            }
            System.out.println("ventilator: sent " + tasks + " tasks, " + totalCost + " ms of work in total");
            for (int i = 0; i < workers; i++) {
                ventilator.send("STOP"); // one per worker: PUSH deals them out round-robin
            }
            sinkThread.join();
            for (Thread t : pool) {
                t.join();
            }
        }
    }

    /** A worker: does tasks until it receives STOP; results go to the sink. */
    private static void work(Context ctx, String name, String tasksAt, String resultsAt) {
        try (Socket receiver = ctx.socket(SocketType.PULL);
             Socket sender = ctx.socket(SocketType.PUSH)) {
            receiver.connect(tasksAt);
            sender.connect(resultsAt);
            sender.send("READY " + name);
            for (;;) {
                String task = receiver.recvString();
                if (task.equals("STOP")) {
                    return;
                }
                try {
                    Thread.sleep(Integer.parseInt(task));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                sender.send("DONE " + name);
            }
        }
    }

    /** The sink: waits for every worker's READY, then counts results per worker. */
    private static void collect(Socket sink, int workers, int tasks, CountDownLatch allReady) {
        for (int i = 0; i < workers; i++) {
            sink.recvString();
        }
        allReady.countDown();
        long start = System.nanoTime();
        Map<String, Integer> perWorker = new TreeMap<>();
        for (int i = 0; i < tasks; i++) {
            String result = sink.recvString();
            perWorker.merge(result.substring("DONE ".length()), 1, Integer::sum);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("sink: received " + tasks + " results in " + ms + " ms");
        perWorker.forEach((worker, n) -> System.out.println("sink: " + worker + " did " + n + " tasks"));
    }
}
