package io.gannet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CURVE certificate as czmq's {@code zcert} and pyzmq's {@code zmq.auth} keep them in text
 * files: a public key, optionally its secret key, and metadata (name/value pairs).
 *
 * <p>The files are ZPL (ZeroMQ RFC 4), the same as those tools write and read:
 * <pre>
 *   #   ZeroMQ CURVE Public Certificate          (comment lines start with '#')
 *   metadata
 *       name = "server"
 *   curve
 *       public-key = "rq:rM&gt;}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
 *       secret-key = "JTKVSB%%)wK0E.X)V&gt;+}o?pNmC{O&amp;4W4b!Ni{Lh6"   (secret file only)
 * </pre>
 * {@link #save(Path)} writes the public file at the path given and the secret file beside it
 * with {@code _secret} appended (czmq's convention; pyzmq's {@code name.key} /
 * {@code name.key_secret} follows it), the secret one readable by its owner only where the
 * file system has POSIX permissions. {@link #loadDirectory(Path)} reads a directory of
 * allowed client certificates, as czmq's {@code zcertstore}. Immutable.
 */
public final class CurveCertificate {
    /** Suffix of the secret certificate's file name. */
    public static final String SECRET_SUFFIX = "_secret";

    private final byte[] publicKey;
    private final byte[] secretKey;
    private final Map<String, String> metadata;

    private CurveCertificate(byte[] publicKey, byte[] secretKey, Map<String, String> metadata) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A certificate of a key pair (public and secret), with metadata (copied). */
    public static CurveCertificate of(CurveKeyPair pair, Map<String, String> metadata) {
        return new CurveCertificate(pair.publicKey(), pair.secretKey(), checkMetadata(metadata));
    }

    /** A public-only certificate, as one holds for a peer, with metadata (copied). */
    public static CurveCertificate ofPublicKey(byte[] publicKey, Map<String, String> metadata) {
        return new CurveCertificate(CurveKeyPair.toRawKey(publicKey).clone(), null, checkMetadata(metadata));
    }

    /** The public key, 32 bytes (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key in Z85. */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /** Whether this certificate holds the secret key. */
    public boolean hasSecretKey() {
        return secretKey != null;
    }

    /**
     * The key pair (a new object the caller may {@link CurveKeyPair#destroy()}).
     *
     * @throws IllegalStateException if this is a public-only certificate
     */
    public CurveKeyPair keyPair() {
        if (secretKey == null) {
            throw new IllegalStateException("a public certificate holds no secret key");
        }
        return CurveKeyPair.fromSecretKey(secretKey);
    }

    /** The metadata, in file order (unmodifiable). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Reads a certificate file, public or secret.
     *
     * @throws IOException if it cannot be read, or holds no valid public key, or a secret
     *                     key that does not match the public key
     */
    public static CurveCertificate load(Path file) throws IOException {
        Map<String, Map<String, String>> sections = Zpl.parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
        Map<String, String> curve = sections.getOrDefault("curve", Map.of());
        String pub = curve.get("public-key");
        if (pub == null) {
            throw new IOException(file + ": no curve/public-key");
        }
        byte[] publicKey = parseKey(pub, file, "public-key");
        byte[] secretKey = null;
        String sec = curve.get("secret-key");
        if (sec != null) {
            secretKey = parseKey(sec, file, "secret-key");
            if (!CurveKeyPair.keysEqual(CurveKeyPair.publicKeyOf(secretKey), publicKey)) {
                Arrays.fill(secretKey, (byte) 0);
                throw new IOException(file + ": secret-key does not belong to public-key");
            }
        }
        return new CurveCertificate(publicKey, secretKey, sections.getOrDefault("metadata", Map.of()));
    }

    /**
     * Reads every public certificate in a directory: each regular file whose name does not
     * end in {@code _secret}. Files with no {@code curve/public-key} (a README, say) are
     * skipped; a file with a malformed key fails.
     */
    public static List<CurveCertificate> loadDirectory(Path directory) throws IOException {
        List<CurveCertificate> certs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path f : files) {
                if (!Files.isRegularFile(f) || f.getFileName().toString().endsWith(SECRET_SUFFIX)) {
                    continue;
                }
                Map<String, String> curve = Zpl.parse(Files.readAllLines(f, StandardCharsets.UTF_8), f)
                        .getOrDefault("curve", Map.of());
                if (curve.containsKey("public-key")) {
                    certs.add(load(f));
                }
            }
        }
        return certs;
    }

    /**
     * Writes the public certificate to {@code publicFile} and, if this certificate holds the
     * secret key, the secret certificate to {@code publicFile + "_secret"} (owner-only
     * permissions where supported). Existing files are replaced.
     */
    public void save(Path publicFile) throws IOException {
        savePublic(publicFile);
        if (secretKey != null) {
            saveSecret(publicFile.resolveSibling(publicFile.getFileName() + SECRET_SUFFIX));
        }
    }

    /** Writes the public certificate only. */
    public void savePublic(Path file) throws IOException {
        Files.writeString(file, render(false), StandardCharsets.UTF_8);
    }

    /**
     * Writes the secret certificate (public and secret key) only, readable by its owner alone
     * where the file system has POSIX permissions.
     *
     * @throws IllegalStateException if this is a public-only certificate
     */
    public void saveSecret(Path file) throws IOException {
        if (secretKey == null) {
            throw new IllegalStateException("a public certificate holds no secret key");
        }
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while being written", e);
        }
        Files.writeString(file, render(true), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private String render(boolean secret) {
        String when = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        StringBuilder sb = new StringBuilder();
        sb.append("#   ****  Generated on ").append(when).append(" by Gannet  ****\n");
        if (secret) {
            sb.append("#   ZeroMQ CURVE **Secret** Certificate\n");
            sb.append("#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.\n\n");
        } else {
            sb.append("#   ZeroMQ CURVE Public Certificate\n");
            sb.append("#   Exchange securely, or use a secure mechanism to verify the contents\n");
            sb.append("#   of this file after exchange.\n\n");
        }
        sb.append("metadata\n");
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            sb.append("    ").append(e.getKey()).append(" = \"").append(e.getValue()).append("\"\n");
        }
        sb.append("curve\n");
        sb.append("    public-key = \"").append(Z85.encode(publicKey)).append("\"\n");
        if (secret) {
            sb.append("    secret-key = \"").append(Z85.encode(secretKey)).append("\"\n");
        }
        return sb.toString();
    }

    private static byte[] parseKey(String value, Path file, String name) throws IOException {
        try {
            return CurveKeyPair.decodeKey(value);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + name + " is not a 40-character Z85 key", e);
        }
    }

    private static Map<String, String> checkMetadata(Map<String, String> metadata) {
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (!Zpl.isName(e.getKey()) || e.getValue().indexOf('"') >= 0 || e.getValue().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("metadata " + e.getKey() + " cannot be written to a certificate");
            }
        }
        return metadata;
    }

    /** Shows the public key only. */
    @Override
    public String toString() {
        return "CurveCertificate[public=" + publicKeyZ85() + (secretKey != null ? ", with secret" : "") + "]";
    }
}
