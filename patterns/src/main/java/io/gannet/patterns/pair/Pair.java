package io.gannet.patterns.pair;

import io.gannet.Msg;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketProtocol;

/**
 * PAIR (RFC 31): exactly one peer at a time. A second peer is refused (its pipe is closed)
 * while the first is connected, as libzmq does.
 */
public final class Pair implements SocketProtocol {
    private Pipe pipe;
    private boolean writable;
    private boolean readable;

    @Override
    public void attach(Pipe p) {
        if (pipe != null) {
            p.terminate();
            return;
        }
        pipe = p;
        writable = true;
        readable = true;
    }

    @Override
    public void terminated(Pipe p) {
        if (p == pipe) {
            pipe = null;
        }
    }

    @Override
    public void readActivated(Pipe p) {
        if (p == pipe) {
            readable = true;
        }
    }

    @Override
    public void writeActivated(Pipe p) {
        if (p == pipe) {
            writable = true;
        }
    }

    @Override
    public boolean send(Msg msg) {
        if (pipe == null || !writable) {
            return false;
        }
        boolean more = msg.hasMore();
        if (!pipe.write(msg)) {
            writable = false;
            return false;
        }
        if (!more) {
            pipe.flush();
        }
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        if (pipe == null || !readable) {
            return false;
        }
        if (!pipe.read(msg)) {
            readable = false;
            return false;
        }
        return true;
    }

    @Override
    public boolean hasIn() {
        return pipe != null && readable && (readable = pipe.checkRead());
    }

    @Override
    public boolean hasOut() {
        return pipe != null && writable && (writable = pipe.checkWrite());
    }
}
