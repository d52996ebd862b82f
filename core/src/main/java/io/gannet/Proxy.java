package io.gannet;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * libzmq's built-in proxy ({@code zmq_proxy}, {@code zmq_proxy_steerable}): runs in the
 * calling thread and moves whole messages from a frontend socket to a backend socket and
 * back, until the context closes or (steerable form) a control socket says TERMINATE.
 *
 * <pre>{@code
 * // A streamer: PULL from the producers, PUSH to the workers.
 * try (Socket in = ctx.socket(SocketType.PULL); Socket out = ctx.socket(SocketType.PUSH)) {
 *     in.bind("tcp://*:5557");
 *     out.bind("tcp://*:5558");
 *     Proxy.start(in, out, null); // until ctx.close()
 * }
 * }</pre>
 *
 * <p>Typical pairs are ROUTER/DEALER (a shared queue), XSUB/XPUB (a forwarder) and PULL/PUSH
 * (a streamer). Set options and bind or connect both sockets first. The proxy is symmetric:
 * messages flow whichever way the socket types allow. It never blocks on a full side: a
 * message the receiving side cannot take yet waits inside the proxy (which stops reading the
 * other side meanwhile) until there is room, and the control socket is served all the while.
 * Frames are moved without copying.
 *
 * <p><b>Capture.</b> When {@code capture} is not null, it gets every frame the proxy receives
 * on either side (same bytes, no copy, same MORE flags) before the frame is passed on. As in
 * libzmq the capture send blocks, so use a socket that never does (PUB, or a PUSH/PAIR whose
 * reader keeps up).
 *
 * <p><b>Control</b> ({@link #start(Socket, Socket, Socket, Socket)}). The control socket
 * receives single-frame commands:
 * <ul>
 *   <li>{@code PAUSE}: stop moving messages (they queue up in the sockets, within their HWMs);</li>
 *   <li>{@code RESUME}: move messages again;</li>
 *   <li>{@code TERMINATE}: return;</li>
 *   <li>{@code STATISTICS}: reply with eight frames of eight bytes each (unsigned, host byte
 *       order, as libzmq sends them): messages received by the frontend, bytes received by the
 *       frontend, messages sent by the frontend, bytes sent by the frontend, then the same four
 *       for the backend. A multipart message counts once, with the bytes of all its frames.</li>
 * </ul>
 * A REP control socket gets an empty reply to the other commands (and to unknown ones, which
 * are otherwise ignored), so that its request-reply cycle goes on; other control socket types
 * get no reply to them.
 *
 * <p><b>Ends.</b> libzmq's proxy returns -1 with {@code ETERM} when the context closes; here
 * that is a {@link ContextClosedException}, and an interrupt of the proxy thread is a
 * {@link GannetInterruptedException}. TERMINATE returns normally. A message the proxy held
 * when it ended (received, not yet accepted by the other side) is dropped; if it had been
 * passed on in part, the receiving socket holds the unfinished part until it is closed.
 */
public final class Proxy {
    private static final int BURST = 1000;
    private static final int FRONTEND_STATS = 0;
    private static final int BACKEND_STATS = 4;

    private Proxy() {
    }

    /**
     * Runs the proxy until the context closes ({@code zmq_proxy}); never returns normally.
     *
     * @param capture a socket that gets a copy of every frame, or null
     * @throws ContextClosedException when the context of the sockets closes
     */
    public static void start(Socket frontend, Socket backend, Socket capture) {
        start(frontend, backend, capture, null);
    }

    /**
     * Runs the proxy until the control socket says TERMINATE (a normal return) or the context
     * closes ({@code zmq_proxy_steerable}); see the class doc for the commands.
     *
     * @param capture a socket that gets a copy of every frame, or null
     * @param control a socket that receives commands, or null (then as {@link #start(Socket, Socket, Socket)})
     * @throws ContextClosedException when the context of the sockets closes
     */
    public static void start(Socket frontend, Socket backend, Socket capture, Socket control) {
        if (frontend == null || backend == null) {
            throw new GannetException(ErrorCode.EINVAL, "the proxy needs a frontend and a backend socket");
        }
        if (frontend == backend) {
            throw new GannetException(ErrorCode.EINVAL, "the frontend and the backend must be different sockets");
        }
        long[] stats = new long[8];
        Flow forward = new Flow(frontend, backend, capture, stats, FRONTEND_STATS, BACKEND_STATS);
        Flow backward = new Flow(backend, frontend, capture, stats, BACKEND_STATS, FRONTEND_STATS);
        try (Poller poller = new Poller(); Msg command = new Msg()) {
            int front = poller.register(frontend, 0);
            int back = poller.register(backend, 0);
            int ctl = control == null ? -1 : poller.register(control, Poller.POLLIN);
            boolean paused = false;
            for (;;) {
                int frontEvents = 0;
                int backEvents = 0;
                if (!paused) {
                    // Wait for room on the side that holds us up, else for messages to move.
                    if (forward.holding()) {
                        backEvents |= Poller.POLLOUT;
                    } else {
                        frontEvents |= Poller.POLLIN;
                    }
                    if (backward.holding()) {
                        frontEvents |= Poller.POLLOUT;
                    } else {
                        backEvents |= Poller.POLLIN;
                    }
                }
                poller.register(frontend, frontEvents);
                poller.register(backend, backEvents);
                poller.poll(-1);
                if (ctl >= 0 && poller.isReadable(ctl)) {
                    while (control.recv(command, Socket.DONTWAIT)) {
                        String verb = readCommand(control, command);
                        if (verb.equals("TERMINATE")) {
                            replyEmpty(control);
                            return;
                        } else if (verb.equals("PAUSE")) {
                            paused = true;
                            replyEmpty(control);
                        } else if (verb.equals("RESUME")) {
                            paused = false;
                            replyEmpty(control);
                        } else if (verb.equals("STATISTICS")) {
                            replyStatistics(control, stats);
                        } else {
                            replyEmpty(control);
                        }
                    }
                }
                if (!paused) {
                    forward.pump(poller.isReadable(front));
                    backward.pump(poller.isReadable(back));
                }
            }
        } finally {
            forward.dispose();
            backward.dispose();
        }
    }

    /** The command's text; any further frames of the command message are read and dropped. */
    private static String readCommand(Socket control, Msg command) {
        String verb = command.string();
        while (command.hasMore() && control.recv(command, 0)) {
            // drain
        }
        command.close();
        return verb;
    }

    private static void replyEmpty(Socket control) {
        if (control.type() == SocketType.REP) {
            control.send(new byte[0], 0);
        }
    }

    private static void replyStatistics(Socket control, long[] stats) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        for (int i = 0; i < stats.length; i++) {
            b.clear();
            b.putLong(stats[i]);
            control.send(b.array(), i < stats.length - 1 ? Socket.SNDMORE : 0);
        }
    }

    /**
     * One direction of the proxy: frames from {@code from} to {@code to}, one at a time. A
     * frame {@code to} could not take is held until it can; meanwhile nothing more is read
     * from {@code from}. Owned by the proxy's thread.
     */
    private static final class Flow {
        private final Socket from;
        private final Socket to;
        private final Socket capture;
        private final long[] stats;
        private final int fromStats;
        private final int toStats;
        private final Msg frame = new Msg();
        private boolean held;
        /** The last frame read from {@code from} had MORE: the rest of its message is there to read. */
        private boolean midMessage;
        private long messageBytes;

        Flow(Socket from, Socket to, Socket capture, long[] stats, int fromStats, int toStats) {
            this.from = from;
            this.to = to;
            this.capture = capture;
            this.stats = stats;
            this.fromStats = fromStats;
            this.toStats = toStats;
        }

        boolean holding() {
            return held;
        }

        /**
         * Moves up to a burst of frames without blocking.
         *
         * @param readable whether the poll found {@code from} readable; without it only a held
         *                 frame and the rest of its message move (a PUSH must not be asked to recv)
         */
        void pump(boolean readable) {
            for (int i = 0; i < BURST; i++) {
                if (!held) {
                    if (!readable && !midMessage) {
                        return;
                    }
                    if (!from.recv(frame, Socket.DONTWAIT)) {
                        return;
                    }
                    readable = true;
                    held = true;
                    midMessage = frame.hasMore();
                    if (capture != null) {
                        ByteBuf copy = frame.data().retainedDuplicate();
                        if (!capture.send(copy, frame.hasMore() ? Socket.SNDMORE : 0)) {
                            copy.release(); // SNDTIMEO expired: the capture misses this frame
                        }
                    }
                }
                boolean more = frame.hasMore();
                int size = frame.size();
                if (!to.send(frame, Socket.DONTWAIT | (more ? Socket.SNDMORE : 0))) {
                    frame.more(more); // a refused send leaves the frame with us, flag included
                    return;
                }
                held = false;
                messageBytes += size;
                if (!more) {
                    stats[fromStats]++;
                    stats[fromStats + 1] += messageBytes;
                    stats[toStats + 2]++;
                    stats[toStats + 3] += messageBytes;
                    messageBytes = 0;
                }
            }
        }

        void dispose() {
            frame.close();
            held = false;
        }
    }
}
