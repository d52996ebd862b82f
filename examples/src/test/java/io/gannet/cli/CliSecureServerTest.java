package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.CurveCertificate;
import io.gannet.CurveKeyPair;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gannet "shells" (two runs of the tool in this JVM) talking through the server options:
 * a CURVE server with an allow directory, a PLAIN server with a password file, and the
 * clients they let in or refuse.
 */
class CliSecureServerTest {
    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static CompletableFuture<CliRun> async(String... args) {
        // A thread of its own: the common pool may run one task at a time on a small machine.
        return CompletableFuture.supplyAsync(() -> CliRun.of(args), task -> new Thread(task, "cli-" + args[0]).start());
    }

    @Test
    void aCurveServerAnswersAnAllowedClient() throws Exception {
        CurveCertificate.of(CurveKeyPair.generate(), Map.of()).save(dir.resolve("server.key"));
        CurveKeyPair alice = CurveKeyPair.generate();
        CurveCertificate.of(alice, Map.of()).save(dir.resolve("alice.key"));
        Path clients = Files.createDirectory(dir.resolve("clients"));
        Files.copy(dir.resolve("alice.key"), clients.resolve("alice.key"));
        String ep = "tcp://127.0.0.1:" + freePort();

        CompletableFuture<CliRun> rep = async("recv", "--type", "rep", "--bind", ep, "--count", "1", "--reply", "hi alice",
                "--timeout", "20s", "--curve-server", "--curve-secretkey", dir.resolve("server.key_secret").toString(),
                "--curve-allow-dir", clients.toString());
        CliRun req = CliRun.of("send", "--type", "req", "--connect", ep, "--timeout", "20s",
                "--curve-serverkey", dir.resolve("server.key").toString(),
                "--curve-secretkey", dir.resolve("alice.key_secret").toString(), "hello");
        assertEquals(ExitCode.OK, req.status(), req.toString());
        assertEquals("hi alice\n", req.out(), req.toString());
        CliRun server = rep.get();
        assertEquals(ExitCode.OK, server.status(), server.toString());
        assertEquals("hello\n", server.out());
    }

    @Test
    void aCurveServerRefusesAClientOutsideItsAllowDirectory() throws Exception {
        CurveCertificate.of(CurveKeyPair.generate(), Map.of()).save(dir.resolve("server.key"));
        Path clients = Files.createDirectory(dir.resolve("clients"));
        String ep = "tcp://127.0.0.1:" + freePort();

        CompletableFuture<CliRun> pull = async("recv", "--bind", ep, "--count", "1", "--timeout", "3s",
                "--curve-server", "--curve-secretkey", dir.resolve("server.key_secret").toString(),
                "--curve-allow-dir", clients.toString());
        CliRun push = CliRun.of("send", "--connect", ep, "--timeout", "2s", "--linger", "0s",
                "--curve-serverkey", dir.resolve("server.key").toString(), "let me in");
        CliRun server = pull.get();
        assertEquals(ExitCode.TIMEOUT, server.status(), server + "\n" + push);
        assertEquals("", server.out(), "nothing got through");
    }

    @Test
    void aPlainServerChecksThePasswordFile() throws Exception {
        Path passwords = dir.resolve("passwords");
        Files.write(passwords, List.of("# who may send", "admin=secret"));
        String ep = "tcp://127.0.0.1:" + freePort();

        CompletableFuture<CliRun> pull = async("recv", "--bind", ep, "--count", "1", "--timeout", "20s",
                "--plain-server", "--plain-passwords", passwords.toString(), "--zap-allow", "127.0.0.1");
        CliRun wrong = CliRun.of("send", "--connect", ep, "--timeout", "1s", "--linger", "0s",
                "--plain-user", "admin", "--plain-password", "guess", "wrong password");
        CliRun right = CliRun.of("send", "--connect", ep, "--timeout", "20s", "--linger", "20s",
                "--plain-user", "admin", "--plain-password", "secret", "right password");
        assertEquals(ExitCode.OK, right.status(), right.toString());
        CliRun server = pull.get();
        assertEquals(ExitCode.OK, server.status(), server + "\n" + wrong);
        assertEquals("right password\n", server.out(), "only the right password got through");
    }

    @Test
    void aMissingPasswordFileIsAUsageError() {
        CliRun r = CliRun.of("recv", "--bind", "tcp://127.0.0.1:*", "--plain-server", "--plain-passwords",
                dir.resolve("none").toString());
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("no such readable file"), r.toString());
    }

    @Test
    void aProxyWithACurveFrontendForwardsToAPlainBackend() throws Exception {
        CurveCertificate.of(CurveKeyPair.generate(), Map.of()).save(dir.resolve("proxy.key"));
        String front = "tcp://127.0.0.1:" + freePort();
        String back = "tcp://127.0.0.1:" + freePort();
        // The receiver binds and the proxy connects to it, so the proxy's PUSH has its peer
        // whenever it starts; the proxy's duration is generous for a loaded machine.
        CompletableFuture<CliRun> recv = async("recv", "--bind", back, "--count", "1", "--timeout", "30s");
        CompletableFuture<CliRun> proxy = async("proxy", "--frontend-type", "pull", "--frontend", front,
                "--backend-type", "push", "--backend", ">" + back, "--duration", "15s",
                "--curve-server", "--curve-secretkey", dir.resolve("proxy.key_secret").toString());
        // send queues the message at once and may close before the proxy (started on another
        // thread, with its CURVE set-up) is listening: its linger must cover that, not 2 s.
        CliRun send = CliRun.of("send", "--connect", front, "--timeout", "20s", "--linger", "20s",
                "--curve-serverkey", dir.resolve("proxy.key").toString(), "through the proxy");
        assertEquals(ExitCode.OK, send.status(), send.toString());
        CliRun received = recv.get();
        assertEquals("through the proxy\n", received.out(), received + "\n" + proxy.get());
        assertEquals(ExitCode.OK, proxy.get().status());
    }

    @Test
    void proxySecurityOptionsAreCheckedToo() {
        CliRun r = CliRun.of("proxy", "--frontend", "tcp://127.0.0.1:*", "--backend", "inproc://b", "--duration", "100ms",
                "--secure-side", "backend", "--curve-server");
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("--curve-server needs --curve-secretkey"), r.toString());
    }
}
