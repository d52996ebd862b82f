package io.gannet.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The pipe ends a socket owns, one per peer, whatever kind of endpoint made them.
 * Owned by the socket's thread.
 */
final class SocketPipes {
    private final List<PipeEnd> pipes = new ArrayList<>();

    void add(PipeEnd end) {
        pipes.add(end);
    }

    void remove(PipeEnd end) {
        pipes.remove(end);
    }

    /**
     * Unbind and disconnect end that endpoint's pipes here and now, as libzmq does: what was
     * received but not read is dropped; what was sent still lingers out (through the session,
     * or in the inproc peer's queue) unless {@code discard}.
     */
    void closeEndpoint(String endpoint, boolean discard, PipeHandler handler) {
        for (PipeEnd end : new ArrayList<>(pipes)) {
            if (!end.isDone() && end.endpoint().equals(endpoint)) {
                end.close(discard);
                handler.terminated(end);
            }
        }
    }

    /** The socket closes: every end goes. */
    void closeAll(boolean discard) {
        for (PipeEnd end : pipes) {
            end.close(discard);
        }
        pipes.clear();
    }
}
