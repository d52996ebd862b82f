package io.gannet.patterns.pipeline;

import io.gannet.Msg;
import io.gannet.SocketType;
import io.gannet.patterns.common.FairQueue;
import io.gannet.patterns.common.Unsupported;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketProtocol;

/** PULL (RFC 30): fair-queues messages from its PUSH peers; never sends. */
public final class Pull implements SocketProtocol {
    private final FairQueue in = new FairQueue();

    @Override
    public void attach(Pipe pipe) {
        in.attach(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        in.terminated(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        in.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        // PULL never writes.
    }

    @Override
    public boolean send(Msg msg) {
        throw Unsupported.cannotSend(SocketType.PULL);
    }

    @Override
    public boolean recv(Msg msg) {
        return in.recv(msg);
    }

    @Override
    public boolean hasIn() {
        return in.hasIn();
    }

    @Override
    public boolean hasOut() {
        return false;
    }
}
