package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {
    private static final byte[] BINARY = {0, (byte) 0xff, 0x10};

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textJoinsFramesWithTheDelimiter() {
        assertEquals("topic\tbody", Frames.format(List.of(utf8("topic"), utf8("body")), Frames.Format.TEXT, "\t"));
        List<byte[]> parsed = Frames.parse("a|b|", Frames.Format.TEXT, "|");
        assertEquals(3, parsed.size());
        assertArrayEquals(utf8("b"), parsed.get(1));
        assertArrayEquals(new byte[0], parsed.get(2));
    }

    @Test
    void hexRoundTripsAnyBytes() {
        String line = Frames.format(List.of(BINARY, utf8("A")), Frames.Format.HEX, " ");
        assertEquals("00ff10 41", line);
        List<byte[]> back = Frames.parse(line, Frames.Format.HEX, " ");
        assertArrayEquals(BINARY, back.get(0));
        assertArrayEquals(utf8("A"), back.get(1));
    }

    @Test
    void jsonUsesStringsForTextAndHexObjectsForBinary() {
        String line = Frames.format(List.of(utf8("say \"hi\"\n"), BINARY, new byte[0]), Frames.Format.JSON, "");
        assertEquals("[\"say \\\"hi\\\"\\n\",{\"hex\":\"00ff10\"},\"\"]", line);
        List<byte[]> back = Frames.parse(line, Frames.Format.JSON, "");
        assertEquals(3, back.size());
        assertArrayEquals(utf8("say \"hi\"\n"), back.get(0));
        assertArrayEquals(BINARY, back.get(1));
        assertArrayEquals(new byte[0], back.get(2));
    }

    @Test
    void jsonAcceptsALoneStringAsOneFrame() {
        assertArrayEquals(utf8("é"), Frames.parse(" \"\\u00e9\" ", Frames.Format.JSON, "").get(0));
    }

    @Test
    void malformedInputIsAUsageError() {
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class,
                () -> Frames.parse("[\"a\" \"b\"]", Frames.Format.JSON, "")).exitCode());
        assertThrows(CliException.class, () -> Frames.parse("[{\"text\":\"a\"}]", Frames.Format.JSON, ""));
        assertThrows(CliException.class, () -> Frames.parse("abc", Frames.Format.HEX, " "));
        assertThrows(CliException.class, () -> Frames.parse("zz", Frames.Format.HEX, " "));
    }
}
