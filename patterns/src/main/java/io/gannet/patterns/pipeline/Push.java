package io.gannet.patterns.pipeline;

import io.gannet.Msg;
import io.gannet.SocketType;
import io.gannet.patterns.common.LoadBalancer;
import io.gannet.patterns.common.Unsupported;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;

/**
 * PUSH (RFC 30): load-balances messages over its PULL peers; blocks when every peer is at
 * its high-water mark or none is connected; never receives. It drops only the rest of a
 * message whose peer left after its first frame was sent, which
 * {@link io.gannet.Socket#droppedMessages()} counts once.
 */
public final class Push implements SocketProtocol {
    private final LoadBalancer out;

    public Push(SocketHost host) {
        this.out = new LoadBalancer(host::countDropped);
    }

    @Override
    public void attach(Pipe pipe) {
        out.attach(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        out.terminated(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        // PULL peers never send; the pipe's end-of-stream is handled by the pipe itself.
    }

    @Override
    public void writeActivated(Pipe pipe) {
        out.activated(pipe);
    }

    @Override
    public boolean send(Msg msg) {
        return out.send(msg, null);
    }

    @Override
    public boolean recv(Msg msg) {
        throw Unsupported.cannotReceive(SocketType.PUSH);
    }

    @Override
    public boolean hasIn() {
        return false;
    }

    @Override
    public boolean hasOut() {
        return out.hasOut();
    }
}
