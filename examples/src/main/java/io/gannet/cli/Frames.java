package io.gannet.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code send} and {@code recv} turn one message (a list of frames) into one line and
 * back, for each {@link Format}:
 * <ul>
 * <li>{@code text}: frames as UTF-8, joined by the delimiter (default TAB);</li>
 * <li>{@code hex}: frames as lowercase hex, joined by the delimiter;</li>
 * <li>{@code json}: an array with one string per frame; a frame that is not valid UTF-8
 *     appears as {@code {"hex":"..."}}. Exact for any bytes.</li>
 * </ul>
 */
final class Frames {
    /** Line formats. */
    enum Format { TEXT, HEX, JSON }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Frames() {
    }

    static String format(List<byte[]> frames, Format format, String delimiter) {
        StringBuilder sb = new StringBuilder();
        if (format == Format.JSON) {
            sb.append('[');
        }
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                sb.append(format == Format.JSON ? "," : delimiter);
            }
            byte[] f = frames.get(i);
            switch (format) {
                case TEXT: sb.append(new String(f, StandardCharsets.UTF_8)); break;
                case HEX: appendHex(sb, f); break;
                default: appendJson(sb, f); break;
            }
        }
        if (format == Format.JSON) {
            sb.append(']');
        }
        return sb.toString();
    }

    /** Parses one input line into frames; throws a usage error naming what is wrong. */
    static List<byte[]> parse(String line, Format format, String delimiter) {
        switch (format) {
            case TEXT: {
                List<byte[]> out = new ArrayList<>();
                for (String part : split(line, delimiter)) {
                    out.add(part.getBytes(StandardCharsets.UTF_8));
                }
                return out;
            }
            case HEX: {
                List<byte[]> out = new ArrayList<>();
                for (String part : split(line, delimiter)) {
                    out.add(parseHex(part.trim()));
                }
                return out;
            }
            default:
                return new JsonFrames(line).parse();
        }
    }

    private static List<String> split(String line, String delimiter) {
        List<String> parts = new ArrayList<>();
        if (delimiter.isEmpty()) {
            parts.add(line);
            return parts;
        }
        int from = 0;
        int at;
        while ((at = line.indexOf(delimiter, from)) >= 0) {
            parts.add(line.substring(from, at));
            from = at + delimiter.length();
        }
        parts.add(line.substring(from));
        return parts;
    }

    private static void appendHex(StringBuilder sb, byte[] f) {
        for (byte b : f) {
            sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
    }

    static byte[] parseHex(String text) {
        String s = text.startsWith("0x") ? text.substring(2) : text;
        if (s.length() % 2 != 0) {
            throw CliException.usage("hex frame '" + text + "' has an odd number of digits");
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw CliException.usage("'" + text + "' is not hex");
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static void appendJson(StringBuilder sb, byte[] f) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(f)).toString();
        } catch (CharacterCodingException binary) {
            sb.append("{\"hex\":\"");
            appendHex(sb, f);
            sb.append("\"}");
            return;
        }
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
