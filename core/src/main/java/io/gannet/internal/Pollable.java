package io.gannet.internal;

import io.gannet.Socket;

/**
 * What a {@link io.gannet.Poller} needs of a socket: to hold it while it looks, to see what
 * it is ready for, and to wait on its mailbox. Called on the polling thread.
 */
public interface Pollable {
    /** Takes the socket's thread guard (throws if it is closed or its context is); pair with {@link #exitForPoll()}. */
    void enterForPoll();

    /** Releases the guard taken by {@link #enterForPoll()}. */
    void exitForPoll();

    /**
     * POLLIN/POLLOUT readiness: bit 1 readable, bit 2 writable. Runs queued commands first.
     * The caller holds the socket (see {@link #enterForPoll()}).
     */
    int readiness();

    /** Whether a wait on this socket must end now (its context or another thread is closing it). */
    boolean isTerminating();

    /** The mailbox the poller waits on (it makes itself the mailbox's waiter). */
    SocketMailbox mailbox();

    /** The socket polled, as the application knows it. */
    Socket socket();
}
