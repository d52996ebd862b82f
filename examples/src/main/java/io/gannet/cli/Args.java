package io.gannet.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small command-line parser: {@code --name value}, {@code --name=value}, repeatable
 * options, flags, {@code --} to end options, and positional arguments. Each command declares
 * the options it knows, so a typo is an error that names the command, not silently ignored.
 */
final class Args {
    private final String command;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * Parses {@code tokens} for {@code command} (e.g. "gannet send"). {@code valued} names the
     * options that take a value and {@code flags} those that do not, both without "--".
     * {@code -h} and {@code --help} are always flags.
     */
    static Args parse(String command, String[] tokens, Set<String> valued, Set<String> flags) {
        Args a = new Args(command);
        boolean optionsEnded = false;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (optionsEnded || !t.startsWith("-") || t.equals("-")) {
                a.positional.add(t);
                continue;
            }
            if (t.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (t.equals("-h") || t.equals("--help")) {
                a.add("help", "");
                continue;
            }
            if (!t.startsWith("--")) {
                throw CliException.usage("unknown option " + t + " for '" + command + "' (options start with --); "
                        + "see '" + command + " --help'");
            }
            String name = t.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= tokens.length) {
                        throw CliException.usage("option --" + name + " needs a value; see '" + command + " --help'");
                    }
                    value = tokens[++i];
                }
                a.add(name, value);
            } else if (flags.contains(name)) {
                if (value != null) {
                    throw CliException.usage("option --" + name + " takes no value");
                }
                a.add(name, "");
            } else {
                throw CliException.usage("unknown option --" + name + " for '" + command + "'; see '"
                        + command + " --help'");
            }
        }
        return a;
    }

    private void add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }

    String command() {
        return command;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean help() {
        return has("help");
    }

    /** Every value given for a repeatable option, in order. */
    List<String> all(String name) {
        return values.getOrDefault(name, Collections.emptyList());
    }

    /** The value of a single-valued option; the last one wins if given twice. */
    String get(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    List<String> positional() {
        return positional;
    }

    /** An integer option of at least {@code min}. */
    long number(String name, long fallback, long min) {
        String v = get(name, null);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw CliException.usage("--" + name + " takes a whole number, not '" + v + "'");
        }
        if (n < min) {
            throw CliException.usage("--" + name + " must be at least " + min + ", not " + n);
        }
        return n;
    }

    /** A duration option ({@link Durations}: {@code 500ms}, {@code 1.5s}, {@code 2m}; a plain number is seconds). */
    Duration duration(String name, Duration fallback) {
        String v = get(name, null);
        return v == null ? fallback : Durations.parse("--" + name, v);
    }

    /** An enum-valued option, matched without regard to case. */
    <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String v = get(name, null);
        return v == null ? fallback : parseChoice("--" + name, type, v);
    }

    static <E extends Enum<E>> E parseChoice(String what, Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw CliException.usage(what + " takes one of " + String.join(", ", names) + ", not '" + text + "'");
    }
}
