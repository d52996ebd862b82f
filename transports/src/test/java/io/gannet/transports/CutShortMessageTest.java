package io.gannet.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.gannet.Context;
import io.gannet.Monitor;
import io.gannet.MonitorEvent;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketEvent;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A peer that vanishes mid-message loses only that message, and the loss is counted: a raw
 * ZMTP peer sends {@link #COMPLETE} whole two-frame messages, then part of one more, and
 * closes. The Gannet PULL (binding, or connecting to the raw peer's listener; tcp and ipc)
 * must deliver exactly the whole messages, never a piece of the cut one, count one dropped
 * message in {@link Socket#droppedMessages()} and report it as a
 * {@link SocketEvent#MESSAGES_DROPPED} event of value 1.
 */
class CutShortMessageTest {
    private static final int COMPLETE = 3;

    /** How the last message is cut short. */
    enum Cut {
        /** A short frame header promising 100 bytes, then 10 of them. */
        SHORT_FRAME_BODY {
            @Override
            void write(RawZmtpPeer p) throws IOException {
                p.write(ByteBuffer.allocate(12).put((byte) 0).put((byte) 100).put(new byte[10]).flip());
            }
        },
        /** A long frame header promising 1 MB, then 64 KB of it. */
        LONG_FRAME_BODY {
            @Override
            void write(RawZmtpPeer p) throws IOException {
                p.write(ByteBuffer.allocate(9 + 65_536).put((byte) 2).putLong(1_048_576).put(new byte[65_536]).flip());
            }
        },
        /** Two whole frames flagged MORE, and no last frame. */
        MISSING_LAST_FRAME {
            @Override
            void write(RawZmtpPeer p) throws IOException {
                p.writeFrame(RawZmtpPeer.ascii("cut"), true, false);
                p.writeFrame(RawZmtpPeer.ascii("cut"), true, false);
            }
        };

        abstract void write(RawZmtpPeer p) throws IOException;
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Cut cut : Cut.values()) {
            for (String transport : new String[] {"tcp", "ipc"}) {
                for (boolean gannetBinds : new boolean[] {true, false}) {
                    cases.add(Arguments.of(cut, transport, gannetBinds));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} gannet binds={2}")
    @MethodSource("cases")
    void onlyTheCutMessageIsLostAndItIsCounted(Cut cut, String transport, boolean gannetBinds) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "gnt");
        Path sock = dir.resolve("cut.sock");
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL);
                Monitor monitor = pull.monitor(EnumSet.allOf(SocketEvent.class))) {
            pull.set(SocketOption.RCVTIMEO, (int) TestSupport.TIMEOUT.toMillis());
            try (RawZmtpPeer raw = gannetBinds ? bound(pull, transport, sock) : connected(pull, transport, sock)) {
                raw.handshake("PUSH");
                for (int i = 0; i < COMPLETE; i++) {
                    raw.writeMessage("m" + i, "payload " + i);
                }
                cut.write(raw);
            }

            for (int i = 0; i < COMPLETE; i++) {
                try (Multipart m = pull.recvMultipart(0)) {
                    assertEquals(List.of("m" + i, "payload " + i), m == null ? null : m.strings(), "whole message " + i);
                }
            }
            List<MonitorEvent> seen = new ArrayList<>();
            awaitEvent(monitor, SocketEvent.DISCONNECTED, seen);
            pull.set(SocketOption.RCVTIMEO, 200);
            Multipart piece = pull.recvMultipart(0);
            try (piece) {
                assertNull(piece, "no piece of the cut message is delivered");
            }
            assertEquals(1, pull.droppedMessages(), "the cut message is counted as dropped");
            MonitorEvent dropped = awaitEvent(monitor, SocketEvent.MESSAGES_DROPPED, seen);
            assertEquals(1, dropped.value(), dropped.toString());
        } finally {
            Files.deleteIfExists(sock);
            Files.delete(dir);
        }
    }

    /** Gannet binds; the raw peer connects. */
    private static RawZmtpPeer bound(Socket pull, String transport, Path sock) throws IOException {
        pull.bind("tcp".equals(transport) ? "tcp://127.0.0.1:*" : "ipc://" + sock);
        return new RawZmtpPeer(pull.lastEndpoint());
    }

    /** The raw peer listens; Gannet connects, and reconnects later to a listener nobody serves. */
    private static RawZmtpPeer connected(Socket pull, String transport, Path sock) throws IOException {
        try (ServerSocketChannel listener = "tcp".equals(transport)
                ? ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))
                : ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(sock))) {
            pull.connect("tcp".equals(transport)
                    ? "tcp://127.0.0.1:" + ((InetSocketAddress) listener.getLocalAddress()).getPort()
                    : "ipc://" + sock);
            return RawZmtpPeer.accept(listener);
        }
    }

    /** Waits for an event of {@code type}, first among those already {@code seen}; records the others. */
    private static MonitorEvent awaitEvent(Monitor monitor, SocketEvent type, List<MonitorEvent> seen)
            throws InterruptedException {
        for (MonitorEvent e : seen) {
            if (e.event() == type) {
                return e;
            }
        }
        long deadline = System.nanoTime() + TestSupport.TIMEOUT.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0;) {
            MonitorEvent e = monitor.next(Duration.ofNanos(left));
            if (e != null) {
                seen.add(e);
                if (e.event() == type) {
                    return e;
                }
            }
        }
        return fail("no " + type + " event within " + TestSupport.TIMEOUT + "; saw " + seen);
    }
}
