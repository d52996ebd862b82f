package io.gannet.transports.interop;

import io.gannet.CurveCertificate;
import io.gannet.CurveKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CURVE keys and certificate files agree with libzmq's and pyzmq's: keys pyzmq generates
 * derive to the same public key here, certificates pyzmq writes load here, and the ones
 * Gannet writes load in pyzmq ({@code zmq.auth.load_certificate(s)}).
 */
class CurveKeysInteropTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void requirePeer() {
        LibzmqAvailability.require();
    }

    @Test
    void publicKeyDerivationMatchesLibzmq() throws Exception {
        String out = python("import zmq\n"
                + "for _ in range(20):\n"
                + "    p, s = zmq.curve_keypair()\n"
                + "    print(p.decode(), s.decode())\n");
        List<String> lines = out.lines().toList();
        assertEquals(20, lines.size(), out);
        for (String line : lines) {
            String[] ps = line.split(" ");
            assertEquals(ps[0], CurveKeyPair.fromSecretKey(ps[1]).publicKeyZ85());
        }
    }

    @Test
    void libzmqDerivesOurPublicKeys() throws Exception {
        CurveKeyPair pair = CurveKeyPair.generate();
        String out = python("import zmq\nprint(zmq.curve_public(b'" + pair.secretKeyZ85() + "').decode())\n");
        assertEquals(pair.publicKeyZ85(), out.strip());
    }

    @Test
    void pyzmqCertificatesLoadHere() throws Exception {
        String out = python("import zmq.auth\n"
                + "pub, sec = zmq.auth.create_certificates(r'" + dir + "', 'server', metadata={'name': 'srv'})\n"
                + "p, s = zmq.auth.load_certificate(sec)\n"
                + "print(p.decode(), s.decode())\n");
        String[] ps = out.strip().split(" ");
        CurveCertificate secret = CurveCertificate.load(dir.resolve("server.key_secret"));
        assertEquals(ps[0], secret.publicKeyZ85());
        assertEquals(ps[1], secret.keyPair().secretKeyZ85());
        assertEquals("srv", secret.metadata().get("name"));
        CurveCertificate pub = CurveCertificate.load(dir.resolve("server.key"));
        assertEquals(ps[0], pub.publicKeyZ85());
        assertTrue(!pub.hasSecretKey());
    }

    @Test
    void ourCertificatesLoadInPyzmq() throws Exception {
        CurveKeyPair pair = CurveKeyPair.generate();
        CurveCertificate.of(pair, Map.of("name", "client")).save(dir.resolve("client.key"));
        String out = python("import zmq.auth\n"
                + "p, s = zmq.auth.load_certificate(r'" + dir.resolve("client.key_secret") + "')\n"
                + "print(p.decode(), s.decode())\n"
                + "print(sorted(k.decode() for k in zmq.auth.load_certificates(r'" + dir + "')))\n");
        List<String> lines = out.lines().toList();
        assertEquals(pair.publicKeyZ85() + " " + pair.secretKeyZ85(), lines.get(0));
        assertEquals("['" + pair.publicKeyZ85() + "']", lines.get(1));
    }

    private static String python(String program) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(LibzmqPeer.PYTHON, "-c", program).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
