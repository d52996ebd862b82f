package io.gannet.examples;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Proxy;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * A proxy with capture: an XSUB/XPUB forwarder sits between publishers and subscribers, so
 * each side knows one address only. Subscriptions travel from the subscribers through the
 * proxy to the publishers, data the other way, and a capture socket gets a copy of every
 * frame the proxy moves (here a PUSH to a PULL that counts them). A control socket stops the
 * proxy at the end.
 *
 * <pre>
 *  publisher ──► XSUB [ Proxy ] XPUB ──► subscriber
 *                        │ capture
 *                        ▼
 *                      PUSH ──► PULL (counts)
 * </pre>
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.ProxyWithCapture [frontend] [backend] [messages]
 * </pre>
 */
public final class ProxyWithCapture {
    private ProxyWithCapture() {
    }

    public static void main(String[] args) throws Exception {
        String frontendEndpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:5577";
        String backendEndpoint = args.length > 1 ? args[1] : "tcp://127.0.0.1:5578";
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 10;

        try (Context ctx = new Context()) {
            Socket frontend = ctx.socket(SocketType.XSUB);
            Socket backend = ctx.socket(SocketType.XPUB);
            Socket capture = ctx.socket(SocketType.PUSH);
            Socket captured = ctx.socket(SocketType.PULL);
            Socket control = ctx.socket(SocketType.PAIR);
            Socket controller = ctx.socket(SocketType.PAIR);
            frontend.bind(frontendEndpoint);
            backend.bind(backendEndpoint);
            captured.bind("inproc://capture");
            capture.connect("inproc://capture");
            capture.set(SocketOption.SNDHWM, 0); // the capture must never hold the proxy up
            control.bind("inproc://control");
            controller.connect("inproc://control");
            Thread proxy = new Thread(() -> Proxy.start(frontend, backend, capture, control), "proxy");
            proxy.start();

            try (Socket subscriber = ctx.socket(SocketType.SUB); Socket publisher = ctx.socket(SocketType.XPUB)) {
                subscriber.connect(backend.lastEndpoint());
                subscriber.subscribe("news ");
                publisher.connect(frontend.lastEndpoint());
                // The subscription reaches the publisher through the proxy: then nothing is missed.
                publisher.recv().close();
                for (int i = 1; i <= messages; i++) {
                    publisher.send("news " + i);
                    publisher.send("sport " + i); // nobody subscribed: filtered at the publisher
                }
                int received = 0;
                for (int i = 0; i < messages; i++) {
                    subscriber.recvString();
                    received++;
                }
                System.out.println("subscriber: received " + received + " of " + messages + " news messages");
            }
            controller.send("TERMINATE");
            proxy.join();

            // XPUB passes subscriptions on as messages: first byte 1 subscribes, 0 cancels.
            int subscriptions = 0;
            int cancellations = 0;
            int data = 0;
            try (Msg frame = new Msg()) {
                while (captured.recv(frame, Socket.DONTWAIT)) {
                    byte first = frame.size() > 0 ? frame.data().getByte(frame.data().readerIndex()) : -1;
                    if (first == 1) {
                        subscriptions++;
                    } else if (first == 0) {
                        cancellations++;
                    } else {
                        data++;
                    }
                }
            }
            System.out.println("capture: saw " + data + " data message(s), " + subscriptions + " subscription(s)"
                    + " and " + cancellations + " cancellation(s)");
        }
    }
}
