package io.gannet.testing;

import io.gannet.Msg;
import io.gannet.spi.Pipe;
import io.gannet.spi.SocketProtocol;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest socket type that lets core's tests drive a socket: it sends to and receives
 * from its pipes in turn, a whole message on one pipe, and reports back-pressure by returning
 * false. No routing, no filtering, no RFC: behaviour of the socket machinery (threads, blocking,
 * interrupts, endpoints, monitors) is what core's tests look at. Owned by the socket's thread.
 */
final class TestProtocol implements SocketProtocol {
    private final List<Pipe> pipes = new ArrayList<>();
    private int nextOut;
    private int nextIn;
    /** The pipe a multi-frame message is being written to or read from, else null. */
    private Pipe sending;
    private Pipe receiving;

    @Override
    public void attach(Pipe pipe) {
        pipes.add(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        pipes.remove(pipe);
        if (sending == pipe) {
            sending = null;
        }
        if (receiving == pipe) {
            receiving = null;
        }
    }

    @Override
    public void readActivated(Pipe pipe) {
        // hasIn/recv ask the pipes themselves.
    }

    @Override
    public void writeActivated(Pipe pipe) {
        // hasOut/send ask the pipes themselves.
    }

    @Override
    public boolean send(Msg msg) {
        Pipe p = sending != null ? sending : writable();
        if (p == null || !p.write(msg)) {
            return false;
        }
        sending = msg.hasMore() ? p : null;
        if (sending == null) {
            p.flush();
        }
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        Pipe p = receiving != null ? receiving : readable();
        if (p == null || !p.read(msg)) {
            return false;
        }
        receiving = msg.hasMore() ? p : null;
        return true;
    }

    @Override
    public boolean hasIn() {
        return receiving != null || readable() != null;
    }

    @Override
    public boolean hasOut() {
        return sending != null || writable() != null;
    }

    private Pipe writable() {
        for (int i = 0; i < pipes.size(); i++) {
            Pipe p = pipes.get((nextOut + i) % pipes.size());
            if (p.checkWrite()) {
                nextOut = (nextOut + i + 1) % pipes.size();
                return p;
            }
        }
        return null;
    }

    private Pipe readable() {
        for (int i = 0; i < pipes.size(); i++) {
            Pipe p = pipes.get((nextIn + i) % pipes.size());
            if (p.checkRead()) {
                nextIn = (nextIn + i + 1) % pipes.size();
                return p;
            }
        }
        return null;
    }
}
