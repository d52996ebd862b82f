package io.gannet.benchmarks.lib;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import java.nio.charset.StandardCharsets;

/**
 * JeroMQ 0.6.0 behind {@link BenchContext}: one {@code ZMQ.Context} with one I/O thread,
 * the same as Gannet's default and libzmq's perf tools.
 *
 * <p>JeroMQ has no Unix domain sockets: its {@code ipc://} maps the path to a TCP port on
 * loopback, so its "ipc" figures are really tcp figures (the report says so).
 */
public final class JeromqContext implements BenchContext {
    private final ZMQ.Context context = ZMQ.context(1);

    @Override
    public BenchSocket socket(Kind kind) {
        ZMQ.Socket socket = context.socket(type(kind));
        socket.setLinger(0);
        return new JeromqSocket(socket);
    }

    @Override
    public String library() {
        return "jeromq";
    }

    @Override
    public void close() {
        context.term();
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

    /** One JeroMQ socket; {@code byte[]} in and out, as JeroMQ users write it. */
    private static final class JeromqSocket implements BenchSocket {
        private final ZMQ.Socket socket;

        JeromqSocket(ZMQ.Socket socket) {
            this.socket = socket;
        }

        @Override
        public void hwm(int messages) {
            socket.setSndHWM(messages);
            socket.setRcvHWM(messages);
        }

        @Override
        public void linger(int millis) {
            socket.setLinger(millis);
        }

        @Override
        public void curve(boolean asServer) {
            if (asServer) {
                socket.setCurveServer(true);
                socket.setCurveSecretKey(CurveKeys.SERVER_SECRET.getBytes(StandardCharsets.US_ASCII));
            } else {
                socket.setCurveServerKey(CurveKeys.SERVER_PUBLIC.getBytes(StandardCharsets.US_ASCII));
                socket.setCurvePublicKey(CurveKeys.CLIENT_PUBLIC.getBytes(StandardCharsets.US_ASCII));
                socket.setCurveSecretKey(CurveKeys.CLIENT_SECRET.getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public void bind(String endpoint) {
            socket.bind(endpoint);
        }

        @Override
        public String bindEphemeral(Transport transport) {
            switch (transport) {
                case TCP:
                    return "tcp://127.0.0.1:" + socket.bindToRandomPort("tcp://127.0.0.1");
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
            if (!socket.send(payload, 0)) {
                throw new IllegalStateException("JeroMQ send failed, errno " + socket.errno());
            }
        }

        @Override
        public int recv() {
            byte[] data = socket.recv(0);
            if (data == null) {
                throw new IllegalStateException("JeroMQ recv failed, errno " + socket.errno());
            }
            return data.length;
        }

        @Override
        public int echo() {
            byte[] data = socket.recv(0);
            if (data == null || !socket.send(data, 0)) {
                throw new IllegalStateException("JeroMQ echo failed, errno " + socket.errno());
            }
            return data.length;
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
