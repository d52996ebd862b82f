package io.gannet.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** One subcommand of the {@code gannet} tool. */
interface Command {
    /** The word after {@code gannet}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Runs with the arguments after the command's name; returns an {@link ExitCode}. */
    int run(String[] args, Io io) throws Exception;

    /** Where a command reads and writes: the process's streams, or a test's. */
    record Io(PrintStream out, PrintStream err, InputStream in) {
    }
}
