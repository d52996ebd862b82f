package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.netty.buffer.Unpooled;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Frame sizes, multipart messages and long streams between Gannet and libzmq, each way,
 * over tcp and ipc: every size class (0 B, 255/256 B around the short/long frame boundary,
 * 1 MB), multipart messages with empty frames, one 64 MB message, and 100,000 messages
 * checked by sequence number (nothing lost, nothing reordered).
 *
 * <p>Gannet is PUSH or PULL against a libzmq PULL or PUSH whose {@code recv} mode checks
 * sequence, frame count, sizes and content; Gannet checks the same on its side. The 64 MB
 * payload is sent by Gannet as one wrapped buffer, and checked in chunks, so each case holds
 * only a few copies of it.
 */
@LibzmqInterop
class MessageSizeInteropTest {
    private static final byte[] NONE = new byte[0];
    /** Every size class: empty, short frames up to 255, long from 256, 1 MB. */
    private static final int[] SIZES = {0, 1, 255, 256, 257, 65_536, 1_048_576, 0};
    /** Frames per message, header included: three payload frames, empty for size 0. */
    private static final int FRAMES = 4;
    private static final int BIG = 64 * 1024 * 1024;
    private static final int STREAM = 100_000;

    @ParameterizedTest(name = "gannet sends={0} {1}")
    @CsvSource({"true,tcp", "true,ipc", "false,tcp", "false,ipc"})
    void everySizeAndEmptyFramesCrossWhole(boolean gannetSends, String transport, LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket g = GannetSide.socket(ctx, gannetSends ? SocketType.PUSH : SocketType.PULL)) {
            LibzmqPeer peer = peers.peer(gannetSends ? SocketType.PULL : SocketType.PUSH)
                    .bind(endpoint(transport, peers)).mode(gannetSends ? "recv" : "send")
                    .sizes(SIZES).frames(FRAMES).count(2 * SIZES.length).start();
            g.connect(peer.awaitReady(WAIT));
            for (int seq = 0; seq < 2 * SIZES.length; seq++) {
                int size = SIZES[seq % SIZES.length];
                if (gannetSends) {
                    GannetSide.send(g, List.of(), NONE, seq, FRAMES - 1, size);
                } else {
                    GannetSide.expect(g, 0, NONE, seq, FRAMES - 1, size);
                }
            }
            if (gannetSends) {
                PeerSummary got = peer.awaitDone(WAIT);
                assertEquals(2 * SIZES.length, got.count(), got.text());
                long bytes = 0;
                for (int size : SIZES) {
                    bytes += 2L * (FRAMES - 1) * size;
                }
                assertEquals(bytes, got.getLong("bytes"));
            }
        }
    }

    @ParameterizedTest(name = "gannet sends={0} {1}")
    @CsvSource({"true,tcp", "true,ipc", "false,tcp", "false,ipc"})
    void sixtyFourMegabyteMessageCrossesIntact(boolean gannetSends, String transport, LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket g = GannetSide.socket(ctx, gannetSends ? SocketType.PUSH : SocketType.PULL)) {
            LibzmqPeer peer = peers.peer(gannetSends ? SocketType.PULL : SocketType.PUSH)
                    .bind(endpoint(transport, peers)).mode(gannetSends ? "recv" : "send")
                    .sizes(BIG).start();
            g.connect(peer.awaitReady(WAIT));
            if (gannetSends) {
                assertTrue(g.sendMore(PeerMessages.header(NONE, 0)));
                assertTrue(g.send(Unpooled.wrappedBuffer(PeerMessages.pattern(BIG, 1))), "64 MB frame queued");
                PeerSummary got = peer.awaitDone(Duration.ofSeconds(40));
                assertEquals(1, got.count());
                assertEquals(BIG, got.getLong("bytes"));
            } else {
                GannetSide.expect(g, 0, NONE, 0, 1, BIG);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tcp", "ipc"})
    void hundredThousandMessagesFromGannetArriveInOrder(String transport, LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket push = GannetSide.socket(ctx, SocketType.PUSH)) {
            LibzmqPeer pull = peers.peer(SocketType.PULL).bind(endpoint(transport, peers))
                    .mode("recv").count(STREAM).start();
            push.connect(pull.awaitReady(WAIT));
            for (int seq = 0; seq < STREAM; seq++) {
                assertTrue(push.send(PeerMessages.header(NONE, seq)), "message queued");
            }
            PeerSummary got = pull.awaitDone(Duration.ofSeconds(40));
            assertEquals(STREAM, got.count(), got.text());
            assertEquals(0, got.getLong("gaps"), got.text());
            assertEquals(STREAM - 1, got.getLong("last"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tcp", "ipc"})
    void hundredThousandMessagesFromLibzmqArriveInOrder(String transport, LibzmqPeers peers) {
        try (Context ctx = new Context(); Socket pull = GannetSide.socket(ctx, SocketType.PULL)) {
            pull.bind(endpoint(transport, peers));
            peers.peer(SocketType.PUSH).connect(pull.lastEndpoint()).mode("send").count(STREAM).start();
            byte[] header = new byte[PeerMessages.SEQ_DIGITS];
            try (Msg m = new Msg()) {
                for (int seq = 0; seq < STREAM; seq++) {
                    assertTrue(pull.recv(m, 0), "message " + seq + " arrived");
                    assertEquals(header.length, m.size());
                    m.data().getBytes(m.data().readerIndex(), header);
                    assertEquals(seq, PeerMessages.seqOf(header), "nothing lost or reordered");
                }
            }
        }
    }

    private static String endpoint(String transport, LibzmqPeers peers) {
        return "tcp".equals(transport) ? ANY_TCP : peers.ipcEndpoint("size.sock");
    }
}
