package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.CurveCertificate;
import io.gannet.CurveKeyPair;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CURVE client options of send ({@code --curve-serverkey}, {@code --curve-secretkey})
 * against a pyzmq (libzmq 4.3) CURVE server whose {@code ThreadAuthenticator} allows the
 * client certificates of a directory, and the usage errors of the security options.
 */
class CliCurveTest {
    @TempDir
    Path dir;

    /** Starts a pyzmq CURVE PULL server allowing the certificates in {@code clients}; prints its port, then what it receives. */
    private Process pyzmqCurveServer(CurveKeyPair server, Path clients) throws Exception {
        String script = String.join("\n",
                "import sys, zmq",
                "from zmq.auth.thread import ThreadAuthenticator",
                "ctx = zmq.Context()",
                "auth = ThreadAuthenticator(ctx)",
                "auth.start()",
                "auth.configure_curve(domain='*', location=sys.argv[2])",
                "s = ctx.socket(zmq.PULL)",
                "s.curve_secretkey = sys.argv[1].encode()",
                "s.curve_publickey = zmq.curve_public(sys.argv[1].encode())",
                "s.curve_server = True",
                "s.setsockopt(zmq.RCVTIMEO, 15000)",
                "port = s.bind_to_random_port('tcp://127.0.0.1')",
                "print(port, flush=True)",
                "print(s.recv().decode(), flush=True)",
                "s.close(0)",
                "auth.stop()",
                "ctx.term()");
        return new ProcessBuilder("/usr/bin/python3", "-c", script, server.secretKeyZ85(), clients.toString())
                .redirectErrorStream(true).start();
    }

    private static List<String> rest(BufferedReader out, Process py) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
        }
        assertTrue(py.waitFor(30, TimeUnit.SECONDS));
        return lines;
    }

    @Test
    void sendReachesAPyzmqCurveServerWithKeysFromCertificateFiles() throws Exception {
        CurveKeyPair server = CurveKeyPair.generate();
        Path serverCert = dir.resolve("server.key");
        CurveCertificate.of(server, Map.of()).savePublic(serverCert);
        Path clients = Files.createDirectory(dir.resolve("clients"));
        CurveKeyPair client = CurveKeyPair.generate();
        CurveCertificate.of(client, Map.of("name", "cli")).save(dir.resolve("client.key"));
        CurveCertificate.ofPublicKey(client.publicKey(), Map.of()).savePublic(clients.resolve("client.key"));

        Process py = pyzmqCurveServer(server, clients);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
            String port = out.readLine();
            CliRun send = CliRun.withInput("over curve\n", "send", "--type", "push", "--connect", "tcp://127.0.0.1:" + port,
                    "--curve-serverkey", serverCert.toString(),
                    "--curve-secretkey", dir.resolve("client.key_secret").toString(), "--timeout", "10s");
            assertEquals(ExitCode.OK, send.status(), send.toString());
            assertEquals(List.of("over curve"), rest(out, py));
        } finally {
            py.destroyForcibly();
        }
    }

    @Test
    void sendTakesZ85KeysToo() throws Exception {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        Path clients = Files.createDirectory(dir.resolve("clients"));
        CurveCertificate.ofPublicKey(client.publicKey(), Map.of()).savePublic(clients.resolve("client.key"));

        Process py = pyzmqCurveServer(server, clients);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
            String port = out.readLine();
            CliRun send = CliRun.of("send", "--type", "push", "--connect", "tcp://127.0.0.1:" + port,
                    "--curve-serverkey", server.publicKeyZ85(), "--curve-secretkey", client.secretKeyZ85(),
                    "--timeout", "10s", "z85 keys");
            assertEquals(ExitCode.OK, send.status(), send.toString());
            assertEquals(List.of("z85 keys"), rest(out, py));
        } finally {
            py.destroyForcibly();
        }
    }

    @Test
    void badKeysAreUsageErrors() {
        CliRun notAKey = CliRun.of("send", "--connect", "tcp://127.0.0.1:1", "--curve-serverkey", "no-such-file", "x");
        assertEquals(ExitCode.USAGE, notAKey.status(), notAKey.toString());
        assertTrue(notAKey.err().contains("--curve-serverkey no-such-file: not a 40-character Z85 key"), notAKey.toString());
    }

    @Test
    void aPublicCertificateIsNotASecretKey() throws Exception {
        Path pub = dir.resolve("me.key");
        CurveCertificate.of(CurveKeyPair.generate(), Map.of()).save(pub);
        CliRun r = CliRun.of("send", "--connect", "tcp://127.0.0.1:1", "--curve-serverkey", pub.toString(),
                "--curve-secretkey", pub.toString(), "x");
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("holds no secret key (give the _secret file)"), r.toString());
    }

    @Test
    void securityOptionsThatDoNotGoTogetherAreUsageErrors() {
        String key = CurveKeyPair.generate().publicKeyZ85();
        assertUsage("choose one of", "--plain-user", "u", "--curve-serverkey", key);
        assertUsage("--plain-server needs --plain-passwords", "--plain-server");
        assertUsage("--plain-passwords applies to --plain-server", "--plain-passwords", "f");
        assertUsage("--curve-server needs --curve-secretkey", "--curve-server");
        assertUsage("--curve-allow-dir applies to --curve-server", "--curve-allow-dir", "d");
        assertUsage("--zap-allow and --zap-deny apply to", "--zap-allow", "127.0.0.1");
        assertUsage("--curve-secretkey applies to", "--curve-secretkey", key);
    }

    private static void assertUsage(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("recv", "--bind", "tcp://127.0.0.1:*"));
        args.addAll(List.of(options));
        CliRun r = CliRun.of(args.toArray(new String[0]));
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains(message), r.toString());
    }
}
