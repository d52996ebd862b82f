package io.gannet.patterns.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import java.time.Duration;

/** Whole messages as lists of byte arrays: copied in and out, so no buffer ever leaks to a caller. */
final class FrameIo {
    static final byte[] EMPTY = new byte[0];

    private FrameIo() {
    }

    /** The next whole message if one is waiting, else null; never blocks. */
    static List<byte[]> poll(Socket socket) {
        byte[] first = socket.recvBytes(Socket.DONTWAIT);
        return first == null ? null : rest(socket, first);
    }

    /** The next whole message, waiting at most {@code timeout} (null: without limit); null if none came. */
    static List<byte[]> recv(Socket socket, Duration timeout) {
        Msg first = timeout == null ? socket.recv(0) : socket.recv(timeout);
        if (first == null) {
            return null;
        }
        try (first) {
            return rest(socket, first.bytes());
        }
    }

    private static List<byte[]> rest(Socket socket, byte[] first) {
        List<byte[]> frames = new ArrayList<>(4);
        frames.add(first);
        while (socket.hasMore()) {
            frames.add(socket.recvBytes(0));
        }
        return frames;
    }

    /** Sends {@code frames} as one message; with {@code dontWait}, false when it could not be queued. */
    static boolean send(Socket socket, List<byte[]> frames, boolean dontWait) {
        try (Multipart message = new Multipart()) {
            for (byte[] frame : frames) {
                message.add(frame);
            }
            return socket.send(message, dontWait ? Socket.DONTWAIT : 0);
        }
    }

    static List<byte[]> concat(List<byte[]> head, List<byte[]> tail) {
        List<byte[]> all = new ArrayList<>(head.size() + tail.size());
        all.addAll(head);
        all.addAll(tail);
        return all;
    }

    static List<byte[]> frames(byte[]... frames) {
        return new ArrayList<>(Arrays.asList(frames));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    static boolean is(byte[] frame, byte[] expected) {
        return Arrays.equals(frame, expected);
    }

    /** A routing id as a map key. */
    static String key(byte[] id) {
        StringBuilder sb = new StringBuilder(id.length * 2);
        for (byte b : id) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Copies the frames so the caller may keep or change them. */
    static List<byte[]> copy(List<byte[]> frames) {
        List<byte[]> out = new ArrayList<>(frames.size());
        for (byte[] f : frames) {
            out.add(f.clone());
        }
        return out;
    }
}
