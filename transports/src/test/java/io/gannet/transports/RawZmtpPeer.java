package io.gannet.transports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A minimal hand-written ZMTP 3.1 peer over a blocking {@link SocketChannel}: it sends a
 * NULL greeting and a READY, then lets a test read and write raw frames. Used to play peers
 * that misbehave (stay silent, send oversized frames).
 */
final class RawZmtpPeer implements AutoCloseable {
    final SocketChannel ch;

    RawZmtpPeer(String tcpEndpoint) throws IOException {
        String hostPort = tcpEndpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        ch = SocketChannel.open(new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1))));
    }

    /** Greeting both ways, then our READY and the peer's READY. */
    void handshake(String socketType) throws IOException {
        ByteBuffer g = ByteBuffer.allocate(64);
        g.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F).put((byte) 3).put((byte) 1);
        g.put("NULL".getBytes(StandardCharsets.US_ASCII)).put(new byte[16]).put((byte) 0).put(new byte[31]);
        write(g.flip());
        readFully(64);
        byte[] type = socketType.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer ready = ByteBuffer.allocate(2 + 6 + 12 + 4 + type.length);
        ready.put((byte) 4).put((byte) (6 + 12 + 4 + type.length));
        ready.put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII));
        ready.put((byte) 11).put("Socket-Type".getBytes(StandardCharsets.US_ASCII)).putInt(type.length).put(type);
        write(ready.flip());
        byte[] peerReady = readFrame();
        if (!new String(peerReady, 1, 5, StandardCharsets.US_ASCII).equals("READY")) {
            throw new IOException("expected READY");
        }
    }

    void write(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Writes a message frame with a long header of {@code size} and that many bytes. */
    void writeLongFrame(int size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(9 + size);
        b.put((byte) 2).putLong(size).put(new byte[size]);
        write(b.flip());
    }

    byte[] readFully(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("closed");
            }
        }
        return b.array();
    }

    /** Reads one frame's body (command or message). */
    byte[] readFrame() throws IOException {
        byte flags = readFully(1)[0];
        long size = (flags & 2) != 0 ? ByteBuffer.wrap(readFully(8)).getLong() : readFully(1)[0] & 0xFF;
        return readFully((int) size);
    }

    /** Reads until the peer closes; returns false if it is still open after {@code millis}. */
    boolean closedByPeerWithin(long millis) throws IOException {
        ch.socket().setSoTimeout((int) millis);
        java.io.InputStream in = ch.socket().getInputStream();
        byte[] buf = new byte[4096];
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (System.currentTimeMillis() < deadline) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
