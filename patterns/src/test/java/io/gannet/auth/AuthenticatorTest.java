package io.gannet.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gannet.Context;
import io.gannet.CurveCertificate;
import io.gannet.CurveKeyPair;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.gannet.Z85;
import java.io.IOException;

/**
 * The Authenticator answering raw ZAP requests (RFC 27) sent from a REQ socket, as a server's
 * ZAP client sends them: every branch of the policy, and the malformed requests.
 */
class AuthenticatorTest {
    @TempDir
    Path dir;

    private Context ctx;
    private Authenticator auth;
    private Socket req;

    @BeforeEach
    void start() {
        ctx = new Context();
        auth = Authenticator.start(ctx);
        req = ctx.socket(SocketType.REQ);
        req.set(SocketOption.RCVTIMEO, 20_000); // a missing reply fails the test instead of hanging it
        req.set(SocketOption.LINGER, 0);
        req.connect(Authenticator.ENDPOINT);
    }

    @AfterEach
    void stop() {
        req.close();
        auth.close();
        ctx.close();
    }

    /** Sends one request and returns the reply's frames as text (the metadata frame as raw bytes' text). */
    private List<String> ask(String version, String domain, String address, String mechanism, byte[]... credentials) {
        Multipart m = new Multipart().add(version).add("req-7").add(domain).add(address).add("peer-id").add(mechanism);
        for (byte[] c : credentials) {
            m.add(c);
        }
        req.send(m);
        try (Multipart reply = req.recvMultipart()) {
            assertNotNull(reply, "the handler answered");
            return reply.strings();
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertReply(List<String> reply, String code, String text, String userId) {
        assertEquals(6, reply.size(), reply.toString());
        assertEquals("1.0", reply.get(0));
        assertEquals("req-7", reply.get(1), "the request id is echoed");
        assertEquals(code, reply.get(2), reply.toString());
        assertEquals(text, reply.get(3), reply.toString());
        assertEquals(userId, reply.get(4), reply.toString());
    }

    @Test
    void nullPassesWhenNoListIsSet() {
        assertReply(ask("1.0", "", "10.1.1.1", "NULL"), "200", "OK", "");
        assertEquals(1, auth.answered());
    }

    @Test
    void anAllowListLetsOnlyItsAddressesIn() {
        auth.allow("127.0.0.1");
        assertReply(ask("1.0", "", "127.0.0.1", "NULL"), "200", "OK", "");
        assertReply(ask("1.0", "", "10.1.1.1", "NULL"), "400", "Address not allowed", "");
    }

    @Test
    void aDenyListRefusesItsAddressesOnly() {
        auth.deny("10.1.1.1");
        assertReply(ask("1.0", "", "10.1.1.1", "NULL"), "400", "Address denied", "");
        assertReply(ask("1.0", "", "10.2.2.2", "NULL"), "200", "OK", "");
    }

    @Test
    void theAllowListWinsOverTheDenyList() {
        auth.allow("10.1.1.1").deny("10.1.1.1", "10.2.2.2");
        assertReply(ask("1.0", "", "10.1.1.1", "NULL"), "200", "OK", "");
        assertReply(ask("1.0", "", "10.3.3.3", "NULL"), "400", "Address not allowed", "");
    }

    @Test
    void anAllowedAddressStillNeedsTheRightPassword() {
        auth.allow("127.0.0.1").plainPasswords("*", Map.of("admin", "secret"));
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("admin"), b("wrong")), "400", "Invalid user name or password", "");
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("admin"), b("secret")), "200", "OK", "admin");
    }

    @Test
    void plainChecksUserAndPassword() {
        auth.plainPasswords("*", Map.of("admin", "secret"));
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("admin"), b("secret")), "200", "OK", "admin");
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("admin"), b("secre")), "400", "Invalid user name or password", "");
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("root"), b("secret")), "400", "Invalid user name or password", "");
    }

    @Test
    void plainWithoutPasswordsForTheDomainIsRefused() {
        auth.plainPasswords("billing", Map.of("admin", "secret"));
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("admin"), b("secret")), "400", "No passwords defined for domain", "");
        assertReply(ask("1.0", "billing", "127.0.0.1", "PLAIN", b("admin"), b("secret")), "200", "OK", "admin");
    }

    @Test
    void aDomainsOwnPasswordsReplaceTheDefaultOnes() {
        auth.plainPasswords("*", Map.of("everyone", "a")).plainPasswords("billing", Map.of("cashier", "b"));
        assertReply(ask("1.0", "billing", "127.0.0.1", "PLAIN", b("everyone"), b("a")), "400", "Invalid user name or password", "");
        assertReply(ask("1.0", "billing", "127.0.0.1", "PLAIN", b("cashier"), b("b")), "200", "OK", "cashier");
        assertReply(ask("1.0", "other", "127.0.0.1", "PLAIN", b("everyone"), b("a")), "200", "OK", "everyone");
    }

    @Test
    void plainPasswordsComeFromAFile() throws Exception {
        Path file = dir.resolve("passwords");
        Files.write(file, List.of("# users", "", "admin=se=cret", " guest = with spaces "));
        auth.plainPasswordsFile("*", file);
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("admin"), b("se=cret")), "200", "OK", "admin");
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("guest"), b(" with spaces ")), "200", "OK", "guest");
    }

    @Test
    void aPasswordFileLineWithoutAUserFailsToLoad() throws Exception {
        Path file = dir.resolve("passwords");
        Files.write(file, List.of("admin=x", "=nobody"));
        IOException e = assertThrows(IOException.class, () -> auth.plainPasswordsFile("*", file));
        assertEquals(file + ":2: expected username=password", e.getMessage());
    }

    @Test
    void curveLetsInTheKeysOfTheCertificateDirectoryWithTheirMetadata() throws Exception {
        CurveKeyPair known = CurveKeyPair.generate();
        CurveCertificate.of(known, Map.of("name", "alice")).save(dir.resolve("alice.key"));
        auth.curveCertificates("*", dir);
        req.send(new Multipart().add("1.0").add("req-7").add("").add("127.0.0.1").add("").add("CURVE").add(known.publicKey()));
        try (Multipart reply = req.recvMultipart()) {
            assertEquals(List.of("1.0", "req-7", "200", "OK", known.publicKeyZ85()), reply.strings().subList(0, 5));
            byte[] expected = new byte[1 + 4 + 4 + 5];
            expected[0] = 4;
            System.arraycopy(b("name"), 0, expected, 1, 4);
            expected[8] = 5;
            System.arraycopy(b("alice"), 0, expected, 9, 5);
            assertArrayEquals(expected, reply.get(5).bytes(), "the certificate's metadata as ZMTP properties");
        }
        byte[] stranger = CurveKeyPair.generate().publicKey();
        assertReply(ask("1.0", "", "127.0.0.1", "CURVE", stranger), "400", "Unknown key", "");
    }

    @Test
    void curveWithoutKeysIsRefusedAndAnyKeyLetsEveryKeyIn() {
        byte[] key = CurveKeyPair.generate().publicKey();
        assertReply(ask("1.0", "", "127.0.0.1", "CURVE", key), "400", "No keys defined for domain", "");
        auth.curveAnyKey("*");
        assertReply(ask("1.0", "", "127.0.0.1", "CURVE", key), "200", "OK", Z85.encode(key));
        auth.curveCertificates("*", List.of());
        assertReply(ask("1.0", "", "127.0.0.1", "CURVE", key), "400", "Unknown key", "");
    }

    @Test
    void aCurveKeyThatIsNot32BytesIsRefused() {
        auth.curveAnyKey("*");
        assertReply(ask("1.0", "", "127.0.0.1", "CURVE", new byte[31]), "400", "Invalid key", "");
    }

    @Test
    void anUnknownMechanismIsRefused() {
        assertReply(ask("1.0", "", "127.0.0.1", "GSSAPI", b("token")), "400", "Mechanism not supported", "");
    }

    @Test
    void malformedRequestsAreAnswered500() {
        assertReply(ask("2.0", "", "127.0.0.1", "NULL"), "500", "Version number not valid", "");
        assertReply(ask("1.0", "", "127.0.0.1", "PLAIN", b("admin")), "500", "Malformed request: 1 credential frames for PLAIN", "");
        assertReply(ask("1.0", "", "127.0.0.1", "CURVE"), "500", "Malformed request: 0 credential frames for CURVE", "");
        assertReply(ask("1.0", "", "127.0.0.1", "NULL", b("extra")), "500", "Malformed request: 1 credential frames for NULL", "");
        req.send(new Multipart().add("1.0").add("req-7").add("domain"));
        try (Multipart reply = req.recvMultipart()) {
            assertEquals(List.of("1.0", "req-7", "500", "Malformed request: 3 frames", "", ""), reply.strings());
        }
    }

    @Test
    void aRequestWithoutARequestIdIsDroppedAndTheHandlerCarriesOn() {
        try (Socket dealer = ctx.socket(SocketType.DEALER)) {
            dealer.set(SocketOption.LINGER, 0);
            dealer.connect(Authenticator.ENDPOINT);
            dealer.send(new Multipart().add("").add("1.0"));   // delimiter and version only
            dealer.send(new Multipart().add("no delimiter").add("1.0").add("id"));
            dealer.send(new Multipart().add("").add("1.0").add("id-2").add("").add("127.0.0.1").add("").add("NULL"));
            try (Multipart reply = dealer.recvMultipart()) {
                // The first reply this DEALER gets answers its third message: the first two were dropped.
                assertEquals(List.of("", "1.0", "id-2", "200", "OK", "", ""), reply.strings());
            }
        }
    }

    @Test
    void aContextHasOneHandler() {
        GannetException e = assertThrows(GannetException.class, () -> Authenticator.start(ctx));
        assertEquals(ErrorCode.EADDRINUSE, e.code());
    }

    @Test
    void closeUnbindsSoAnotherHandlerCanStart() {
        auth.close();
        auth.close();
        auth = Authenticator.start(ctx);
        assertReply(askFresh(), "200", "OK", "");
    }

    /** A new REQ (the old one may have lost its handler connection when the first handler unbound). */
    private List<String> askFresh() {
        req.close();
        req = ctx.socket(SocketType.REQ);
        req.set(SocketOption.RCVTIMEO, 20_000);
        req.set(SocketOption.LINGER, 0);
        req.connect(Authenticator.ENDPOINT);
        return ask("1.0", "", "127.0.0.1", "NULL");
    }

    @Test
    void closingTheContextEndsTheHandler() {
        req.close();
        ctx.close();
        // close() joins the handler thread: it returns because the thread ended with the context.
        assertDoesNotThrow(auth::close);
    }
}
