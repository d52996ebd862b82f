package io.gannet.cli;

import io.gannet.Context;
import io.gannet.CurveCertificate;
import io.gannet.CurveKeyPair;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.auth.Authenticator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The security options of the socket-making commands: PLAIN and CURVE, client and server,
 * and the {@link Authenticator} that checks a server's clients. Keys are given as 40
 * characters of Z85 or as czmq certificate files ({@code gannet keygen --cert}); a file keeps
 * a secret key out of the process list and the shell history.
 */
final class SecuritySetup {
    /** Security options taking a value. */
    static final Set<String> VALUED = Set.of("plain-user", "plain-password", "plain-passwords",
            "curve-serverkey", "curve-secretkey", "curve-allow-dir", "zap-allow", "zap-deny");
    /** Security flags. */
    static final Set<String> FLAGS = Set.of("plain-server", "curve-server");

    static final String HELP = ""
            + "  --plain-user USER     PLAIN client: authenticate as USER (sent in clear text)\n"
            + "  --plain-password PW   PLAIN client: the password that goes with --plain-user\n"
            + "  --plain-server        PLAIN server: check clients against --plain-passwords\n"
            + "  --plain-passwords FILE  the PLAIN server's users, username=password lines\n"
            + "  --curve-serverkey KEY CURVE client: the server's public key, Z85 or a certificate file\n"
            + "  --curve-secretkey KEY this socket's CURVE secret key, Z85 or a _secret certificate\n"
            + "                        file (a client without one uses a new random key pair)\n"
            + "  --curve-server        CURVE server with the key pair of --curve-secretkey;\n"
            + "                        accepts any client key unless --curve-allow-dir is given\n"
            + "  --curve-allow-dir DIR CURVE server: accept only the client keys of the public\n"
            + "                        certificates in DIR\n"
            + "  --zap-allow ADDRESS   server: accept connections from ADDRESS only (repeatable)\n"
            + "  --zap-deny ADDRESS    server: refuse connections from ADDRESS (repeatable)\n";

    private SecuritySetup() {
    }

    /** Checks that the security options make sense together, before any socket exists. */
    static void validate(Args args) {
        boolean plainServer = args.has("plain-server");
        boolean curveServer = args.has("curve-server");
        boolean plainClient = args.has("plain-user");
        boolean curveClient = args.has("curve-serverkey");
        if (args.has("plain-password") && !plainClient) {
            throw CliException.usage("--plain-password needs --plain-user");
        }
        if (count(plainServer, curveServer, plainClient, curveClient) > 1) {
            throw CliException.usage("choose one of --plain-user, --plain-server, --curve-serverkey, --curve-server");
        }
        if (plainServer && !args.has("plain-passwords")) {
            throw CliException.usage("--plain-server needs --plain-passwords FILE (a PLAIN server without users refuses everyone)");
        }
        if (args.has("plain-passwords") && !plainServer) {
            throw CliException.usage("--plain-passwords applies to --plain-server");
        }
        if (curveServer && !args.has("curve-secretkey")) {
            throw CliException.usage("--curve-server needs --curve-secretkey (make one with 'gannet keygen --cert FILE')");
        }
        if (args.has("curve-allow-dir") && !curveServer) {
            throw CliException.usage("--curve-allow-dir applies to --curve-server");
        }
        if ((args.has("zap-allow") || args.has("zap-deny")) && !plainServer && !curveServer) {
            throw CliException.usage("--zap-allow and --zap-deny apply to --plain-server or --curve-server");
        }
        if (args.has("curve-secretkey") && !curveServer && !curveClient) {
            throw CliException.usage("--curve-secretkey applies to --curve-server or --curve-serverkey");
        }
    }

