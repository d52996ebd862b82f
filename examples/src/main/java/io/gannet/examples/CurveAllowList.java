package io.gannet.examples;

import io.gannet.Context;
import io.gannet.CurveCertificate;
import io.gannet.CurveKeyPair;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.auth.Authenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Comparator;

/**
 * CURVE request-reply with a ZAP allow-list: the server lets in only the clients whose public
 * certificates are in its {@code clients} directory. Alice's is, so her request is answered
 * (and the server sees her key as the message's {@code User-Id}); Mallory's is not, so her
 * handshake is refused with ZAP status 400. In real life the certificates are made with
 * {@code gannet keygen --cert} on each machine; here they go to a temporary directory.
 *
 * <pre>
 * java -cp examples/target/gannet.jar io.gannet.examples.CurveAllowList [endpoint]
 * </pre>
 */
public final class CurveAllowList {
    private CurveAllowList() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "tcp://127.0.0.1:*";
        Path dir = Files.createTempDirectory("curve-allow-list");
        Path clients = Files.createDirectory(dir.resolve("clients"));
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair alice = CurveKeyPair.generate();
        CurveCertificate.of(alice, Map.of("name", "alice")).save(clients.resolve("alice.key"));
        CurveKeyPair mallory = CurveKeyPair.generate();

        try (Context ctx = new Context();
             Authenticator auth = Authenticator.start(ctx).curveCertificates("*", clients).verbose(true);
             Socket rep = ctx.socket(SocketType.REP)) {
            rep.set(SocketOption.CURVE_SERVER, true);
            rep.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
            rep.bind(endpoint);
            String bound = rep.lastEndpoint();
            System.out.println("server listening on " + bound + " with key " + server.publicKeyZ85());

            try (Socket req = client(ctx, server, alice)) {
                req.connect(bound);
                req.send("hello from alice");
                try (Msg request = rep.recv()) {
                    System.out.println("server received '" + request.string() + "' from " + request.property("User-Id"));
                    rep.send("welcome, alice");
                }
                System.out.println("alice received: " + req.recvString());
            }

            try (Socket req = client(ctx, server, mallory);
                 Monitor monitor = req.monitor(EnumSet.of(SocketEvent.HANDSHAKE_FAILED_AUTH))) {
                req.connect(bound);
                MonitorEvent refused = monitor.next(Duration.ofSeconds(10));
                System.out.println("mallory: " + (refused == null ? "no answer" : refused.event() + " " + refused.value()));
            }
        } finally {
            server.destroy();
            alice.destroy();
            mallory.destroy();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Socket client(Context ctx, CurveKeyPair server, CurveKeyPair mine) {
        Socket req = ctx.socket(SocketType.REQ);
        req.set(SocketOption.LINGER, 0);
        req.set(SocketOption.CURVE_SERVERKEY, server.publicKey());
        req.set(SocketOption.CURVE_SECRETKEY, mine.secretKey());
        return req;
    }
}
