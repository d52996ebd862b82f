package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.CurveCertificate;
import io.gannet.CurveKeyPair;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gannet keygen} and the PLAIN client options of send/recv. The PLAIN case runs
 * against pyzmq (libzmq 4.3) with its own {@code ThreadAuthenticator} checking the password.
 */
class CliSecurityTest {
    @TempDir
    Path dir;

    @Test
    void keygenPrintsAMatchingZ85Pair() {
        CliRun r = CliRun.of("keygen");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.toString());
        String pub = lines[0].substring("public: ".length());
        String secret = lines[1].substring("secret: ".length());
        assertEquals(pub, CurveKeyPair.fromSecretKey(secret).publicKeyZ85());
    }

    @Test
    void keygenWritesCertificatesAndRefusesToOverwriteThem() throws Exception {
        Path cert = dir.resolve("server.key");
        CliRun r = CliRun.of("keygen", "--cert", cert.toString(), "--name", "server");
        assertEquals(ExitCode.OK, r.status(), r.toString());
        CurveCertificate secret = CurveCertificate.load(dir.resolve("server.key_secret"));
        assertEquals("server", secret.metadata().get("name"));
        assertTrue(r.out().startsWith("public: " + secret.publicKeyZ85()), r.toString());
        assertFalse(r.out().contains(secret.keyPair().secretKeyZ85()), "the secret key stays in its file");
        assertFalse(CurveCertificate.load(cert).hasSecretKey());

        CliRun again = CliRun.of("keygen", "--cert", cert.toString());
        assertEquals(ExitCode.USAGE, again.status(), again.toString());
        assertEquals(secret.publicKeyZ85(), CurveCertificate.load(cert).publicKeyZ85(), "left untouched");
        assertEquals(ExitCode.OK, CliRun.of("keygen", "--cert", cert.toString(), "--force").status());
    }

    @Test
    void keygenRejectsStrayArguments() {
        assertEquals(ExitCode.USAGE, CliRun.of("keygen", "extra").status());
        assertEquals(ExitCode.USAGE, CliRun.of("keygen", "--name", "x").status());
        assertTrue(CliRun.of("keygen", "--help").out().startsWith("usage: gannet keygen"));
    }

    @Test
    void aPasswordWithoutAUserIsAUsageError() {
        CliRun r = CliRun.of("send", "--type", "push", "--connect", "tcp://127.0.0.1:1", "--plain-password", "pw");
        assertEquals(ExitCode.USAGE, r.status(), r.toString());
        assertTrue(r.err().contains("--plain-password needs --plain-user"), r.toString());
    }

    @Test
    void sendAuthenticatesWithPlainToAPyzmqServerWithThreadAuthenticator() throws Exception {
        String script = String.join("\n",
                "import zmq",
                "from zmq.auth.thread import ThreadAuthenticator",
                "ctx = zmq.Context()",
                "auth = ThreadAuthenticator(ctx)",
                "auth.start()",
                "auth.configure_plain(domain='*', passwords={'admin': 'secret'})",
                "s = ctx.socket(zmq.PULL)",
                "s.plain_server = True",
                "s.setsockopt(zmq.RCVTIMEO, 15000)",
                "port = s.bind_to_random_port('tcp://127.0.0.1')",
                "print(port, flush=True)",
                "print(s.recv().decode(), flush=True)",
                "s.close(0)",
                "auth.stop()",
                "ctx.term()");
        Process py = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
            String port = out.readLine();
            CliRun send = CliRun.withInput("over plain\n", "send", "--type", "push", "--connect",
                    "tcp://127.0.0.1:" + port, "--plain-user", "admin", "--plain-password", "secret", "--timeout", "10s");
            assertEquals(ExitCode.OK, send.status(), send.toString());
            List<String> rest = new ArrayList<>();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                rest.add(line);
            }
            assertTrue(py.waitFor(30, TimeUnit.SECONDS));
            assertEquals(List.of("over plain"), rest);
        } finally {
            py.destroyForcibly();
        }
    }
}
