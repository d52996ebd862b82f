package io.gannet.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON form of a message that {@link Frames} writes: an array whose elements are
 * strings (UTF-8 frames) or {@code {"hex":"..."}} objects (binary frames). A lone string is
 * a one-frame message. Only this subset of JSON is accepted.
 */
final class JsonFrames {
    private final String text;
    private int pos;

    JsonFrames(String text) {
        this.text = text;
    }

    List<byte[]> parse() {
        List<byte[]> frames = new ArrayList<>();
        skipSpace();
        if (peek() == '"') {
            frames.add(string().getBytes(StandardCharsets.UTF_8));
        } else {
            expect('[');
            skipSpace();
            if (peek() == ']') {
                pos++;
            } else {
                for (;;) {
                    frames.add(frame());
                    skipSpace();
                    char c = next();
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected , or ]");
                    }
                }
            }
        }
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected text after the message");
        }
        return frames;
    }

    private byte[] frame() {
        skipSpace();
        if (peek() == '"') {
            return string().getBytes(StandardCharsets.UTF_8);
        }
        expect('{');
        skipSpace();
        String key = string();
        if (!key.equals("hex")) {
            throw error("a frame object has one key, \"hex\"");
        }
        skipSpace();
        expect(':');
        skipSpace();
        byte[] bytes = Frames.parseHex(string());
        skipSpace();
        expect('}');
        return bytes;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        for (;;) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"': case '\\': case '/': sb.append(e); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                    break;
                default: throw error("bad escape \\" + e);
            }
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of line");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected " + c);
        }
    }

    private CliException error(String what) {
        return CliException.usage("bad JSON message at column " + (pos + 1) + ": " + what
                + " (expected [\"frame\", {\"hex\":\"00ff\"}, ...])");
    }
}
