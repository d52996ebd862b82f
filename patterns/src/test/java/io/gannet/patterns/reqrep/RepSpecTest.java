package io.gannet.patterns.reqrep;

import static io.gannet.patterns.reqrep.SpecSupport.bind;
import static io.gannet.patterns.reqrep.SpecSupport.expect;
import static io.gannet.patterns.reqrep.SpecSupport.recvStrings;
import static io.gannet.patterns.reqrep.SpecSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gannet.Context;
import io.gannet.ErrorCode;
import io.gannet.GannetException;
import io.gannet.Msg;
import io.gannet.Socket;
import io.gannet.SocketType;
import io.gannet.patterns.reqrep.SpecSupport.Sockets;
import io.gannet.patterns.reqrep.SpecSupport.Transport;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 28 REP, following libzmq's test_spec_rep. */
class RepSpecTest {
    private static final String TRANSPORTS = "io.gannet.patterns.reqrep.SpecSupport#transports";

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void repFairQueuesRequestsAndRepliesToEachRequester(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            String ep = bind(rep, t);
            Socket[] reqs = new Socket[5];
            for (int i = 0; i < reqs.length; i++) {
                reqs[i] = s.make(SocketType.REQ);
                reqs[i].connect(ep);
            }
            for (int round = 0; round < 2; round++) {
                send(reqs[0], "A");
                expect(rep, "A");
                send(rep, "A");
                expect(reqs[0], "A");
            }
            for (int i = 0; i < reqs.length; i++) {
                send(reqs[i], String.valueOf((char) ('A' + i)));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < reqs.length; i++) {
                String request = recvStrings(rep).get(0);
                assertTrue(seen.add(request), "request " + request + " received twice");
                send(rep, request); // echo: each requester must get its own letter back
            }
            for (int i = 0; i < reqs.length; i++) {
                expect(reqs[i], String.valueOf((char) ('A' + i)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void repStripsAndRestoresTheEnvelope(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            Socket dealer = s.make(SocketType.DEALER);
            dealer.connect(bind(rep, t));

            send(dealer, "", "A"); // minimal envelope
            expect(rep, "A");
            send(rep, "A");
            expect(dealer, "", "A");

            send(dealer, "X", "Y", "", "A", "B"); // big envelope, two body frames
            expect(rep, "A", "B");
            send(rep, "C", "D");
            expect(dealer, "X", "Y", "", "C", "D");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void repAnswersThroughRouterAndDealer(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket frontend = s.make(SocketType.ROUTER);
            Socket backend = s.make(SocketType.DEALER);
            Socket req = s.make(SocketType.REQ);
            Socket rep = s.make(SocketType.REP);
            req.connect(bind(frontend, t));
            rep.connect(bind(backend, t));

            send(req, "hello");
            forward(frontend, backend); // a hand-written proxy hop: [id, "", "hello"]
            expect(rep, "hello");
            send(rep, "world");
            forward(backend, frontend);
            expect(req, "world");
        }
    }

    private static void forward(Socket from, Socket to) {
        boolean more;
        do {
            try (Msg m = from.recv(SpecSupport.TIMEOUT)) {
                assertTrue(m != null, "nothing to forward");
                more = m.hasMore();
                assertTrue(to.send(m, more ? Socket.SNDMORE : 0));
            }
        } while (more);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void repDiscardsRequestsWithoutDelimiter(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            Socket dealer = s.make(SocketType.DEALER);
            dealer.connect(bind(rep, t));
            send(dealer, "no", "delimiter");
            send(dealer, "only envelope", "");
            send(dealer, "", "good");
            expect(rep, "good");
            send(rep, "ok");
            expect(dealer, "", "ok");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void repSendBeforeRecvFailsWithEfsm(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            GannetException e = assertThrows(GannetException.class, () -> rep.send("too early"));
            assertEquals(ErrorCode.EFSM, e.code());
            assertTrue(e.getMessage().contains("REP must receive a request before sending a reply"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void repRecvTwiceFailsWithEfsm(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            Socket req = s.make(SocketType.REQ);
            req.connect(bind(rep, t));
            send(req, "q");
            expect(rep, "q");
            GannetException e = assertThrows(GannetException.class, () -> rep.recv(Socket.DONTWAIT));
            assertEquals(ErrorCode.EFSM, e.code());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TRANSPORTS)
    void repDropsReplyWhenRequesterHasGone(Transport t) {
        try (Context ctx = new Context(); Sockets s = new Sockets(ctx)) {
            Socket rep = s.make(SocketType.REP);
            String ep = bind(rep, t);
            Socket leaving = s.make(SocketType.REQ);
            leaving.connect(ep);
            send(leaving, "q1");
            expect(rep, "q1");
            leaving.close();
            assertTrue(rep.send("nobody listens"), "the reply is dropped, not refused");

            Socket staying = s.make(SocketType.REQ);
            staying.connect(ep);
            send(staying, "q2");
            expect(rep, "q2");
            send(rep, "r2");
            expect(staying, "r2");
        }
    }
}
