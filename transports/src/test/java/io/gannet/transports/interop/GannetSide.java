package io.gannet.transports.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;

/**
 * The Gannet side of the interop tests: sockets that never block forever, and sending and
 * checking the sequenced messages of {@link PeerMessages} (the format the libzmq peer's
 * {@code send}, {@code recv} and {@code req} modes use). Stateless; used by the test thread.
 */
public final class GannetSide {
    /** How long any single wait may take before the test fails. */
    public static final Duration WAIT = Duration.ofSeconds(20);
    /** The wildcard tcp endpoint: an ephemeral port on loopback. */
    public static final String ANY_TCP = "tcp://127.0.0.1:*";

    private GannetSide() {
    }

    /**
     * A socket whose sends and receives give up after {@link #WAIT} (a null receive or a
     * false send then fails the test), that reconnects quickly and lingers briefly.
     */
    public static Socket socket(Context ctx, SocketType type) {
        Socket s = ctx.socket(type);
        s.set(SocketOption.RCVTIMEO, (int) WAIT.toMillis());
        s.set(SocketOption.SNDTIMEO, (int) WAIT.toMillis());
        s.set(SocketOption.RECONNECT_IVL, 20);
        s.set(SocketOption.LINGER, 1000);
        return s;
    }

    /** Message {@code seq} in the peer's format, behind {@code envelope} frames (copied). */
    public static Multipart message(List<byte[]> envelope, byte[] topic, long seq, int payloadFrames, int size) {
        Multipart m = new Multipart();
        for (byte[] frame : envelope) {
            m.add(frame);
        }
        for (byte[] frame : PeerMessages.message(topic, seq, payloadFrames, size)) {
            m.add(frame);
        }
        return m;
    }

    /** Sends message {@code seq}; fails the test if it cannot be queued in time. */
    public static void send(Socket s, List<byte[]> envelope, byte[] topic, long seq, int payloadFrames, int size) {
        Multipart m = message(envelope, topic, seq, payloadFrames, size);
        if (!s.send(m)) {
            m.close();
            fail("could not send message " + seq + " within " + WAIT);
        }
    }

    /** Receives one whole message; fails the test if none arrives within {@link #WAIT}. */
    public static Multipart recv(Socket s) {
        Multipart m = s.recvMultipart(0);
        assertNotNull(m, "no message within " + WAIT);
        return m;
    }

    /**
     * Receives message {@code seq} behind {@code envelopeFrames} frames and checks its
     * header and payload frames; returns the envelope frames.
     */
    public static List<byte[]> expect(Socket s, int envelopeFrames, byte[] topic, long seq, int payloadFrames, int size) {
        Multipart received = s.recvMultipart(0);
        assertNotNull(received, "message " + seq + " did not arrive within " + WAIT);
        try (Multipart m = received) {
            return check(m, envelopeFrames, topic, seq, payloadFrames, size);
        }
    }

    /** Checks a received message against message {@code seq}; returns its envelope frames. */
    public static List<byte[]> check(Multipart m, int envelopeFrames, byte[] topic, long seq, int payloadFrames, int size) {
        assertEquals(envelopeFrames + 1 + payloadFrames, m.size(), "frames of message " + seq);
        List<byte[]> envelope = new ArrayList<>(envelopeFrames);
        for (int i = 0; i < envelopeFrames; i++) {
            envelope.add(m.get(i).bytes());
        }
        byte[] header = m.get(envelopeFrames).bytes();
        assertEquals(seq, PeerMessages.seqOf(header), "sequence number (nothing lost or reordered)");
        assertArrayEquals(topic, PeerMessages.topicOf(header), "topic of message " + seq);
        for (int f = 1; f <= payloadFrames; f++) {
            Msg frame = m.get(envelopeFrames + f);
            assertEquals(size, frame.size(), "size of frame " + f + " of message " + seq);
            checkPattern(frame, seq + f, "frame " + f + " of message " + seq);
        }
        return envelope;
    }

    /**
     * Checks the pattern bytes of a frame, copying it out in 64 KB chunks: 64 MB frames stay
     * in place, and the few bulk reads keep Netty's paranoid leak detector (which records
     * every access) from dominating the run time.
     */
    public static void checkPattern(Msg frame, long start, String what) {
        var data = frame.data();
        int base = data.readerIndex();
        int size = data.readableBytes();
        byte[] chunk = new byte[Math.min(size, 64 * 1024)];
        for (int off = 0; off < size; off += chunk.length) {
            int n = Math.min(chunk.length, size - off);
            data.getBytes(base + off, chunk, 0, n);
            for (int j = 0; j < n; j++) {
                if (chunk[j] != (byte) (start + off + j)) {
                    fail(what + " differs from the pattern at byte " + (off + j));
                }
            }
        }
    }

    /** Sends {@code m} to a ROUTER peer that may not have finished its handshake yet (ROUTER_MANDATORY). */
    public static void sendRouted(Socket router, Multipart m) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (!router.send(m)) {
                    m.close();
                    fail("router could not send within " + WAIT);
                }
                return;
            } catch (GannetException e) {
                if (e.code() != ErrorCode.EHOSTUNREACH || System.nanoTime() > deadline) {
                    m.close();
                    throw e;
                }
                Thread.sleep(5);
            }
        }
    }

    /** A monitor of every event. */
    public static Monitor monitorAll(Socket s) {
        return s.monitor(EnumSet.allOf(SocketEvent.class));
    }

    /** Waits for the next event of {@code type}, skipping others; fails after {@link #WAIT}. */
    public static MonitorEvent await(Monitor m, SocketEvent type) {
        return await(m, Set.of(type));
    }

    /** Waits for the next event of one of {@code types}, skipping others. */
    public static MonitorEvent await(Monitor m, Set<SocketEvent> types) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SocketEvent> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("no " + types + " event within " + WAIT + "; saw " + skipped);
            }
            MonitorEvent e = m.next(Duration.ofNanos(left));
            if (e != null) {
                if (types.contains(e.event())) {
                    return e;
                }
                skipped.add(e.event());
            }
        }
    }

    /** Every event reported within {@code window}: for checking that something does not happen. */
    public static List<MonitorEvent> during(Monitor m, Duration window) {
        List<MonitorEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            MonitorEvent e = m.next(Duration.ofNanos(left));
            if (e != null) {
                seen.add(e);
            }
        }
        return seen;
    }
}
