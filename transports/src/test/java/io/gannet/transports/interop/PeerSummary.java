package io.gannet.transports.interop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The summary a {@link LibzmqPeer} prints when its mode ends: the line
 * {@code DONE key=value key=value ...}, parsed.
 *
 * <p>Keys depend on the mode (see {@code zmq_peer.py --help}); {@code recv} reports
 * {@code count bytes gaps missing first last peers}, {@code sub}/{@code xsub} report
 * {@code count topics} with topics as {@code <hex topic>:<n>,...}. Immutable.
 */
public final class PeerSummary {
    private final String text;
    private final Map<String, String> values;

    private PeerSummary(String text, Map<String, String> values) {
        this.text = text;
        this.values = values;
    }

    /** Parses a {@code DONE ...} line. */
    static PeerSummary parse(String doneLine) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] tokens = doneLine.trim().split(" ");
        for (int i = 1; i < tokens.length; i++) {
            int eq = tokens[i].indexOf('=');
            if (eq > 0) {
                values.put(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
            }
        }
        return new PeerSummary(doneLine, Collections.unmodifiableMap(values));
    }

    /** The whole {@code DONE} line, for assertion messages. */
    public String text() {
        return text;
    }

    /** All values by key, in the order printed. */
    public Map<String, String> values() {
        return values;
    }

    /** The value of {@code key}; fails the test if the peer did not report it. */
    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new AssertionError("peer summary has no '" + key + "': " + text);
        }
        return value;
    }

    /** The value of {@code key} as a number. */
    public long getLong(String key) {
        return Long.parseLong(get(key));
    }

    /** Shorthand for {@code getLong("count")}, which every mode but lines reports. */
    public long count() {
        return getLong("count");
    }

    @Override
    public String toString() {
        return text;
    }
}
