package io.gannet.internal;

import io.gannet.SocketType;

/**
 * Connects a connection's handshake to the ZAP handler of its context (RFC 27): the socket
 * bound at {@code inproc://zeromq.zap.01}, which must be a REP or ROUTER (libzmq's rule). Each
 * call makes a new pipe to it, as libzmq's session does, with no high-water mark in either
 * direction (a ZAP request is never refused for room). Thread-safe; one per endpoint.
 */
public final class ZapConnector {
    private static final String NAME = "zeromq.zap.01";

    private final ContextCore context;

    public ZapConnector(ContextCore context) {
        this.context = context;
    }

    /**
     * A pipe to the handler, its other end handed to the handler's socket, or null when no
     * REP or ROUTER is bound there. The returned end is owned by {@code owner}'s thread,
     * which must close it when done.
     */
    public PipeEnd connect(Mailbox owner, PipeHandler handler) {
        SocketImpl zap = context.inproc().boundSocket(NAME);
        if (zap == null || (zap.type() != SocketType.REP && zap.type() != SocketType.ROUTER)) {
            return null;
        }
        PipePair pair = PipePair.create(0, 0, false, false, true, "inproc://" + NAME);
        PipeEnd mine = pair.first();
        PipeEnd theirs = pair.second();
        mine.peerIdentity(zap.type(), null);
        theirs.peerIdentity(SocketType.DEALER, null);
        mine.owner(owner, handler);
        if (!zap.mailbox().postCold(new Command.Attach(theirs))) {
            // The handler's socket is closing: as if none were bound.
            theirs.abandon();
            mine.close(true);
            return null;
        }
        return mine;
    }
}
