package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import io.gannet.transports.interop.GannetSide;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Authenticator behind Gannet's own PLAIN, CURVE and NULL servers, end to end over tcp:
 * what it allows gets through with its user id on the messages, what it refuses ends in the
 * client's HANDSHAKE_FAILED_AUTH with the ZAP status code.
 */
class AuthenticatorServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Context ctx;
    private Authenticator auth;
    private final CurveKeyPair server = CurveKeyPair.generate();

    @BeforeEach
    void start() {
        ctx = new Context();
        auth = Authenticator.start(ctx);
    }

    @AfterEach
    void stop() {
        auth.close();
        ctx.close();
    }

    private Socket rep(SocketOption<Boolean> mechanism) {
        Socket rep = ctx.socket(SocketType.REP);
        rep.set(SocketOption.LINGER, 0);
        if (mechanism != null) {
            rep.set(mechanism, true);
        }
        if (mechanism == SocketOption.CURVE_SERVER) {
            rep.set(SocketOption.CURVE_SECRETKEY, server.secretKey());
        }
        return rep;
    }

    private Socket curveClient(CurveKeyPair client) {
        Socket req = ctx.socket(SocketType.REQ);
        req.set(SocketOption.LINGER, 0);
        req.set(SocketOption.CURVE_SERVERKEY, server.publicKey());
        req.set(SocketOption.CURVE_SECRETKEY, client.secretKey());
        return req;
    }

    private Socket plainClient(String user, String password) {
        Socket req = ctx.socket(SocketType.REQ);
        req.set(SocketOption.LINGER, 0);
        req.set(SocketOption.PLAIN_USERNAME, user.getBytes(StandardCharsets.UTF_8));
        req.set(SocketOption.PLAIN_PASSWORD, password.getBytes(StandardCharsets.UTF_8));
        return req;
    }

    /** One request; returns the User-Id the server saw on it. */
    private static String roundTrip(Socket req, Socket rep) {
        req.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
        rep.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
        req.send("hello");
        try (Msg request = rep.recv()) {
            assertNotNull(request, "the request arrived");
            rep.send("world");
            assertEquals("world", req.recvString());
            return request.property("User-Id");
        }
    }

    /** Connects {@code req} and expects the server to refuse it with {@code status}. */
    private static void assertRefused(Socket req, Socket rep, int status) {
        try (Monitor m = GannetSide.monitorAll(req)) {
            req.connect(rep.lastEndpoint());
            MonitorEvent failed = GannetSide.await(m, SocketEvent.HANDSHAKE_FAILED_AUTH);
            assertEquals(status, failed.value(), failed.toString());
        }
    }

    @Test
    void curveLetsInTheCertificatesOfTheDirectoryOnly() throws Exception {
        CurveKeyPair alice = CurveKeyPair.generate();
        CurveCertificate.of(alice, Map.of("name", "alice")).save(dir.resolve("alice.key"));
        auth.curveCertificates("*", dir);
        try (Socket rep = rep(SocketOption.CURVE_SERVER); Socket req = curveClient(alice);
             Socket stranger = curveClient(CurveKeyPair.generate())) {
            rep.bind("tcp://127.0.0.1:*");
            req.connect(rep.lastEndpoint());
            assertEquals(alice.publicKeyZ85(), roundTrip(req, rep));
            assertRefused(stranger, rep, 400);
        }
    }

    @Test
    void curveAnyKeyLetsEveryClientIn() {
        auth.curveAnyKey("*");
        CurveKeyPair anyone = CurveKeyPair.generate();
        try (Socket rep = rep(SocketOption.CURVE_SERVER); Socket req = curveClient(anyone)) {
            rep.bind("tcp://127.0.0.1:*");
            req.connect(rep.lastEndpoint());
            assertEquals(anyone.publicKeyZ85(), roundTrip(req, rep));
        }
    }

    @Test
    void plainChecksThePassword() {
        auth.plainPasswords("*", Map.of("admin", "secret"));
        try (Socket rep = rep(SocketOption.PLAIN_SERVER); Socket req = plainClient("admin", "secret");
             Socket wrong = plainClient("admin", "guess")) {
            rep.bind("tcp://127.0.0.1:*");
            req.connect(rep.lastEndpoint());
            assertEquals("admin", roundTrip(req, rep));
            assertRefused(wrong, rep, 400);
        }
    }

    @Test
    void aDeniedAddressIsRefusedWhateverItsPassword() {
        auth.plainPasswords("*", Map.of("admin", "secret")).deny("127.0.0.1");
        try (Socket rep = rep(SocketOption.PLAIN_SERVER); Socket req = plainClient("admin", "secret")) {
            rep.bind("tcp://127.0.0.1:*");
            assertRefused(req, rep, 400);
        }
    }

    @Test
    void aNullServerWithAZapDomainIsFilteredByAddress() {
        auth.allow("10.9.9.9");
        try (Socket rep = rep(null); Socket req = ctx.socket(SocketType.REQ)) {
            rep.set(SocketOption.ZAP_DOMAIN, "internal");
            req.set(SocketOption.LINGER, 0);
            rep.bind("tcp://127.0.0.1:*");
            assertRefused(req, rep, 400);
        }
    }
}
