package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketType;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The socket monitor: what happens to a socket's connections, as events. A PULL server and a
 * PUSH client each get a {@link Monitor}; the client connects, sends one message and closes,
 * and both print the events they saw (listening, accepted, connected, handshakes,
 * disconnected, closed). Monitors only report network transports (tcp, ipc).
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.MonitorExample [endpoint]
 * </pre>
 */
public final class MonitorExample {
    private MonitorExample() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5571";

        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.PULL);
             Monitor serverEvents = server.monitor(EnumSet.allOf(SocketEvent.class))) {
            server.bind(endpoint);
            String at = server.lastEndpoint();

            Socket client = ctx.socket(SocketType.PUSH);
            Monitor clientEvents = client.monitor(EnumSet.allOf(SocketEvent.class));
            client.connect(at);
            client.send("hello");
            System.out.println("server received: " + server.recvString());
            client.close();

            // The client's last event is MONITOR_STOPPED; the server's, once the client is gone, DISCONNECTED.
            print("client", clientEvents, SocketEvent.MONITOR_STOPPED);
            print("server", serverEvents, SocketEvent.DISCONNECTED);
            clientEvents.close();
        }
    }

    /** Prints events until {@code last} (or two quiet seconds). */
    private static void print(String who, Monitor monitor, SocketEvent last) {
        MonitorEvent e;
        while ((e = monitor.next(Duration.ofSeconds(2))) != null) {
            System.out.println(who + ": " + e.event() + " " + e.endpoint()
                    + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")"));
            if (e.event() == last) {
                return;
            }
        }
    }
}