    private static int count(boolean... flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    /**
     * Starts the authenticator the server options ask for, or returns null when there is
     * nothing to check (no server option, or a CURVE server accepting every key from
     * every address, which needs no handler).
     */
    static Authenticator authenticator(Context ctx, Args args) {
        validate(args);
        boolean plain = args.has("plain-server");
        boolean curveChecks = args.has("curve-server")
                && (args.has("curve-allow-dir") || args.has("zap-allow") || args.has("zap-deny"));
        if (!plain && !curveChecks) {
            return null;
        }
        Authenticator auth = Authenticator.start(ctx);
        try {
            List<String> allow = args.all("zap-allow");
            List<String> deny = args.all("zap-deny");
            auth.allow(allow.toArray(new String[0])).deny(deny.toArray(new String[0]));
            if (plain) {
                auth.plainPasswordsFile("*", readable(args.get("plain-passwords", null), "--plain-passwords"));
            } else if (args.has("curve-allow-dir")) {
                Path dir = Path.of(args.get("curve-allow-dir", null));
                if (!Files.isDirectory(dir)) {
                    throw CliException.usage("--curve-allow-dir " + dir + ": not a directory");
                }
                auth.curveCertificates("*", dir);
            } else {
                auth.curveAnyKey("*");
            }
            return auth;
        } catch (IOException e) {
            auth.close();
            throw CliException.usage(e.getMessage());
        } catch (RuntimeException e) {
            auth.close();
            throw e;
        }
    }

    private static Path readable(String name, String option) {
        Path p = Path.of(name);
        if (!Files.isReadable(p)) {
            throw CliException.usage(option + " " + name + ": no such readable file");
        }
        return p;
    }

    /** Sets the socket options of the security arguments on {@code s}. */
    static void apply(Socket s, Args args) {
        validate(args);
        try {
            if (args.has("plain-user")) {
                s.set(SocketOption.PLAIN_USERNAME, args.get("plain-user", null).getBytes(StandardCharsets.UTF_8));
                if (args.has("plain-password")) {
                    s.set(SocketOption.PLAIN_PASSWORD, args.get("plain-password", null).getBytes(StandardCharsets.UTF_8));
                }
            }
            if (args.has("plain-server")) {
                s.set(SocketOption.PLAIN_SERVER, true);
            }
            if (args.has("curve-server")) {
                setSecret(s, args.get("curve-secretkey", null));
                s.set(SocketOption.CURVE_SERVER, true);
            }
            if (args.has("curve-serverkey")) {
                s.set(SocketOption.CURVE_SERVERKEY, publicKey(args.get("curve-serverkey", null)));
                if (args.has("curve-secretkey")) {
                    setSecret(s, args.get("curve-secretkey", null));
                }
            }
        } catch (GannetException e) {
            throw CliException.usage("security options: " + e.getMessage());
        }
    }

    private static void setSecret(Socket s, String keyOrFile) {
        CurveKeyPair pair = keyPair(keyOrFile);
        try {
            s.set(SocketOption.CURVE_SECRETKEY, pair.secretKey());
            s.set(SocketOption.CURVE_PUBLICKEY, pair.publicKey());
        } finally {
            pair.destroy();
        }
    }

    /** A public key: 40 characters of Z85, or a certificate file (public or secret). */
    static byte[] publicKey(String keyOrFile) {
        if (isZ85Key(keyOrFile)) {
            return CurveKeyPair.decodeKey(keyOrFile);
        }
        return load(keyOrFile, "--curve-serverkey").publicKey();
    }

    /** A key pair: a secret key as 40 characters of Z85, or a secret certificate file. */
    static CurveKeyPair keyPair(String keyOrFile) {
        if (isZ85Key(keyOrFile)) {
            return CurveKeyPair.fromSecretKey(keyOrFile);
        }
        CurveCertificate cert = load(keyOrFile, "--curve-secretkey");
        if (!cert.hasSecretKey()) {
            throw CliException.usage("--curve-secretkey " + keyOrFile + ": holds no secret key (give the _secret file)");
        }
        return cert.keyPair();
    }

    /** Z85 text of a key, and not the name of an existing file (a file named like a key is read as a file). */
    private static boolean isZ85Key(String s) {
        if (s.length() != 40 || Files.exists(Path.of(s))) {
            return false;
        }
        try {
            CurveKeyPair.decodeKey(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static CurveCertificate load(String file, String option) {
        try {
            return CurveCertificate.load(Path.of(file));
        } catch (IOException e) {
            throw CliException.usage(option + " " + file + ": not a 40-character Z85 key, and not a readable certificate ("
                    + e.getMessage() + ")");
        }
    }
}
