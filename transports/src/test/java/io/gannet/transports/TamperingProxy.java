package io.gannet.transports;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A man in the middle for one ZMTP connection over tcp: forwards both directions and, in the
 * client-to-server direction, changes one frame after the greeting ({@code frameIndex},
 * counting commands and messages from 0): replays it, or flips its last byte. Lets a test
 * damage CURVE traffic that only the two ends can encrypt. Threads: an acceptor and two
 * pumps, all daemons, all ended by {@link #close()}.
 */
final class TamperingProxy implements AutoCloseable {
    enum Action { REPLAY, DAMAGE }

    private final ServerSocket listener;
    private final Thread acceptor;
    private volatile Socket client;
    private volatile Socket server;

    TamperingProxy(int serverPort, int frameIndex, Action action) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> run(serverPort, frameIndex, action), "tampering-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String endpoint() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    private void run(int serverPort, int frameIndex, Action action) {
        try {
            client = listener.accept();
            server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            Thread back = new Thread(() -> copy(server, client), "tampering-proxy-back");
            back.setDaemon(true);
            back.start();
            forward(client.getInputStream(), server.getOutputStream(), frameIndex, action);
        } catch (IOException e) {
            // A side closed: the test is over or the connection was refused, as intended.
        }
    }

    private static void forward(InputStream from, OutputStream to, int frameIndex, Action action) throws IOException {
        DataInputStream in = new DataInputStream(from);
        byte[] greeting = new byte[64];
        in.readFully(greeting, 0, 11); // the partial greeting comes first (RFC 37)
        to.write(greeting, 0, 11);
        to.flush();
        in.readFully(greeting, 11, 53);
        to.write(greeting, 11, 53);
        to.flush();
        for (int frame = 0; ; frame++) {
            int flags = in.readUnsignedByte();
            long size = (flags & 2) != 0 ? in.readLong() : in.readUnsignedByte();
            byte[] body = new byte[Math.toIntExact(size)];
            in.readFully(body);
            if (frame == frameIndex && action == Action.DAMAGE) {
                body[body.length - 1] ^= 1;
            }
            write(to, flags, body);
            if (frame == frameIndex && action == Action.REPLAY) {
                write(to, flags, body);
            }
            to.flush();
        }
    }

    private static void write(OutputStream to, int flags, byte[] body) throws IOException {
        to.write(flags);
        if ((flags & 2) != 0) {
            for (int i = 7; i >= 0; i--) {
                to.write((int) ((long) body.length >>> (8 * i)));
            }
        } else {
            to.write(body.length);
        }
        to.write(body);
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // Either side closed.
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        acceptor.join(TestSupport.TIMEOUT.toMillis());
    }
}
