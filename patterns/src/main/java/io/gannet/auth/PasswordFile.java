package io.gannet.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PLAIN password file as czmq's {@code zauth} reads it: one {@code username=password} per
 * line; blank lines and lines starting with {@code #} are skipped. The user name is trimmed,
 * the password is everything after the first {@code =} (spaces included).
 */
final class PasswordFile {
    private PasswordFile() {
    }

    static Map<String, String> load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    static Map<String, String> parse(List<String> lines, String source) throws IOException {
        Map<String, String> users = new LinkedHashMap<>();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String user = eq < 0 ? "" : line.substring(0, eq).trim();
            if (user.isEmpty()) {
                throw new IOException(source + ":" + n + ": expected username=password");
            }
            users.put(user, line.substring(eq + 1));
        }
        return users;
    }
}
