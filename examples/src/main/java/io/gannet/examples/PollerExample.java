package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Poller;
import io.gannet.Socket;
import io.gannet.SocketType;

/**
 * One thread reading several sockets with a {@link Poller}: a PULL socket gets tasks from a
 * ventilator and a SUB socket gets weather updates from a publisher, both at their own pace.
 * The poller wakes the thread when either has a message, so neither waits behind the other.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.PollerExample [tasksEndpoint] [weatherEndpoint] [messages]
 * </pre>
 */
public final class PollerExample {
    private PollerExample() {
    }

    public static void main(String[] args) throws Exception {
        String tasksEndpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5572";
        String weatherEndpoint = args.length > 1 ? args[1] : "tcp://127.0.0.1:5573";
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 20;

        try (Context ctx = new Context();
             Socket ventilator = ctx.socket(SocketType.PUSH);
             Socket publisher = ctx.socket(SocketType.XPUB);
             Socket tasks = ctx.socket(SocketType.PULL);
             Socket weather = ctx.socket(SocketType.SUB);
             Poller poller = new Poller()) {
            ventilator.bind(tasksEndpoint);
            publisher.bind(weatherEndpoint);
            tasks.connect(ventilator.lastEndpoint());
            weather.connect(publisher.lastEndpoint());
            weather.subscribe("weather ");

            Thread ventilate = new Thread(() -> {
                for (int i = 1; i <= messages; i++) {
                    ventilator.send("task " + i);
                }
                ventilator.send("END");
            }, "ventilator");
            Thread publish = new Thread(() -> {
                publisher.recv().close(); // XPUB: wait for the subscription (no slow joiner)
                for (int i = 1; i <= messages; i++) {
                    publisher.send("weather " + (15 + i % 10) + "C");
                }
                publisher.send("weather END");
            }, "publisher");
            ventilate.start();
            publish.start();

            int t = poller.register(tasks, Poller.POLLIN);
            int w = poller.register(weather, Poller.POLLIN);
            int taskCount = 0;
            int updateCount = 0;
            int open = 2;
            while (open > 0) {
                poller.poll(-1); // wait, without limit, until either socket has a message
                if (poller.isReadable(t)) {
                    try (Msg m = tasks.recv()) {
                        if (m.string().equals("END")) {
                            open--;
                            poller.unregister(tasks);
                        } else {
                            taskCount++;
                        }
                    }
                }
                if (poller.isReadable(w)) {
                    try (Msg m = weather.recv()) {
                        if (m.string().equals("weather END")) {
                            open--;
                            poller.unregister(weather);
                        } else {
                            updateCount++;
                        }
                    }
                }
            }
            ventilate.join();
            publish.join();
            System.out.println("one thread received " + taskCount + " tasks and " + updateCount
                    + " weather updates from two sockets");
        }
    }
}
