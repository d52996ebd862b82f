package io.gannet.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the tool reads and writes them: a number with a unit ({@code 500ms},
 * {@code 1.5s}, {@code 2m}, {@code 1h}); a plain number is seconds, as {@code sleep 2} is.
 * Printed back the same way ({@code 1s}, {@code 500ms}, {@code 1.5s}), never as ISO-8601.
 */
final class Durations {
    /** What the help texts and usage errors say a duration looks like. */
    static final String EXAMPLES = "500ms, 1.5s, 2m or 1h (a plain number is seconds)";

    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s|m|h)?");
    private static final BigDecimal NANOS_PER_MS = BigDecimal.valueOf(1_000_000);

    private Durations() {
    }

    /** Parses {@code text}; {@code what} (e.g. "--timeout") names it in the usage error. */
    static Duration parse(String what, String text) {
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw CliException.usage(what + " takes a duration such as " + EXAMPLES + ", not '" + text + "'");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        long nanosPerUnit;
        switch (unit) {
            case "ms": nanosPerUnit = 1_000_000L; break;
            case "s": nanosPerUnit = 1_000_000_000L; break;
            case "m": nanosPerUnit = 60_000_000_000L; break;
            default: nanosPerUnit = 3_600_000_000_000L; break;
        }
        BigDecimal nanos = n.multiply(BigDecimal.valueOf(nanosPerUnit));
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw CliException.usage(what + ": " + text + " is too long");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /** {@code d} in the largest unit that shows it exactly, or in seconds or ms with decimals. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos >= 1_000_000_000L) {
            return plain(BigDecimal.valueOf(nanos).movePointLeft(9)) + "s";
        }
        return plain(BigDecimal.valueOf(nanos).divide(NANOS_PER_MS)) + "ms";
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }
}
