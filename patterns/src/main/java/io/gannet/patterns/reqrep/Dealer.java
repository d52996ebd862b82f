package io.gannet.patterns.reqrep;

import io.gannet.Msg;
import io.gannet.SocketOption;
import io.gannet.patterns.common.FairQueue;
import io.gannet.patterns.common.LoadBalancer;
import io.gannet.patterns.common.Probe;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketHost;
import io.gannet.spi.SocketProtocol;

/**
 * DEALER (RFC 28): load-balances outgoing messages over the peers that have room, fair-queues
 * incoming ones, and leaves envelopes alone. Blocks (returns false) when no peer has room.
 * When a peer goes, the messages queued for it go with its pipe (RFC 28's "destroy its double
 * queue"), but messages that had already arrived from it are still delivered, as libzmq 4.3
 * does: discarding them would lose the last reply of a peer that answers and exits.
 *
 * <p>It drops only the rest of a message whose peer left after its first frame was sent,
 * which {@link io.gannet.Socket#droppedMessages()} counts once.
 *
 * <p>Owned by the socket's thread, like every protocol.
 */
public final class Dealer implements SocketProtocol {
    private final FairQueue in = new FairQueue();
    private final LoadBalancer out;
    private final SocketHost options;

    public Dealer(SocketHost host) {
        this.options = host;
        this.out = new LoadBalancer(host::countDropped);
    }

    @Override
    public void attach(Pipe pipe) {
        if (options.option(SocketOption.PROBE_ROUTER)) {
            Probe.send(pipe);
        }
        in.attach(pipe);
        out.attach(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        in.terminated(pipe);
        out.terminated(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        in.activated(pipe);
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
        return in.recv(msg);
    }

    @Override
    public boolean hasIn() {
        return in.hasIn();
    }

    @Override
    public boolean hasOut() {
        return out.hasOut();
    }
}
