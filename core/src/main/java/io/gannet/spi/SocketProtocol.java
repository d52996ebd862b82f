package io.gannet.spi;

import io.gannet.Msg;
import io.gannet.SocketOption;

/**
 * The behaviour of one socket type: a small state machine over the socket's pipes
 * (RFC 28 REQ/REP, 29 PUB/SUB, 30 PIPELINE, 31 PAIR). Implementations are found through
 * {@link SocketProtocolProvider}.
 *
 * <p>Every method is called from the socket's thread, one at a time; implementations need no
 * synchronisation. Sends and receives are per frame; the MORE flag is on the {@link Msg}.
 */
public interface SocketProtocol {
    /** A new peer connection is ready. */
    void attach(Pipe pipe);

    /** A peer connection is gone; forget the pipe (it must not be used again). */
    void terminated(Pipe pipe);

    /** A pipe that had run dry has frames to read again. May be called for an active pipe. */
    void readActivated(Pipe pipe);

    /** A pipe that had reached its high-water mark has room again. May be called for a writable pipe. */
    void writeActivated(Pipe pipe);

    /**
     * Sends one frame. Returns true when it was taken (the Msg is left empty), false when it
     * cannot be sent now (the caller keeps it and may wait for an activation). Throws
     * {@link io.gannet.GannetException} when the socket's state forbids sending
     * ({@code EFSM}) or a mandatory route is missing ({@code EHOSTUNREACH}).
     */
    boolean send(Msg msg);

    /**
     * Receives one frame into {@code msg}. Returns false when nothing is ready. Throws
     * {@link io.gannet.GannetException} ({@code EFSM}) when the state forbids receiving.
     */
    boolean recv(Msg msg);

    /** Whether {@link #recv} would return a frame now (for POLLIN). */
    boolean hasIn();

    /** Whether {@link #send} would take a frame now (for POLLOUT). */
    boolean hasOut();

    /**
     * An option of interest to this type was set (already validated and stored). Actions
     * such as SUBSCRIBE act here. Default: nothing.
     */
    default void optionChanged(SocketOption<?> option, Object value) {
    }

    /**
     * The connection behind a pipe was lost and made again (a connecting socket keeps its
     * pipe, and what is queued in it, across reconnects). The new peer knows nothing of the
     * old one's state: SUB and XSUB send their subscriptions again. Default: nothing.
     */
    default void hiccuped(Pipe pipe) {
    }

    /** The socket is closing: release anything held (partial messages, cached frames). */
    default void close() {
    }
}
