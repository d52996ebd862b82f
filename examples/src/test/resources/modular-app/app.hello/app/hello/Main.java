package app.hello;

import io.gannet.Context;
import io.gannet.Socket;
import io.gannet.SocketType;

/** REQ/REP over tcp and inproc, run from the module path; prints one line per transport. */
public final class Main {
    public static void main(String[] args) throws Exception {
        try (Context ctx = new Context()) {
            for (String endpoint : new String[] {"tcp://127.0.0.1:*", "inproc://hello"}) {
                try (Socket server = ctx.socket(SocketType.REP);
                     Socket client = ctx.socket(SocketType.REQ)) {
                    server.bind(endpoint);
                    client.connect(server.lastEndpoint());
                    Thread t = new Thread(() -> server.send(server.recvString() + ", World"));
                    t.start();
                    client.send("Hello");
                    String reply = client.recvString();
                    t.join();
                    System.out.println(endpoint.substring(0, endpoint.indexOf(':')) + ": " + reply);
                }
            }
        }
        System.out.println("module: " + Main.class.getModule().getName());
    }
}
