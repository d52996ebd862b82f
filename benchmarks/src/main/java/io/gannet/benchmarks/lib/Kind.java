package io.gannet.benchmarks.lib;

/** The socket types the benchmarks use; each library maps them to its own enum. */
public enum Kind {
    PUSH, PULL, REQ, REP, PUB, SUB
}
