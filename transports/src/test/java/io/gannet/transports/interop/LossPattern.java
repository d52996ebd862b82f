package io.gannet.transports.interop;

import io.gannet.SocketType;

/**
 * The receiving Gannet socket of a loss-matrix case, the peer type that serves it, and the
 * peer's role in {@code closing_sender.py}. The peer sends N messages (or answers N requests)
 * while the connection exists, then closes with LINGER: every one of them must arrive.
 */
public enum LossPattern {
    /** A PUSH sends N messages to the Gannet PULL. */
    PULL(SocketType.PULL, SocketType.PUSH, "push"),
    /** The Gannet DEALER sends N requests; a ROUTER echoes each and closes after the Nth. */
    DEALER(SocketType.DEALER, SocketType.ROUTER, "router"),
    /** An XPUB waits for the Gannet SUB's subscription (no slow-joiner loss), then sends N. */
    SUB(SocketType.SUB, SocketType.XPUB, "xpub"),
    /** A PAIR sends N messages to the Gannet PAIR. */
    PAIR(SocketType.PAIR, SocketType.PAIR, "pair"),
    /** The Gannet REQ asks N times; the REP answers and closes right after its last reply. */
    REQ(SocketType.REQ, SocketType.REP, "rep");

    /** The Gannet socket under test. */
    public final SocketType gannet;
    /** The socket that sends and closes. */
    public final SocketType peer;
    /** The ROLE argument of {@code closing_sender.py}. */
    public final String role;

    LossPattern(SocketType gannet, SocketType peer, String role) {
        this.gannet = gannet;
        this.peer = peer;
        this.role = role;
    }
}
