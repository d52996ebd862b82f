package io.gannet.benchmarks.lib;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.WaitStrategy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Gannet behind {@link BenchContext}, on its zero-copy path: sends hand the socket a
 * {@link ByteBuf} holding the payload without copying or allocating per message, receives
 * reuse one {@link Msg}, and an echo sends the received frame back without copying it.
 * Steady state, this path is meant to allocate nothing on the heap, which {@code -prof gc}
 * checks.
 *
 * <p>Why sends do not allocate a buffer per message: JeroMQ's twin wraps the same
 * {@code byte[]} without copying, so both libraries are measured moving a constant payload,
 * the messaging path alone. {@code e2e.AllocatedPushPull} measures a new message per send,
 * allocated from the context's allocator on one thread and released on another.
 *
 * <p>With the system property {@value #PATH_PROPERTY}{@code =bytes}, sockets take the path an
 * application usually writes instead: {@code send(byte[])} (which copies the array into a
 * pooled buffer per message, the ZeroMQ contract) and {@code recvBytes()} (a new array per
 * message), as JeroMQ's twin does and as libzmq's perf tools build a message per send. The
 * perf tools run this way in {@code compare.sh}; JMH measures the zero-copy path.
 *
 * <p>The context's {@link WaitStrategy} comes from the system property {@value #WAIT_PROPERTY}:
 * {@code blocking} (the default), {@code backoff} ({@link WaitStrategy#backoff()}) or
 * {@code backoff:<spins>:<yields>}.
 */
public final class GannetContext implements BenchContext {
    /** System property choosing the context's wait strategy. */
    public static final String WAIT_PROPERTY = "gannet.perf.wait";
    /** System property choosing the payload path: {@code zerocopy} (default) or {@code bytes}. */
    public static final String PATH_PROPERTY = "gannet.perf.path";

    private final boolean bytesPath = "bytes".equals(System.getProperty(PATH_PROPERTY, "zerocopy"));

    private final Context context = Context.builder().waitStrategy(waitStrategy(System.getProperty(WAIT_PROPERTY))).build();

    /** Parses {@code blocking}, {@code backoff} or {@code backoff:<spins>:<yields>} (null: blocking). */
    static WaitStrategy waitStrategy(String spec) {
        if (spec == null || spec.isEmpty() || spec.equals("blocking")) {
            return WaitStrategy.BLOCKING;
        }
        if (spec.equals("backoff")) {
            return WaitStrategy.backoff();
        }
        String[] parts = spec.split(":");
        if (parts.length == 3 && parts[0].equals("backoff")) {
            return WaitStrategy.backoff(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }
        throw new IllegalArgumentException(WAIT_PROPERTY + " must be blocking, backoff or backoff:<spins>:<yields>, not " + spec);
    }

    @Override
    public BenchSocket socket(Kind kind) {
        Socket socket = context.socket(type(kind));
        socket.set(SocketOption.LINGER, 0);
        return new GannetSocket(socket, bytesPath);
    }

    @Override
    public String library() {
        return "gannet";
    }

    @Override
    public void close() {
        context.close();
    }

    private static SocketType type(Kind kind) {
        switch (kind) {
            case PUSH: return SocketType.PUSH;
            case PULL: return SocketType.PULL;
            case REQ: return SocketType.REQ;
            case REP: return SocketType.REP;
            case PUB: return SocketType.PUB;
            case SUB: return SocketType.SUB;
            default: throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    /** One Gannet socket plus the reusable receive frame; used by one thread at a time. */
    private static final class GannetSocket implements BenchSocket {
        private final Socket socket;
        private final Msg frame = new Msg();
        /** send(byte[]) and recvBytes() instead of the zero-copy calls. */
        private final boolean bytesPath;
        /** The last payload sent and the buffer that carries it (see {@link #payloadBuffer}). */
        private byte[] lastPayload;
        private ByteBuf lastBuffer;

        GannetSocket(Socket socket, boolean bytesPath) {
            this.socket = socket;
            this.bytesPath = bytesPath;
        }

        @Override
        public void hwm(int messages) {
            socket.set(SocketOption.SNDHWM, messages);
            socket.set(SocketOption.RCVHWM, messages);
        }

        @Override
        public void linger(int millis) {
            socket.set(SocketOption.LINGER, millis);
        }

        @Override
        public void curve(boolean asServer) {
            if (asServer) {
                socket.set(SocketOption.CURVE_SERVER, true);
                socket.set(SocketOption.CURVE_SECRETKEY, CurveKeys.SERVER_SECRET.getBytes(StandardCharsets.US_ASCII));
                return;
            }
            socket.set(SocketOption.CURVE_SERVERKEY, CurveKeys.SERVER_PUBLIC.getBytes(StandardCharsets.US_ASCII));
            socket.set(SocketOption.CURVE_SECRETKEY, CurveKeys.CLIENT_SECRET.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void bind(String endpoint) {
            socket.bind(endpoint);
        }

        @Override
        public String bindEphemeral(Transport transport) {
            switch (transport) {
                case TCP:
                    socket.bind("tcp://127.0.0.1:*");
                    return socket.lastEndpoint();
                case IPC:
                    String ipc = Transport.ipcEndpoint();
                    socket.bind(ipc);
                    return ipc;
                case INPROC:
                    String inproc = Transport.inprocEndpoint();
                    socket.bind(inproc);
                    return inproc;
                default:
                    throw new IllegalArgumentException("unknown transport " + transport);
            }
        }

        @Override
        public void connect(String endpoint) {
            socket.connect(endpoint);
        }

        @Override
        public void subscribeAll() {
            socket.subscribe(new byte[0]);
        }

        @Override
        public void send(byte[] payload) {
            if (!(bytesPath ? socket.send(payload, 0) : socket.send(payloadBuffer(payload), 0))) {
                throw new IllegalStateException("Gannet send returned false without DONTWAIT");
            }
        }

        /**
         * A direct copy of {@code payload}, made once per distinct array (the benchmarks send
         * one constant payload) and shared by every message: read-only, and unreleasable so
         * that the reference each send hands over costs nothing. Its memory is a JDK direct
         * buffer, freed by the GC once no message holds it any more.
         */
        private ByteBuf payloadBuffer(byte[] payload) {
            if (payload != lastPayload) {
                ByteBuffer copy = ByteBuffer.allocateDirect(payload.length).put(payload).flip();
                lastBuffer = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(copy).asReadOnly());
                lastPayload = payload;
            }
            return lastBuffer;
        }

        @Override
        public int recv() {
            if (bytesPath) {
                return socket.recvBytes(0).length;
            }
            if (!socket.recv(frame, 0)) {
                throw new IllegalStateException("Gannet recv returned false without DONTWAIT");
            }
            return frame.size();
        }

        @Override
        public int echo() {
            if (bytesPath) {
                byte[] data = socket.recvBytes(0);
                if (!socket.send(data, 0)) {
                    throw new IllegalStateException("Gannet send returned false without DONTWAIT");
                }
                return data.length;
            }
            int size = recv();
            if (!socket.send(frame, 0)) {
                throw new IllegalStateException("Gannet send returned false without DONTWAIT");
            }
            return size;
        }

        @Override
        public void close() {
            frame.close();
            socket.close();
        }
    }
}
