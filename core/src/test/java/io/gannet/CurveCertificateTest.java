package io.gannet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurveCertificateTest {
    private static final String SERVER_PUBLIC = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    private static final String SERVER_SECRET = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";

    /** A secret certificate as czmq's zcert_save writes it (keys with '#', '%' and '&'). */
    private static final String CZMQ_SECRET = """
            #   ****  Generated on 2016-01-01 10:00:00 by CZMQ  ****
            #   ZeroMQ CURVE **Secret** Certificate
            #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

            metadata
                name = "server"
                email = 'ops@example.com'
            curve
                public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
                secret-key = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6"
            """;

    @TempDir
    Path dir;

    @Test
    void readsACzmqSecretCertificate() throws IOException {
        Path f = dir.resolve("server_secret");
        Files.writeString(f, CZMQ_SECRET);
        CurveCertificate cert = CurveCertificate.load(f);
        assertEquals(SERVER_PUBLIC, cert.publicKeyZ85());
        assertTrue(cert.hasSecretKey());
        assertEquals(SERVER_SECRET, cert.keyPair().secretKeyZ85());
        assertEquals(Map.of("name", "server", "email", "ops@example.com"), cert.metadata());
    }

    @Test
    void savesAPublicAndASecretFileThatReadBack() throws IOException {
        CurveKeyPair pair = CurveKeyPair.generate();
        CurveCertificate cert = CurveCertificate.of(pair, Map.of("name", "client-1"));
        Path pub = dir.resolve("client.key");
        cert.save(pub);
        Path secret = dir.resolve("client.key_secret");

        CurveCertificate publicOnly = CurveCertificate.load(pub);
        assertEquals(pair.publicKeyZ85(), publicOnly.publicKeyZ85());
        assertFalse(publicOnly.hasSecretKey());
        assertFalse(Files.readString(pub).contains(pair.secretKeyZ85()));
        assertThrows(IllegalStateException.class, publicOnly::keyPair);

        CurveCertificate full = CurveCertificate.load(secret);
        assertEquals(pair.secretKeyZ85(), full.keyPair().secretKeyZ85());
        assertEquals("client-1", full.metadata().get("name"));
        if (Files.getFileStore(secret).supportsFileAttributeView("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(secret));
        }
    }

    @Test
    void loadsADirectoryOfPublicCertificatesSkippingSecretsAndOtherFiles() throws IOException {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        CurveCertificate.of(a, Map.of()).save(dir.resolve("a.key"));
        CurveCertificate.ofPublicKey(b.publicKey(), Map.of()).save(dir.resolve("b"));
        Files.writeString(dir.resolve("README"), "allowed clients\n");
        Files.createDirectory(dir.resolve("sub"));

        List<CurveCertificate> certs = CurveCertificate.loadDirectory(dir);
        Set<String> keys = certs.stream().map(CurveCertificate::publicKeyZ85).collect(Collectors.toSet());
        assertEquals(Set.of(a.publicKeyZ85(), b.publicKeyZ85()), keys);
        assertTrue(certs.stream().noneMatch(CurveCertificate::hasSecretKey));
    }

    @Test
    void refusesACertificateWithABadOrMismatchedKey() throws IOException {
        Path f = dir.resolve("bad");
        Files.writeString(f, "curve\n    public-key = \"tooshort\"\n");
        assertThrows(IOException.class, () -> CurveCertificate.load(f));
        Files.writeString(f, "metadata\n");
        assertThrows(IOException.class, () -> CurveCertificate.load(f));
        String other = CurveKeyPair.generate().publicKeyZ85();
        Files.writeString(f, CZMQ_SECRET.replace(SERVER_PUBLIC, other), StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> CurveCertificate.load(f));
    }

    @Test
    void refusesMetadataThatCannotBeWritten() {
        CurveKeyPair pair = CurveKeyPair.generate();
        assertThrows(IllegalArgumentException.class, () -> CurveCertificate.of(pair, Map.of("bad name", "x")));
        assertThrows(IllegalArgumentException.class, () -> CurveCertificate.of(pair, Map.of("n", "a\"b")));
    }
}
