package io.gannet.patterns.common;

import io.gannet.Msg;
import io.gannet.spi.Pipe;

/**
 * PROBE_ROUTER: an empty message sent to each new peer as soon as it attaches, so that a
 * ROUTER on the other side learns the connection's routing id before any request arrives.
 */
public final class Probe {
    private Probe() {
    }

    /** Writes the empty probe message to {@code pipe} and flushes it; a full pipe skips it. */
    public static void send(Pipe pipe) {
        Msg empty = new Msg();
        if (pipe.write(empty)) {
            pipe.flush();
        }
    }
}
