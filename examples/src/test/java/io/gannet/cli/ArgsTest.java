package io.gannet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {
    private static Args parse(String... tokens) {
        return Args.parse("gannet test", tokens, Set.of("bind", "count", "timeout"), Set.of("quiet"));
    }

    @Test
    void repeatableOptionsKeepEveryValueInOrder() {
        Args a = parse("--bind", "tcp://*:1", "--bind=tcp://*:2", "frame");
        assertEquals(List.of("tcp://*:1", "tcp://*:2"), a.all("bind"));
        assertEquals(List.of("frame"), a.positional());
    }

    @Test
    void doubleDashEndsOptions() {
        Args a = parse("--quiet", "--", "--bind", "-x");
        assertTrue(a.has("quiet"));
        assertFalse(a.has("bind"));
        assertEquals(List.of("--bind", "-x"), a.positional());
    }

    @Test
    void unknownOptionIsAUsageErrorNamingTheCommand() {
        CliException e = assertThrows(CliException.class, () -> parse("--bnd", "x"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--bnd") && e.getMessage().contains("gannet test"), e.getMessage());
    }

    @Test
    void missingValueIsAUsageError() {
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> parse("--count")).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class, () -> parse("--quiet=yes")).exitCode());
    }

    @Test
    void durationsTakeUnits() {
        assertEquals(Duration.ofMillis(500), parse("--timeout", "500ms").duration("timeout", null));
        assertEquals(Duration.ofSeconds(5), parse("--timeout", "5s").duration("timeout", null));
        assertEquals(Duration.ofMinutes(2), parse("--timeout", "2m").duration("timeout", null));
        assertEquals(Duration.ofMillis(1500), parse("--timeout", "1.5s").duration("timeout", null));
        assertEquals(Duration.ofHours(1), parse("--timeout", "1h").duration("timeout", null));
        assertEquals(Duration.ofSeconds(2), parse("--timeout", "2").duration("timeout", null), "plain number = seconds");
        assertEquals(Duration.ofMillis(250), parse("--timeout", "0.25").duration("timeout", null));
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class,
                () -> parse("--timeout", "soon").duration("timeout", null)).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class,
                () -> parse("--timeout", "-1s").duration("timeout", null)).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(CliException.class,
                () -> parse("--timeout", "5 days").duration("timeout", null)).exitCode());
    }

    @Test
    void durationsPrintInTheUnitsTheyAreWrittenIn() {
        assertEquals("1s", Durations.format(Duration.ofSeconds(1)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("1.5s", Durations.format(Duration.ofMillis(1500)));
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("1h", Durations.format(Duration.ofHours(1)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("0.5ms", Durations.format(Duration.ofNanos(500_000)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        for (String text : new String[] {"1s", "500ms", "1.5s", "2m", "1h", "0.5ms"}) {
            assertEquals(text, Durations.format(Durations.parse("--x", text)), "round trip");
        }
    }

    @Test
    void numbersAreCheckedAgainstTheirMinimum() {
        assertEquals(1_000_000, parse("--count", "1_000_000").number("count", 0, 1));
        assertThrows(CliException.class, () -> parse("--count", "0").number("count", 0, 1));
        assertThrows(CliException.class, () -> parse("--count", "ten").number("count", 0, 1));
    }

    @Test
    void helpIsAlwaysKnown() {
        assertTrue(parse("-h").help());
        assertTrue(parse("--help").help());
    }
}
