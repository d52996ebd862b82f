package io.gannet.benchmarks.lib;

import java.util.Locale;

/**
 * The libraries a benchmark can drive; the JMH parameter {@code lib} names one of them.
 * Each constant creates its context lazily, so a fork loads only its own library's classes.
 */
public enum Library {
    GANNET {
        @Override
        public BenchContext newContext() {
            return new GannetContext();
        }
    },
    JEROMQ {
        @Override
        public BenchContext newContext() {
            return new JeromqContext();
        }
    };

    /** A fresh context of this library. */
    public abstract BenchContext newContext();

    /** Parses a parameter value ({@code gannet}, {@code jeromq}). */
    public static Library of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
