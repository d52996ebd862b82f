package io.gannet.transports.interop;

import static io.gannet.transports.interop.GannetSide.ANY_TCP;
import static io.gannet.transports.interop.GannetSide.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.gannet.Context;
import io.gannet.Msg;
import io.gannet.Multipart;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every compatible socket-type pair between Gannet and libzmq, with either side binding,
 * over tcp and ipc: {@value #COUNT} sequenced messages cross (and, for the request-reply
 * and echo pairs, come back), each checked by sequence number and content.
 *
 * <p>A {@link Pair} names the Gannet socket type first: {@code REP_REQ} is a Gannet REP
 * serving a libzmq REQ. Publishers cannot see when a subscription has arrived, so a
 * Gannet PUB (and a libzmq PUB, driven line by line) first sends warm-up messages on topic
 * {@code w} until one gets through, then the counted messages on topic {@code d}. Publisher
 * and subscriber high-water marks are unlimited there: a PUB drops at HWM by design.
 */
@LibzmqInterop
class SocketPairInteropTest {
    static final int COUNT = 1000;
    private static final int SIZE = 100;
    private static final byte[] NONE = new byte[0];
    private static final byte[] DATA = bytes("d");
    private static final byte[] WARM = bytes("w");
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] GANNET_ID = bytes("gannet");
    private static final byte[] LIBZMQ_ID = bytes("libzmq");

    enum Binder { GANNET_BINDS, LIBZMQ_BINDS }

    enum Transport { TCP, IPC }

    /** Gannet's socket type, libzmq's socket type, and how the two exchange messages. */
    enum Pair {
        PUSH_PULL(SocketType.PUSH, SocketType.PULL) {
            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.mode("recv").count(COUNT).size(SIZE);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                for (int seq = 0; seq < COUNT; seq++) {
                    GannetSide.send(g, List.of(), NONE, seq, 1, SIZE);
                }
                PeerSummary got = peer.awaitDone(WAIT);
                assertEquals(COUNT, got.count(), got.text());
                assertEquals(0, got.getLong("gaps"), got.text());
            }
        },
        PULL_PUSH(SocketType.PULL, SocketType.PUSH) {
            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.mode("send").count(COUNT).size(SIZE);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                for (int seq = 0; seq < COUNT; seq++) {
                    GannetSide.expect(g, 0, NONE, seq, 1, SIZE);
                }
            }
        },
        REQ_REP(SocketType.REQ, SocketType.REP) {
            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                requestEchoes(g, peer, List.of());
            }
        },
        REP_REQ(SocketType.REP, SocketType.REQ) {
            @Override
            PeerSpec peer(PeerSpec spec) {
                return requester(spec);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                echoRequests(g, peer, 0);
            }
        },
        REQ_ROUTER(SocketType.REQ, SocketType.ROUTER) {
            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                requestEchoes(g, peer, List.of());
            }
        },
        ROUTER_REQ(SocketType.ROUTER, SocketType.REQ) {
            @Override
            PeerSpec peer(PeerSpec spec) {
                return requester(spec);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                echoRequests(g, peer, 2);
            }
        },
        DEALER_REP(SocketType.DEALER, SocketType.REP) {
            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                requestEchoes(g, peer, List.of(EMPTY));
            }
        },
        REP_DEALER(SocketType.REP, SocketType.DEALER) {
            @Override
            PeerSpec peer(PeerSpec spec) {
                return requester(spec);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                echoRequests(g, peer, 0);
            }
        },
        DEALER_ROUTER(SocketType.DEALER, SocketType.ROUTER) {
            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                requestEchoes(g, peer, List.of());
            }
        },
        ROUTER_DEALER(SocketType.ROUTER, SocketType.DEALER) {
            @Override
            PeerSpec peer(PeerSpec spec) {
                return requester(spec);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                echoRequests(g, peer, 2);
            }
        },
        DEALER_DEALER(SocketType.DEALER, SocketType.DEALER) {
            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                requestEchoes(g, peer, List.of());
            }
        },
        ROUTER_ROUTER(SocketType.ROUTER, SocketType.ROUTER) {
            @Override
            void configure(Socket g) {
                g.set(SocketOption.ROUTING_ID, GANNET_ID);
                g.set(SocketOption.ROUTER_MANDATORY, true);
            }

            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.option("ROUTING_ID", "libzmq").mode("echo").count(COUNT);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) throws InterruptedException {
                for (int seq = 0; seq < COUNT; seq++) {
                    GannetSide.sendRouted(g, GannetSide.message(List.of(LIBZMQ_ID), NONE, seq, 1, SIZE));
                    List<byte[]> from = GannetSide.expect(g, 1, NONE, seq, 1, SIZE);
                    assertArrayEquals(LIBZMQ_ID, from.get(0), "the reply comes from the libzmq ROUTER's id");
                }
                assertEquals(COUNT, peer.awaitDone(WAIT).count());
            }
        },
        PUB_SUB(SocketType.PUB, SocketType.SUB) {
            @Override
            void configure(Socket g) {
                g.set(SocketOption.SNDHWM, 0);
            }

            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.option("RCVHWM", 0).mode("sub").subscribe("").count(0);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) throws InterruptedException {
                publishTo(g, peer);
            }
        },
        SUB_PUB(SocketType.SUB, SocketType.PUB) {
            @Override
            void configure(Socket g) {
                g.set(SocketOption.RCVHWM, 0);
                g.subscribe(NONE);
            }

            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.option("SNDHWM", 0).mode("lines");
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                subscribeFrom(g, peer);
            }
        },
        XPUB_SUB(SocketType.XPUB, SocketType.SUB) {
            @Override
            void configure(Socket g) {
                g.set(SocketOption.SNDHWM, 0);
            }

            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.option("RCVHWM", 0).mode("sub").subscribe("d").count(COUNT);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                try (Multipart subscription = GannetSide.recv(g)) {
                    assertArrayEquals(new byte[] {1, 'd'}, subscription.get(0).bytes());
                }
                for (int seq = 0; seq < COUNT; seq++) {
                    GannetSide.send(g, List.of(), DATA, seq, 1, SIZE);
                }
                assertEquals("64:" + COUNT, peer.awaitDone(WAIT).get("topics"));
                assertInOrder(peer, "TOPIC 64 ");
            }
        },
        SUB_XPUB(SocketType.SUB, SocketType.XPUB) {
            @Override
            void configure(Socket g) {
                g.subscribe(NONE);
            }

            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.mode("send").arg("--await-subscriptions", 1).count(COUNT).size(SIZE);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                for (int seq = 0; seq < COUNT; seq++) {
                    GannetSide.expect(g, 0, NONE, seq, 1, SIZE);
                }
                assertEquals("SUB -", peer.awaitLine("SUB", WAIT));
            }
        },
        PUB_XSUB(SocketType.PUB, SocketType.XSUB) {
            @Override
            void configure(Socket g) {
                g.set(SocketOption.SNDHWM, 0);
            }

            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.option("RCVHWM", 0).mode("xsub").subscribe("").count(0);
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) throws InterruptedException {
                publishTo(g, peer);
            }
        },
        XSUB_PUB(SocketType.XSUB, SocketType.PUB) {
            @Override
            void configure(Socket g) {
                g.set(SocketOption.RCVHWM, 0);
            }

            @Override
            PeerSpec peer(PeerSpec spec) {
                return spec.option("SNDHWM", 0).mode("lines");
            }

            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                assertTrue(g.send(new byte[] {1}), "subscribe to everything");
                subscribeFrom(g, peer);
            }
        },
        PAIR_PAIR(SocketType.PAIR, SocketType.PAIR) {
            @Override
            void exchange(Socket g, LibzmqPeer peer) {
                requestEchoes(g, peer, List.of());
            }
        };

        final SocketType gannet;
        final SocketType libzmq;

        Pair(SocketType gannet, SocketType libzmq) {
            this.gannet = gannet;
            this.libzmq = libzmq;
        }

        /** Gannet socket options, set before bind or connect. */
        void configure(Socket g) {
        }

        /** The libzmq peer's mode; an echo of {@link #COUNT} messages unless overridden. */
        PeerSpec peer(PeerSpec spec) {
            return spec.mode("echo").count(COUNT);
        }

        /** Moves the messages and checks them, on both sides. */
        abstract void exchange(Socket g, LibzmqPeer peer) throws InterruptedException;
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Pair pair : Pair.values()) {
            for (Binder binder : Binder.values()) {
                for (Transport transport : Transport.values()) {
                    all.add(Arguments.of(pair, binder, transport));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void sequencedMessagesCrossIntact(Pair pair, Binder binder, Transport transport, LibzmqPeers peers)
            throws InterruptedException {
        try (Context ctx = new Context(); Socket g = GannetSide.socket(ctx, pair.gannet)) {
            pair.configure(g);
            PeerSpec spec = peers.peer(pair.libzmq);
            String endpoint = transport == Transport.TCP ? ANY_TCP : peers.ipcEndpoint("pair.sock");
            LibzmqPeer peer;
            if (binder == Binder.GANNET_BINDS) {
                g.bind(endpoint);
                peer = pair.peer(spec.connect(g.lastEndpoint())).start();
                peer.awaitReady(WAIT);
            } else {
                peer = pair.peer(spec.bind(endpoint)).start();
                g.connect(peer.awaitReady(WAIT));
            }
            pair.exchange(g, peer);
        }
    }

    private static PeerSpec requester(PeerSpec spec) {
        return spec.mode("req").count(COUNT).size(SIZE);
    }

    /** Gannet asks, the libzmq peer echoes: request and reply must match, in order. */
    private static void requestEchoes(Socket g, LibzmqPeer peer, List<byte[]> envelope) {
        for (int seq = 0; seq < COUNT; seq++) {
            GannetSide.send(g, envelope, NONE, seq, 1, SIZE);
            GannetSide.expect(g, envelope.size(), NONE, seq, 1, SIZE);
        }
        assertEquals(COUNT, peer.awaitDone(WAIT).count());
    }

    /** The libzmq peer asks (its req mode checks every reply); Gannet checks and echoes. */
    private static void echoRequests(Socket g, LibzmqPeer peer, int envelopeFrames) {
        for (int seq = 0; seq < COUNT; seq++) {
            Multipart m = GannetSide.recv(g);
            GannetSide.check(m, envelopeFrames, NONE, seq, 1, SIZE);
            if (!g.send(m)) {
                m.close();
                throw new AssertionError("reply " + seq + " not sent");
            }
        }
        assertEquals(COUNT, peer.awaitDone(WAIT).count());
    }

    /** A Gannet publisher warms up until the libzmq subscriber sees topic w, then publishes. */
    private static void publishTo(Socket g, LibzmqPeer peer) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int k = 0; !sawLine(peer, "TOPIC 77 "); k++) {
            assertTrue(System.nanoTime() < deadline, "no warm-up message reached the subscriber");
            GannetSide.send(g, List.of(), WARM, k, 0, 0);
            Thread.sleep(10);
        }
        for (int seq = 0; seq < COUNT; seq++) {
            GannetSide.send(g, List.of(), DATA, seq, 1, SIZE);
        }
        peer.awaitLine("TOPIC 64 " + (COUNT - 1), WAIT);
        peer.stop();
        assertTrue(peer.awaitDone(WAIT).get("topics").contains("64:" + COUNT));
        assertInOrder(peer, "TOPIC 64 ");
    }

    /** A libzmq PUB in lines mode warms up until Gannet receives, then publishes pipelined. */
    private static void subscribeFrom(Socket g, LibzmqPeer peer) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int k = 0; ; k++) {
            assertTrue(System.nanoTime() < deadline, "no warm-up message reached Gannet");
            peer.send(WAIT, PeerMessages.header(WARM, k));
            Msg first = g.recv(Duration.ofMillis(10));
            if (first != null) {
                first.close();
                break;
            }
        }
        for (int seq = 0; seq < COUNT; seq++) {
            StringBuilder line = new StringBuilder("send");
            for (byte[] frame : PeerMessages.message(DATA, seq, 1, SIZE)) {
                line.append(' ').append(PeerMessages.hex(frame));
            }
            peer.writeLine(line.toString());
        }
        int seq = 0;
        while (seq < COUNT) {
            try (Multipart m = GannetSide.recv(g)) {
                if (PeerMessages.topicOf(m.get(0).bytes())[0] == 'w') {
                    continue;
                }
                GannetSide.check(m, 0, DATA, seq++, 1, SIZE);
            }
        }
        peer.awaitLines("SENT", COUNT, WAIT);
    }

    /** The peer's {@code TOPIC} lines with {@code prefix} carry sequence numbers 0, 1, 2... */
    private static void assertInOrder(LibzmqPeer peer, String prefix) {
        long next = 0;
        for (String line : peer.transcript()) {
            if (line.startsWith(prefix)) {
                assertEquals(next++, Long.parseLong(line.substring(prefix.length())), "order of " + prefix);
            }
        }
        assertEquals(COUNT, next);
    }

    private static boolean sawLine(LibzmqPeer peer, String prefix) {
        for (String line : peer.transcript()) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
