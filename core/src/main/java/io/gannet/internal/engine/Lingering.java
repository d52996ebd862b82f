package io.gannet.internal.engine;

/**
 * Something on an I/O thread that may still hold a closed socket's messages when the context
 * closes (a ZMTP {@link Session}, a {@link DatagramSessionEndpoint}): {@link IoThreads#shutdown}
 * caps its LINGER -1 and, when the close is cut short, makes it drop what it holds. Both
 * methods run on {@link #io()}.
 */
interface Lingering {
    /** The thread it runs on. */
    IoThread io();

    /** The context closes: lingering for ever (LINGER -1) now waits at most {@code limitMs} (-1: no limit). */
    void contextClosing(long limitMs);

    /** The context's close stops waiting: drop what is left now (counted) and finish. */
    void abort(String why);
}
