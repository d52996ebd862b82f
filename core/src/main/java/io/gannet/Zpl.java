package io.gannet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of ZPL (ZeroMQ RFC 4) that certificates use: top-level section names, and under
 * each, indented {@code name = value} lines, values bare or quoted. Deeper nesting is read
 * and ignored. Stateless; package-private helper of {@link CurveCertificate}.
 */
final class Zpl {

    private Zpl() {
    }

    /** Section name to (name to value), both in file order. */
    static Map<String, Map<String, String>> parse(List<String> lines, Path source) throws IOException {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = stripComment(raw);
            if (line.isBlank()) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String body = line.substring(indent).strip();
            if (indent == 0) {
                String name = body.contains("=") ? body.substring(0, body.indexOf('=')).strip() : body;
                current = sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
                continue;
            }
            if (indent != 4 || current == null) {
                continue; // deeper levels carry nothing a certificate needs
            }
            int eq = body.indexOf('=');
            if (eq < 0) {
                continue; // a nested section name
            }
            String name = body.substring(0, eq).strip();
            if (!isName(name)) {
                throw new IOException(source + ":" + lineNo + ": bad ZPL name");
            }
            current.put(name, unquote(body.substring(eq + 1).strip(), source, lineNo));
        }
        return sections;
    }

    /** RFC 4 names: letters, digits and {@code $-_@.&+/}. */
    static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "$-_@.&+/".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        if (hash < 0) {
            return line;
        }
        // '#' inside a quoted value (Z85 has '#') is not a comment
        int quote = line.indexOf('"');
        int squote = line.indexOf('\'');
        int firstQuote = quote < 0 ? squote : squote < 0 ? quote : Math.min(quote, squote);
        return firstQuote >= 0 && firstQuote < hash ? line : line.substring(0, hash);
    }

    private static String unquote(String v, Path source, int lineNo) throws IOException {
        if (v.startsWith("\"") || v.startsWith("'")) {
            int end = v.indexOf(v.charAt(0), 1);
            if (end < 0) {
                throw new IOException(source + ":" + lineNo + ": unterminated quoted value");
            }
            return v.substring(1, end);
        }
        return v;
    }
}
