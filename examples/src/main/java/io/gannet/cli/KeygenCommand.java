package io.gannet.cli;

import io.gannet.CurveCertificate;
import io.gannet.CurveKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code gannet keygen}: makes a CURVE key pair and prints it in Z85, or writes it as a
 * pair of certificate files (czmq's zcert format, which pyzmq's {@code zmq.auth} reads).
 */
final class KeygenCommand implements Command {
    private static final Set<String> VALUED = Set.of("cert", "name");

    static final String HELP = ""
            + "usage: gannet keygen [--cert FILE [--name NAME]] [--force]\n"
            + "\n"
            + "Makes a new CURVE key pair (X25519). Without --cert, prints it as two lines:\n"
            + "  public: <40 Z85 characters>\n"
            + "  secret: <40 Z85 characters>\n"
            + "With --cert FILE, writes the public certificate to FILE and the secret one to\n"
            + "FILE_secret (readable by its owner only) and prints the public key. Give the\n"
            + "public file to peers; keep the secret file where only the server can read it.\n"
            + "\n"
            + "options:\n"
            + "  --cert FILE           write certificate files instead of printing the secret\n"
            + "  --name NAME           a name recorded in the certificates' metadata\n"
            + "  --force               replace existing files\n"
            + "\n"
            + "examples:\n"
            + "  gannet keygen\n"
            + "  gannet keygen --cert server.key --name server\n";

    @Override
    public String name() {
        return "keygen";
    }

    @Override
    public String summary() {
        return "make a CURVE key pair (Z85 on stdout, or zcert certificate files)";
    }

    @Override
    public int run(String[] tokens, Io io) throws IOException {
        Args args = Args.parse("gannet keygen", tokens, VALUED, Set.of("force"));
        if (args.help()) {
            io.out().print(HELP);
            return ExitCode.OK;
        }
        if (!args.positional().isEmpty()) {
            throw CliException.usage("keygen takes no arguments; see 'gannet keygen --help'");
        }
        String cert = args.get("cert", null);
        String name = args.get("name", null);
        if (cert == null && name != null) {
            throw CliException.usage("--name applies with --cert");
        }
        CurveKeyPair pair = CurveKeyPair.generate();
        try {
            if (cert == null) {
                io.out().println("public: " + pair.publicKeyZ85());
                io.out().println("secret: " + pair.secretKeyZ85());
                return ExitCode.OK;
            }
            Path publicFile = Path.of(cert);
            Path secretFile = publicFile.resolveSibling(publicFile.getFileName() + CurveCertificate.SECRET_SUFFIX);
            if (!args.has("force") && (Files.exists(publicFile) || Files.exists(secretFile))) {
                throw CliException.usage(publicFile + " or " + secretFile + " exists; give --force to replace it");
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            if (name != null) {
                metadata.put("name", name);
            }
            try {
                CurveCertificate.of(pair, metadata).save(publicFile);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--name " + name + ": " + e.getMessage());
            }
            io.out().println("public: " + pair.publicKeyZ85());
            io.out().println("wrote " + publicFile + " and " + secretFile);
            return ExitCode.OK;
        } finally {
            pair.destroy();
        }
    }
}
