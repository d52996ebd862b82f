package io.gannet.patterns.reqrep;

import static io.gannet.patterns.reqrep.SpecSupport.assertNothing;
import static io.gannet.patterns.reqrep.SpecSupport.await;
import static io.gannet.patterns.reqrep.SpecSupport.bind;
import static io.gannet.patterns.reqrep.SpecSupport.expect;
import static io.gannet.patterns.reqrep.SpecSupport.recvFrame;
import static io.gannet.patterns.reqrep.SpecSupport.recvStrings;
import static io.gannet.patterns.reqrep.SpecSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Socket;
import io.gannet.SocketOption;
import io.gannet.SocketType;
import io.gannet.patterns.reqrep.SpecSupport.Sockets;
import io.gannet.patterns.reqrep.SpecSupport.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 28 DEALER, following libzmq's test_spec_dealer, plus HWM and PROBE_ROUTER. */
class DealerSpecTest {
    private static final String TRANSPORTS = "io.gannet.patterns.reqrep.SpecSupport#transports";

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void dealerRoundRobinsOutgoingMessages(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket dealer = s.make(SocketType.DEALER);
            Socket[] reps = new Socket[5];
            for (int i = 0; i < reps.length; i++) {
                reps[i] = s.make(SocketType.REP);
                dealer.connect(bind(reps[i], t));
            }
            for (int i = 0; i < reps.length; i++) {
                send(dealer, "", "ABC" + i);
            }
            for (int i = 0; i < reps.length; i++) {
                expect(reps[i], "ABC" + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void dealerFairQueuesIncomingMessages(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket receiver = s.make(SocketType.DEALER);
            String ep = bind(receiver, t);
            Socket[] senders = new Socket[5];
            for (int i = 0; i < senders.length; i++) {
                senders[i] = s.make(SocketType.DEALER);
                senders[i].connect(ep);
            }
            send(senders[0], "A");
            expect(receiver, "A");
            send(senders[0], "A");
            expect(receiver, "A");
            for (int i = 0; i < senders.length; i++) {
                for (int k = 0; k < 3; k++) {
                    send(senders[i], "B" + i, "#" + k);
                }
            }
            int[] next = new int[senders.length];
            for (int n = 0; n < 3 * senders.length; n++) {
                List<String> m = recvStrings(receiver);
                int from = m.get(0).charAt(1) - '0';
                assertEquals("#" + next[from]++, m.get(1), "each peer's messages stay in order");
            }
        }
    }

    /** Strict turn-taking is only observable when every message is queued before the first read. */
    @Test
    void dealerTakesOneMessageFromEachPeerInTurnOverInproc() {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket receiver = s.make(SocketType.DEALER);
            receiver.bind("inproc://dealer-fair");
            Socket[] senders = new Socket[4];
            for (int i = 0; i < senders.length; i++) {
                senders[i] = s.make(SocketType.DEALER);
                senders[i].connect("inproc://dealer-fair");
                for (int k = 0; k < 3; k++) {
                    send(senders[i], "P" + i);
                }
            }
            for (int round = 0; round < 3; round++) {
                Set<String> turn = new HashSet<>();
                for (int i = 0; i < senders.length; i++) {
                    turn.add(recvStrings(receiver).get(0));
                }
                assertEquals(Set.of("P0", "P1", "P2", "P3"), turn, "round " + round);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void dealerBlocksOnSendWithNoPeers(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket dealer = s.make(SocketType.DEALER);
            dealer.set(SocketOption.SNDTIMEO, 100);
            assertFalse(dealer.send("", Socket.DONTWAIT));
            assertFalse(dealer.send(""));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void dealerDropsTheQueueToALeavingPeerButDeliversWhatArrived(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket a = s.make(SocketType.DEALER);
            String ep = bind(a, t);
            Socket b = s.make(SocketType.DEALER);
            b.connect(ep);
            send(b, "DEF");
            await(() -> a.send("ABC", Socket.DONTWAIT), "A has a peer to send to");
            b.disconnect(ep);
            await(() -> !a.send("lost", Socket.DONTWAIT), "A has seen B leave");
            // Deliberately libzmq's behaviour, not RFC 28's "discard": what arrived is delivered,
            // so a peer that replies and exits at once does not lose its reply.
            expect(a, "DEF");
            assertNothing(a);
            b.connect(ep);
            // The queue towards the departed peer went with it: its successor gets nothing.
            assertNothing(b);
            assertNothing(a);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void dealerBlocksAtHwmAndResumesWhenThePeerReads(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket dealer = s.make(SocketType.DEALER);
            dealer.set(SocketOption.SNDHWM, 1);
            dealer.set(SocketOption.SNDBUF, 4096);
            Socket peer = s.make(SocketType.DEALER);
            peer.set(SocketOption.RCVHWM, 1);
            peer.set(SocketOption.RCVBUF, 4096);
            dealer.connect(bind(peer, t));
            // Sends succeed until the HWM (and, over a network, the small kernel buffers) are
            // full; then a blocking send waits and times out.
            dealer.set(SocketOption.SNDTIMEO, 200);
            int sent = 0;
            while (dealer.send("m" + sent)) {
                sent++;
                assertTrue(sent < 1_000_000, "the DEALER never reached its high-water mark");
            }
            assertTrue(sent > 0);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                got.add(recvStrings(peer).get(0));
            }
            assertEquals("m0", got.get(0));
            assertEquals("m" + (sent - 1), got.get(sent - 1), "nothing dropped at the HWM");
            dealer.set(SocketOption.SNDTIMEO, 5000);
            assertTrue(dealer.send("after"));
            expect(peer, "after");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void dealerProbesRouterOnConnect(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket router = s.make(SocketType.ROUTER);
            Socket dealer = s.make(SocketType.DEALER);
            dealer.set(SocketOption.PROBE_ROUTER, true);
            dealer.connect(bind(router, t));
            byte[] id = recvFrame(router, true);
            assertEquals(0, recvFrame(router, false).length, "the probe is one empty frame");
            assertTrue(router.send(id, Socket.SNDMORE));
            send(router, "known before any request");
            expect(dealer, "known before any request");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void optionOfAnotherSocketTypeFailsWithEinval(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket dealer = s.make(SocketType.DEALER);
            GannetException e = assertThrows(GannetException.class,
                    () -> dealer.set(SocketOption.ROUTER_MANDATORY, true));
            assertEquals(ErrorCode.EINVAL, e.code());
            Socket rep = s.make(SocketType.REP);
            assertEquals(ErrorCode.EINVAL, assertThrows(GannetException.class,
                    () -> rep.set(SocketOption.REQ_CORRELATE, true)).code());
        }
    }
}
